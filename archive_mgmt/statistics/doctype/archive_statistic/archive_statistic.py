from frappe.model.document import Document


class ArchiveStatistic(Document):
	"""A maintained count (档案统计); written only by archive_mgmt.statistics.counts."""
