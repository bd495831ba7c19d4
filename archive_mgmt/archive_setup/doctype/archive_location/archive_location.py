import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet


class ArchiveLocation(NestedSet):
	nsm_parent_field = "parent_archive_location"

	def validate(self):
		self.validate_capacity()

	def validate_capacity(self):
		if (self.capacity or 0) < 0:
			frappe.throw(_("Capacity cannot be negative"))
