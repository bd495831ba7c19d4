from frappe.model.document import Document


class CareServiceRecord(Document):
	pass
