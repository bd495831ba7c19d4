from frappe.model.document import Document


class CaptureBatchDocument(Document):
	pass
