from frappe.model.document import Document

from archive_mgmt.preservation import storage


class StorageInspection(Document):
	def validate(self):
		storage.prepare_inspection(self)
