from frappe.model.document import Document


class AppraisalGroupMember(Document):
	pass
