"""Whitelisted methods of capture (前端控制); each checks permission itself."""

import frappe

from archive_mgmt.capture import batch as batches
from archive_mgmt.capture import capture, report_output


@frappe.whitelist()
def start_batch(name: str) -> dict:
	"""Start (or resume, or retry the errors of) a capture batch."""
	frappe.has_permission("Capture Batch", "write", name, throw=True)
	return batches.start(frappe.get_doc("Capture Batch", name))


@frappe.whitelist()
def capture_document(rule: str, source_name: str) -> str:
	"""Archive one submitted document by a capture rule now; returns the Archive Item (the same one on a
	second call). Office documents and other apps call this."""
	frappe.has_permission("Archive Capture Rule", "write", rule, throw=True)
	return capture.capture_one(rule, source_name)


@frappe.whitelist()
def capture_report_period(
	rule: str, year: int, month: int | None = None, value: str | None = None
) -> str | list[dict] | None:
	"""Archive a report rule's output for the period of ``year`` (and, below a year, of ``month``) now;
	returns the Archive Item (the same one on a second call). A rule split by a filter (总账 per account)
	returns the item of ``value`` (None when its output has no rows), or, without a value, each value's
	outcome: [{value, archive_item, error}]."""
	frappe.has_permission("Archive Capture Rule", "write", rule, throw=True)
	return report_output.capture_one(rule, year, month, value)


@frappe.whitelist()
def report_source(item: str) -> dict:
	"""The report and filters an Archive Item captured from a report's output was run with (read from the
	item's capture metadata), so that the desk opens the report as it was captured."""
	frappe.has_permission("Archive Item", "read", item, throw=True)
	return report_output.captured_run(item)


@frappe.whitelist()
def archived_items(doctype: str, name: str) -> list[dict]:
	"""The archive items captured from a document the user may read, as far as the user may see them
	(clearance applies: items above the user's clearance are left out)."""
	if doctype not in capture.captured_doctypes():
		return []
	frappe.has_permission(doctype, "read", name, throw=True)
	return [
		item
		for item in capture.items_of(doctype, name)
		if frappe.has_permission("Archive Item", "read", item["name"])
	]


@frappe.whitelist()
def captured_doctypes() -> list[str]:
	"""The DocTypes whose forms show their archive items (any desk user: names of DocTypes only)."""
	return capture.captured_doctypes()
