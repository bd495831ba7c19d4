"""Capture Batch: a period's documents of a capture rule, captured in the background (capture/batch.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from archive_mgmt.capture import batch as batches
from archive_mgmt.capture import report_output
from archive_mgmt.exceptions import CaptureError
from archive_mgmt.rules import capture as rules


class CaptureBatch(Document):
	def validate(self):
		self.validate_rule_enabled()
		self.set_period()
		self.validate_report_period_once()
		self.validate_not_running()

	def validate_rule_enabled(self):
		if not frappe.db.get_value("Archive Capture Rule", self.capture_rule, "enabled"):
			frappe.throw(_("Capture rule {0} is disabled").format(self.capture_rule), exc=CaptureError)

	def set_period(self):
		rule = frappe.get_cached_doc("Archive Capture Rule", self.capture_rule)
		frequency = rule.batch_frequency
		if self.month and not 1 <= cint(self.month) <= 12:
			frappe.throw(_("Month must be 1 to 12"), exc=CaptureError)
		if not 1900 <= cint(self.fiscal_year) <= 2999:
			frappe.throw(_("Year must be a four-digit year"), exc=CaptureError)
		if report_output.is_report_rule(rule):
			self.period_from, self.period_to = report_output.period_for(rule, self.fiscal_year, self.month)
			if rule.report_period == report_output.periods.ANNUAL:
				self.month = None
		elif frequency == rules.MONTHLY and self.month:
			self.period_from, self.period_to = rules.period_range(rules.MONTHLY, self.fiscal_year, self.month)
		else:
			self.month = None
			self.period_from, self.period_to = rules.period_range(rules.ANNUAL, self.fiscal_year)

	def validate_report_period_once(self):
		"""A report's output for a period is one item: one batch takes it (run that batch again to retry)."""
		if not report_output.is_report_rule(frappe.get_cached_doc("Archive Capture Rule", self.capture_rule)):
			return
		other = frappe.db.get_value(
			"Capture Batch",
			{
				"capture_rule": self.capture_rule,
				"period_from": self.period_from,
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("Capture batch {0} already takes this period of rule {1}").format(other, self.capture_rule),
				exc=CaptureError,
			)

	def validate_not_running(self):
		before = self.get_doc_before_save()
		if (
			before
			and before.status in (batches.QUEUED, batches.RUNNING)
			and (before.capture_rule != self.capture_rule or before.period_from != self.period_from)
		):
			frappe.throw(
				_("Capture batch {0} is running: it cannot change").format(self.name), exc=CaptureError
			)
