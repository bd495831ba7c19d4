from frappe.model.document import Document


class FourPropertyCheckResult(Document):
	pass
