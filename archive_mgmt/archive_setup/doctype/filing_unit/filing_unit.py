from frappe.model.document import Document

from archive_mgmt.archive_setup.masters import normalise_code, validate_code
from archive_mgmt.archive_setup.onboarding import tick_done_steps


class FilingUnit(Document):
	def before_naming(self):
		normalise_code(self, "unit_code")

	def validate(self):
		self.validate_code()

	def after_insert(self):
		tick_done_steps()

	def validate_code(self):
		validate_code(self, "unit_code", "unit")
