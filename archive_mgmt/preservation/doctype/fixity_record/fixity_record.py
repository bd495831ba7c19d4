from frappe.model.document import Document


class FixityRecord(Document):
	pass
