from frappe.model.document import Document


class OutgoingDocumentRecipient(Document):
	"""A recipient of an outgoing document (主送/抄送) and the copies sent."""
