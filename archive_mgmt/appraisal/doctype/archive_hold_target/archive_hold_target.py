from frappe.model.document import Document


class ArchiveHoldTarget(Document):
	pass
