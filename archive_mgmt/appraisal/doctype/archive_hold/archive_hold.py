"""Archive Hold (冻结): while active, nothing it names (items, or dossiers and their items) leaves the archive."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from archive_mgmt.exceptions import HoldError


class ArchiveHold(Document):
	def validate(self):
		self.validate_targets()
		self.validate_not_reactivated()
		self.set_release()

	def on_trash(self):
		self.validate_released_before_deletion()

	def validate_targets(self):
		seen = set()
		for row in self.targets:
			if bool(row.archive_item) == bool(row.dossier):
				frappe.throw(
					_("Row {0}: name either an archive item or a dossier").format(row.idx), exc=HoldError
				)
			key = row.archive_item or row.dossier
			if key in seen:
				frappe.throw(_("{0} is named twice in this hold").format(key), exc=HoldError)
			seen.add(key)

	def validate_not_reactivated(self):
		before = self.get_doc_before_save()
		if before and not before.active and self.active:
			frappe.throw(_("A released hold cannot be reactivated: create a new hold"), exc=HoldError)

	def set_release(self):
		if self.active:
			self.released_on = self.released_by = None
		elif not self.released_on:
			self.released_on = now_datetime()
			self.released_by = frappe.session.user

	def validate_released_before_deletion(self):
		if self.active:
			frappe.throw(_("Release hold {0} before deleting it").format(self.name), exc=HoldError)
