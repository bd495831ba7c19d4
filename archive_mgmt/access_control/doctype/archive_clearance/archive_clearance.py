"""Archive Clearance (密级授权): the highest secrecy level a user may learn of, set by the archive manager."""

import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.access_control import clearance
from archive_mgmt.exceptions import ClearanceError
from archive_mgmt.roles import ARCHIVE_MANAGER
from archive_mgmt.rules.clearance import raises


class ArchiveClearance(Document):
	def validate(self):
		self.validate_set_by_archive_manager()
		self.validate_not_raising_own()

	def on_update(self):
		clearance.clear_cache()

	def on_trash(self):
		self.validate_set_by_archive_manager()
		self.validate_not_raising_own(removing=True)
		clearance.clear_cache()

	def validate_set_by_archive_manager(self):
		user = frappe.session.user
		if user != "Administrator" and ARCHIVE_MANAGER not in frappe.get_roles(user):
			frappe.throw(_("Only the archive manager sets clearances"), exc=ClearanceError)

	def validate_not_raising_own(self, removing: bool = False):
		"""Nobody raises their own clearance, neither by editing it nor by removing it to fall back to the default."""
		if self.user != frappe.session.user:
			return
		before = self.get_doc_before_save()
		current = before.clearance if before else clearance.user_clearance(self.user)
		new = clearance.default_clearance(self.user) if removing else self.clearance
		if raises(current, new):
			frappe.throw(_("Nobody may raise their own clearance"), exc=ClearanceError)
