from frappe.model.document import Document


class ArchiveFullTextPage(Document):
	pass
