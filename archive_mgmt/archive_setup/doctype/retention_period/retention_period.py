import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.archive_setup.masters import normalise_code
from archive_mgmt.exceptions import InvalidCodeError
from archive_mgmt.rules.retention import is_valid, label_of, years_of


class RetentionPeriod(Document):
	def before_naming(self):
		normalise_code(self, "period_code")

	def validate(self):
		self.validate_period_code()
		self.set_name_and_years()

	def validate_period_code(self):
		if not is_valid(self.period_code):
			frappe.throw(
				_(
					"Retention code {0} is not valid: use Y for permanent or D and a number of years, e.g. D30"
				).format(self.period_code),
				exc=InvalidCodeError,
			)

	def set_name_and_years(self):
		self.period_name = label_of(self.period_code)
		self.years = years_of(self.period_code)
