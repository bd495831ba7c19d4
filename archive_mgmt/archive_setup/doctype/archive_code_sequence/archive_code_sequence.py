from frappe.model.document import Document


class ArchiveCodeSequence(Document):
	"""A reference-code counter; written only by archive_mgmt.archive_setup.reference_codes."""
