"""The base of the controllers of audited records (Archive Item, Dossier): opening the form and printing
are written to the Archive Access Log for records at 秘密 or above."""

from frappe.model.document import Document

from archive_mgmt.access_control import access_log


class AuditedRecord(Document):
	def onload(self):
		access_log.on_form_load(self)

	def before_print(self, settings=None):
		access_log.on_print(self)
