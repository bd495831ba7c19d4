from frappe.model.document import Document


class DeclassificationReviewItem(Document):
	pass
