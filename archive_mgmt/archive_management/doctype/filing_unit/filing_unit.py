from frappe.model.document import Document

from archive_mgmt.masters import validate_code


class FilingUnit(Document):
	def validate(self):
		self.unit_code = validate_code(self, "unit_code", "unit")
