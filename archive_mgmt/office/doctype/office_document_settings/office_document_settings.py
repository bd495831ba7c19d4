from frappe.model.document import Document

from archive_mgmt.office import capture_rules, numbering


class OfficeDocumentSettings(Document):
	def validate(self):
		numbering.check_pattern(self.incoming_number_pattern)
		numbering.check_pattern(self.outgoing_number_pattern)

	def on_update(self):
		if self.has_value_changed("archive_filing_unit") and self.archive_filing_unit:
			capture_rules.enable(self.archive_filing_unit)
