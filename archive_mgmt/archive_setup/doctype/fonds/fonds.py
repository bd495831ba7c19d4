from frappe.model.document import Document

from archive_mgmt.archive_setup.masters import normalise_code, validate_code


class Fonds(Document):
	def before_naming(self):
		normalise_code(self, "fonds_code")

	def validate(self):
		self.validate_code()

	def validate_code(self):
		validate_code(self, "fonds_code", "fonds")
