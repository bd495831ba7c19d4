import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.exceptions import SamplingError
from archive_mgmt.preservation import sampling

# Fixed once the sample is drawn.
SAMPLE_FIELDS = ("fonds", "sample_percent", "seed")


class SamplingInspection(Document):
	def validate(self):
		self.draw_sample_when_new()
		self.validate_sample_unchanged()

	def after_insert(self):
		sampling.check_sample(self)

	def draw_sample_when_new(self):
		if self.is_new():
			sampling.draw_sample(self)

	def validate_sample_unchanged(self):
		before = self.get_doc_before_save()
		if before and any(str(before.get(f) or "") != str(self.get(f) or "") for f in SAMPLE_FIELDS):
			frappe.throw(_("The sample of an inspection cannot change once drawn"), exc=SamplingError)
