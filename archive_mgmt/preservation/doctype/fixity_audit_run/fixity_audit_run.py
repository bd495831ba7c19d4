from frappe.model.document import Document

from archive_mgmt.preservation import fixity


class FixityAuditRun(Document):
	def validate(self):
		fixity.validate_resolutions(self)
