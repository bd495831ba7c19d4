"""Whitelisted methods of the office's documents (收发文); each checks permission itself."""

import frappe
from frappe import _
from frappe.utils import now_datetime, today

from archive_mgmt.capture import capture
from archive_mgmt.exceptions import CaptureError, CirculationError, OfficeDocumentError
from archive_mgmt.office import capture_rules, documents
from archive_mgmt.roles import ARCHIVE_MANAGER, OFFICE_DIRECTOR, REGISTRY_CLERK
from archive_mgmt.workflow.states import COUNTERSIGNING

# Who archives a concluded office document in one click (归档).
ARCHIVING_ROLES = frozenset({REGISTRY_CLERK, OFFICE_DIRECTOR, ARCHIVE_MANAGER, "System Manager"})
# The office: who follows up a supervised document besides its handler (督办反馈).
OFFICE = frozenset({REGISTRY_CLERK, OFFICE_DIRECTOR})


def _checked_doctype(doctype: str) -> str:
	if doctype not in documents.DOCTYPES:
		frappe.throw(_("{0} is not an office document").format(doctype), exc=OfficeDocumentError)
	return doctype


@frappe.whitelist()
def archive(doctype: str, name: str) -> str:
	"""归档: the concluded document becomes an Archive Item through its capture rule; a second click returns
	the same item. The registry clerk, the office director or the archive manager archives it."""
	doc = frappe.get_doc(_checked_doctype(doctype), name)
	doc.check_permission("read")
	if not set(frappe.get_roles()) & ARCHIVING_ROLES:
		raise frappe.PermissionError(
			_("Only the registry clerk, the office director or the archive manager archives")
		)
	rule = capture_rules.rule_name(doctype)
	if not frappe.db.get_value("Archive Capture Rule", rule, "enabled"):
		frappe.throw(
			_(
				"Capture rule {0} is not enabled: name the filing unit of archived documents in Office Document Settings"
			).format(rule),
			exc=CaptureError,
		)
	item = capture.capture_one(rule, name)
	if doc.archive_item != item:
		doc.db_set("archive_item", item)
	return item


@frappe.whitelist()
def confirm_read(name: str) -> None:
	"""传阅: the reader confirms they have read the incoming document."""
	doc = frappe.get_doc(documents.INCOMING, name)
	doc.check_permission("read")
	row = next((r for r in doc.readers if r.user == frappe.session.user), None)
	if not row:
		frappe.throw(_("This document is not circulated to you"), exc=CirculationError)
	if row.confirmed:
		return
	frappe.db.set_value("Office Document Reader", row.name, {"confirmed": 1, "read_on": now_datetime()})
	doc.add_comment(
		"Info", _("Read and confirmed by {0}").format(frappe.utils.get_fullname(frappe.session.user))
	)


@frappe.whitelist()
def countersign(name: str, opinion: str) -> int:
	"""会签: the countersigner of a unit signs with their opinion; units sign in parallel, each its own row.
	Returns how many units have yet to sign."""
	doc = frappe.get_doc(documents.OUTGOING, name)
	doc.check_permission("read")
	if doc.workflow_state != COUNTERSIGNING:
		frappe.throw(_("{0} is not out for countersigning").format(name), exc=OfficeDocumentError)
	if not (opinion or "").strip():
		frappe.throw(_("Write your unit's countersign opinion"), exc=OfficeDocumentError)
	row = next((r for r in doc.countersigns if r.user == frappe.session.user and not r.done), None)
	if not row:
		frappe.throw(_("No unit of yours waits to countersign this document"), exc=OfficeDocumentError)
	frappe.db.set_value(
		"Office Countersign",
		row.name,
		{"done": 1, "opinion": opinion.strip(), "countersigned_on": now_datetime()},
	)
	# one statement: parallel countersigners each count what is left after their own row
	frappe.db.sql(
		"""update `tabOutgoing Office Document` set countersign_pending = (
			select count(*) from `tabOffice Countersign` where parent = %(name)s and parenttype = %(doctype)s and done = 0
		) where name = %(name)s""",
		{"name": name, "doctype": documents.OUTGOING},
	)
	doc.add_comment("Info", _("Countersigned for {0}: {1}").format(row.filing_unit, opinion.strip()))
	return frappe.db.get_value(documents.OUTGOING, name, "countersign_pending")


@frappe.whitelist()
def give_feedback(name: str, round_name: str, feedback: str) -> None:
	"""督办 feedback: the handler (or the office) reports on one supervision round."""
	doc = frappe.get_doc(documents.INCOMING, name)
	doc.check_permission("read")
	if frappe.session.user != doc.handler and not set(frappe.get_roles()) & OFFICE:
		raise frappe.PermissionError(_("Only the handler or the office gives feedback"))
	row = next((r for r in doc.supervision_rounds if r.name == round_name), None)
	if not row or not (feedback or "").strip():
		frappe.throw(_("Choose the supervision round and write the feedback"), exc=OfficeDocumentError)
	frappe.db.set_value(
		"Office Supervision Round",
		row.name,
		{"feedback": feedback.strip(), "feedback_on": today(), "feedback_by": frappe.session.user},
	)
