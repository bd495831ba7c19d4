from frappe.model.document import Document

from archive_mgmt.rules.retention import split_keywords


class RetentionRule(Document):
	def validate(self):
		self.set_keywords_normalised()

	def set_keywords_normalised(self):
		self.keywords = "，".join(split_keywords(self.keywords)) or None
