from frappe.model.document import Document


class OfficeSupervisionRound(Document):
	"""A round of supervision (督办): what is required by when, and the handler's feedback (api/office.give_feedback)."""
