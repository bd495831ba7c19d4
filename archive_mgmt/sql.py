"""SQL the app writes by hand (permission conditions, bulk reads): values escaped, never interpolated raw."""

import frappe


def escaped_list(values) -> str:
	"""The values escaped and comma-separated, for an ``in (...)``."""
	return ", ".join(frappe.db.escape(v) for v in values)


def sql_in(column: str, values) -> str:
	"""``column in (...)`` with the values escaped (callers give a non-empty list)."""
	return f"{column} in ({escaped_list(values)})"
