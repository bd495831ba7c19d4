from frappe.model.document import Document


class OfficeDocumentReader(Document):
	"""A reader a document is circulated to (传阅); they confirm reading through api/office.confirm_read."""
