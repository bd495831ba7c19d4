import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.exceptions import PreservationPackageError

SCOPE_FIELDS = ("scope", "fonds", "year", "dossier")


class BackupSet(Document):
	def validate(self):
		self.validate_scope_fixed_once_packaged()

	def validate_scope_fixed_once_packaged(self):
		before = self.get_doc_before_save()
		if not before or not before.package:
			return
		if any(str(before.get(f) or "") != str(self.get(f) or "") for f in SCOPE_FIELDS):
			frappe.throw(
				_("The selection of a packaged backup set cannot change: register a new set"),
				exc=PreservationPackageError,
			)
