import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.access_control import clearance
from archive_mgmt.exceptions import LoanError
from archive_mgmt.roles import ARCHIVE_MANAGER

# A loan has been used once its items were handed out.
USED_STATES = ("Issued", "Items Returned", "Completed")


class UtilizationEffectRecord(Document):
	def validate(self):
		self.validate_loan_was_used()
		self.validate_filled_by_borrower()
		self.validate_one_record_per_loan()
		self.validate_items_from_the_loan()
		self.set_secrecy_level()

	def on_update(self):
		self.link_from_loan()

	def on_trash(self):
		frappe.db.set_value("Loan Request", self.loan_request, "effect_record", None, update_modified=False)

	def loan(self):
		return frappe.db.get_value(
			"Loan Request", self.loan_request, ["workflow_state", "owner", "borrower"], as_dict=True
		)

	def validate_loan_was_used(self):
		loan = self.loan()
		if not loan or loan.workflow_state not in USED_STATES:
			frappe.throw(
				_("The utilization effect is recorded after the items were issued on loan {0}").format(
					self.loan_request
				),
				exc=LoanError,
			)

	def validate_filled_by_borrower(self):
		loan = self.loan()
		if frappe.session.user in (loan.owner, loan.borrower, "Administrator"):
			return
		if ARCHIVE_MANAGER not in frappe.get_roles():
			frappe.throw(
				_("Only the borrower or the Archive Manager fills the utilization effect record"),
				exc=frappe.PermissionError,
			)

	def validate_one_record_per_loan(self):
		other = frappe.db.get_value(
			"Utilization Effect Record",
			{"loan_request": self.loan_request, "name": ("!=", self.name)},
			"name",
		)
		if other:
			frappe.throw(
				_("Loan {0} already has its utilization effect record {1}").format(self.loan_request, other),
				exc=LoanError,
			)

	def validate_items_from_the_loan(self):
		lent = set(
			frappe.get_all(
				"Loan Request Item",
				filters={"parent": self.loan_request, "parenttype": "Loan Request"},
				pluck="archive_item",
			)
		)
		if not self.items:
			for item in sorted(lent):
				self.append("items", {"archive_item": item})
		foreign = [row.archive_item for row in self.items if row.archive_item not in lent]
		if foreign:
			frappe.throw(
				_("Not lent on loan {0}: {1}").format(self.loan_request, ", ".join(foreign)), exc=LoanError
			)

	def set_secrecy_level(self):
		"""The document copies its items' titles: it is as secret as the most secret of them."""
		clearance.set_secrecy_level(self)

	def link_from_loan(self):
		frappe.db.set_value(
			"Loan Request", self.loan_request, "effect_record", self.name, update_modified=False
		)
