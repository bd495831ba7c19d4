from frappe.model.document import Document


class ArchiveCatalogueImport(Document):
	pass
