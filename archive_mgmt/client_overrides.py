"""Frappe's own whitelisted methods that ignore permissions, replaced by ones that keep them.

``frappe.client.get_count`` (Frappe 15.55) counts every row of any DocType, with any filters, for
anyone logged in: an oracle for protected records (``{"id_number": "…"}`` on a care file, a secret
item's title). Ours counts what ``frappe.get_list`` lets the caller see, as the desk's list count does.
"""

import frappe
from frappe.client import get_safe_filters


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=[f"count(distinct `tab{doctype}`.`name`) as total_count"],
		order_by=None,
	)
	return rows[0].total_count if rows else 0
