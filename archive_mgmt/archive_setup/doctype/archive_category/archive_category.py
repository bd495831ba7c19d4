from frappe.utils.nestedset import NestedSet

from archive_mgmt.archive_setup.masters import normalise_code, validate_code


class ArchiveCategory(NestedSet):
	nsm_parent_field = "parent_archive_category"

	def before_naming(self):
		normalise_code(self, "category_code")

	def validate(self):
		self.validate_code()

	def validate_code(self):
		validate_code(self, "category_code", "class")
