"""Whitelisted methods of the care-service files; each checks the caller's permission itself."""

import frappe

from archive_mgmt.care_files import closing


@frappe.whitelist(methods=["POST"])
def close_case(name: str, closing_summary: str | None = None) -> str:
	"""Close the case and archive it as an Archive Item; returns the item's name."""
	frappe.has_permission("Care Recipient File", "write", name, throw=True)
	return closing.close_case(name, closing_summary)
