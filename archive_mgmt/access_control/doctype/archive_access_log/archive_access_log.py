"""Archive Access Log (档案利用审计日志): written by the app (access_log.py), never edited or deleted; each
row is a link of the audit chain (audit_chain.py)."""

import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.access_control import audit_chain
from archive_mgmt.exceptions import AccessLogLockedError


class ArchiveAccessLog(Document):
	def before_insert(self):
		audit_chain.place(self)

	def after_insert(self):
		audit_chain.seal(self)

	def validate(self):
		self.validate_written_by_app()
		self.validate_not_edited()

	def on_trash(self):
		frappe.throw(_("The access log cannot be deleted"), exc=AccessLogLockedError)

	def before_rename(self, old, new, merge=False):
		frappe.throw(_("The access log cannot be edited"), exc=AccessLogLockedError)

	def validate_written_by_app(self):
		if self.is_new() and not frappe.flags.writing_archive_access_log:
			frappe.throw(_("The access log is written by the system only"), exc=AccessLogLockedError)

	def validate_not_edited(self):
		if not self.is_new():
			frappe.throw(_("The access log cannot be edited"), exc=AccessLogLockedError)
