from frappe.model.document import Document


class UtilizationEffectItem(Document):
	pass
