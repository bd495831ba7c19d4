from frappe.model.document import Document


class DestructionBatchItem(Document):
	pass
