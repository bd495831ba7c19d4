import os

import frappe
from frappe import _
from frappe.model.document import Document


class ArchiveCatalogueImport(Document):
	def validate(self):
		self.set_title()

	def set_title(self):
		"""The record is known by its file (2024年文书目录.xlsx), not by its hash name."""
		file_name = self.import_file and (
			frappe.db.get_value("File", {"file_url": self.import_file}, "file_name")
			or os.path.basename(self.import_file)
		)
		self.title = file_name or _("Catalogue Import")
