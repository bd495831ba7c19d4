from frappe.model.document import Document


class CareFileCounsellor(Document):
	pass
