"""What the app's Script Reports share: column shapes, filter clauses, the borrower's name, count charts."""

from collections import Counter
from collections.abc import Iterable

import frappe
from frappe.query_builder.functions import Coalesce


def column(fieldname: str, label: str, fieldtype: str = "Data", width: int = 120, options: str | None = None):
	"""A report column (label already translated)."""
	col = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}
	if options:
		col["options"] = options
	return col


def link(fieldname: str, label: str, options: str, width: int = 120) -> dict:
	return column(fieldname, label, "Link", width, options)


def int_column(fieldname: str, label: str, width: int = 90) -> dict:
	return column(fieldname, label, "Int", width)


def data_column(fieldname: str, label: str, width: int = 140) -> dict:
	return column(fieldname, label, "Data", width)


def percent_column(fieldname: str, label: str, width: int = 100) -> dict:
	return column(fieldname, label, "Percent", width)


def where_equal(query, filters, fields: dict):
	"""Add `field == value` for every filter that has a value; fields maps filter name to column."""
	for name, field in fields.items():
		if filters.get(name):
			query = query.where(field == filters.get(name))
	return query


def where_period(query, field, filters, start: str = "from_date", end: str = "to_date"):
	"""Keep rows whose date falls in the filters' period (either end may be open)."""
	if filters.get(start):
		query = query.where(field >= filters.get(start))
	if filters.get(end):
		query = query.where(field <= filters.get(end))
	return query


def borrower_display(loan):
	"""How a loan names its borrower: the outside organisation, else the person's name, else the user."""
	return Coalesce(loan.external_organisation, loan.borrower_name, loan.borrower).as_("borrower_display")


def bar_chart(counts: Counter | dict, name: str, labels: Iterable | None = None) -> dict | None:
	"""A bar chart of counts; labels in the given order, else in the counts' order."""
	if not counts:
		return None
	labels = list(labels) if labels is not None else list(counts)
	return {
		"data": {
			"labels": [str(label) for label in labels],
			"datasets": [{"name": name, "values": [counts[label] for label in labels]}],
		},
		"type": "bar",
	}


def cancel_prepared_report_watchers(report_name: str | None = None) -> None:
	"""Frappe arms a timer when a Script Report starts (to make it a background, prepared report for good if the
	run takes over 15 s) and cancels it only when the report returns: after a run that raised (a refusal, a bad
	filter) the timer still fires. Cancels this site's timers for the report (all of them: None)."""
	import threading

	from frappe.core.doctype.report.report import enable_prepared_report

	for thread in threading.enumerate():
		if getattr(thread, "function", None) is enable_prepared_report:
			armed = getattr(thread, "kwargs", {})
			if armed.get("site") == frappe.local.site and report_name in (None, armed.get("report")):
				thread.cancel()
