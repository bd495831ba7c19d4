from frappe.model.document import Document

from archive_mgmt.masters import validate_code


class Fonds(Document):
	def validate(self):
		self.fonds_code = validate_code(self, "fonds_code", "fonds")
