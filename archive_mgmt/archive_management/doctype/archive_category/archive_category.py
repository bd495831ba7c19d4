from frappe.utils.nestedset import NestedSet

from archive_mgmt.masters import validate_code


class ArchiveCategory(NestedSet):
	nsm_parent_field = "parent_archive_category"

	def validate(self):
		self.category_code = validate_code(self, "category_code", "class")
