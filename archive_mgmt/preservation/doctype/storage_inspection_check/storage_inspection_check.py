from frappe.model.document import Document


class StorageInspectionCheck(Document):
	pass
