from frappe.model.document import Document


class DossierContent(Document):
	pass
