from frappe.model.document import Document


class DestructionSupervisor(Document):
	pass
