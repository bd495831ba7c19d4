from frappe.model.document import Document

from archive_mgmt.archive_setup.masters import normalise_code, set_default_fonds, validate_code
from archive_mgmt.archive_setup.onboarding import tick_done_steps


class Fonds(Document):
	def before_naming(self):
		normalise_code(self, "fonds_code")

	def validate(self):
		self.validate_code()

	def after_insert(self):
		set_default_fonds()
		tick_done_steps()

	def after_delete(self):
		set_default_fonds()

	def validate_code(self):
		validate_code(self, "fonds_code", "fonds")
