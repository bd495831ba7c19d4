import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.archive_setup.reference_codes import checked_pattern
from archive_mgmt.exceptions import InvalidCodeError


class ArchiveSettings(Document):
	def validate(self):
		self.validate_code_patterns()

	def validate_code_patterns(self):
		for field, sequence in (
			("reference_code_pattern", "item_no"),
			("dossier_code_pattern", "dossier_no"),
		):
			text = (self.get(field) or "").strip()
			pattern = checked_pattern(text)
			if pattern.sequence_field != sequence:
				frappe.throw(
					_("{0} must number with {1}").format(_(self.meta.get_label(field)), "{" + sequence + "}"),
					exc=InvalidCodeError,
				)
			self.set(field, text)
