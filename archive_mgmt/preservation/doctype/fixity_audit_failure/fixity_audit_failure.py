from frappe.model.document import Document


class FixityAuditFailure(Document):
	pass
