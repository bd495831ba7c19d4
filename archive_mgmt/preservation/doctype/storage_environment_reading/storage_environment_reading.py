from frappe.model.document import Document

from archive_mgmt.preservation import storage


class StorageEnvironmentReading(Document):
	def validate(self):
		storage.flag_reading(self)

	def after_insert(self):
		storage.notify_out_of_range(self)
