"""Checks of values that arrive from a user, a file or the API, each failing with a translated message."""

import frappe
from frappe import _
from frappe.utils import cint


def year(value, required: bool = True) -> int | None:
	"""A four-digit year (an int or its digits), or None when not required and empty."""
	if value in (None, "") and not required:
		return None
	text = str(value).strip()
	number = cint(text) if text.isdigit() else 0
	if not 1000 <= number <= 9999:
		frappe.throw(_("Year must be a four-digit year"), exc=frappe.ValidationError)
	return number


def existing(doctype: str, name, required: bool = True) -> str | None:
	"""The name of an existing ``doctype`` record, or None when not required and empty."""
	if not name and not required:
		return None
	if not name or not isinstance(name, str) or not frappe.db.exists(doctype, name):
		frappe.throw(_("{0} {1} not found").format(_(doctype), name or "-"), exc=frappe.DoesNotExistError)
	return name


def date_range(from_date, to_date):
	"""Two dates, the first not after the second (both required)."""
	from frappe.utils import getdate

	try:
		start, end = getdate(from_date), getdate(to_date)
	except Exception:
		start = end = None
	if not from_date or not to_date or not start or not end:
		frappe.throw(_("Give a valid period: from and to dates"), exc=frappe.ValidationError)
	if start > end:
		frappe.throw(_("The period's start is after its end"), exc=frappe.ValidationError)
	return start, end
