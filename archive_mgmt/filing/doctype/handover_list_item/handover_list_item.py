from frappe.model.document import Document


class HandoverListItem(Document):
	pass
