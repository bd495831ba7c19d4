from frappe.model.document import Document


class SamplingInspectionItem(Document):
	pass
