"""Whitelisted helpers for the filing forms; each checks the caller's permission itself."""

import frappe
from frappe import _

from archive_mgmt import reference_codes
from archive_mgmt.retention import matching_rule
from archive_mgmt.rules.reference_code import CodeValueError


@frappe.whitelist()
def retention_default(category: str, title: str | None = None) -> dict:
	"""The retention period and secrecy level the matching Retention Rule suggests."""
	frappe.has_permission("Archive Item", "create", throw=True)
	if not category or not frappe.db.exists("Archive Category", category):
		frappe.throw(_("Archive Category {0} does not exist").format(category or "-"))
	rule = matching_rule(category, title)
	if not rule:
		return {}
	return {
		"rule": rule.name,
		"retention_period": rule.retention_period,
		"secrecy_level": rule.default_secrecy_level,
	}


@frappe.whitelist()
def preview_reference_code(name: str) -> str | None:
	"""The reference code the item has, or would get if filed now."""
	doc = frappe.get_doc("Archive Item", name)
	doc.check_permission("read")
	if doc.reference_code:
		return doc.reference_code
	try:
		return reference_codes.preview(doc)
	except CodeValueError:
		return None
