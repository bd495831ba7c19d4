from frappe.model.document import Document


class LoanRequestItem(Document):
	pass
