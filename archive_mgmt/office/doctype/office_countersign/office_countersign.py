from frappe.model.document import Document


class OfficeCountersign(Document):
	"""A unit that countersigns an outgoing document (会签); its countersigner signs through api/office.countersign."""
