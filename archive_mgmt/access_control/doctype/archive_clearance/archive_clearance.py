"""Archive Clearance (密级授权): the highest secrecy level a user may learn of, set by the security officer
(安全保密员), never raised by oneself, never above 公开 for a holder of a separated duty; every change goes
into the audit chain."""

import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.access_control import access_log, clearance
from archive_mgmt.exceptions import ClearanceError
from archive_mgmt.roles import DUTIES, SECURITY_OFFICER
from archive_mgmt.rules.clearance import PUBLIC, raises, within_duty


class ArchiveClearance(Document):
	def validate(self):
		self.validate_set_by_security_officer()
		self.validate_not_raising_own()
		self.validate_within_duty()

	def on_update(self):
		before = self.get_doc_before_save()
		if not before or before.clearance != self.clearance:
			self.record((before.clearance if before else "-") + " → " + self.clearance)
		clearance.clear_cache()

	def on_trash(self):
		self.validate_set_by_security_officer()
		self.validate_not_raising_own(removing=True)
		self.record(self.clearance + " → " + _("default"))
		clearance.clear_cache()

	def validate_set_by_security_officer(self):
		user = frappe.session.user
		if user != "Administrator" and SECURITY_OFFICER not in frappe.get_roles(user):
			frappe.throw(_("Only the security officer sets clearances"), exc=ClearanceError)

	def validate_not_raising_own(self, removing: bool = False):
		"""Nobody raises their own clearance, neither by editing it nor by removing it to fall back to the default."""
		if self.user != frappe.session.user:
			return
		before = self.get_doc_before_save()
		current = before.clearance if before else clearance.user_clearance(self.user)
		new = clearance.default_clearance(self.user) if removing else self.clearance
		if raises(current, new):
			frappe.throw(_("Nobody may raise their own clearance"), exc=ClearanceError)

	def validate_within_duty(self):
		"""A System Manager, security officer or security auditor reads no archive record above 公开."""
		if self.user == "Administrator":
			return
		if within_duty(self.clearance, frappe.get_roles(self.user), DUTIES) != self.clearance:
			frappe.throw(
				_(
					"{0} holds one of the separated duties (System Manager, Security Officer, Security Auditor): their clearance cannot be above {1}"
				).format(self.user, PUBLIC),
				exc=ClearanceError,
			)

	def record(self, detail: str):
		access_log.record_change(access_log.CLEARANCE_CHANGE, self.doctype, self.name, detail, self.clearance)
