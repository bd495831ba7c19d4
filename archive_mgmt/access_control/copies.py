"""Frappe's DocTypes that copy a record (its versions, comments, files, to-dos, notifications, e-mails, timeline,
views, follows, inbox): the fields by which each names the record it copies. Their permission hooks
(access_control.permissions.copy_query, copy_permission) make each follow the record it names.

No frappe import: hooks.py reads it."""

COPIES = {
	"Version": ("ref_doctype", "docname"),
	"Comment": ("reference_doctype", "reference_name"),
	"ToDo": ("reference_type", "reference_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
	"Notification Log": ("document_type", "document_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"Activity Log": ("reference_doctype", "reference_name"),
	"View Log": ("reference_doctype", "reference_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"Workflow Action": ("reference_doctype", "reference_name"),
}
