"""办理时效: incoming documents handled, by handling unit and month of receipt: how many, concluded, on time,
overdue, and the average days from receipt to conclusion."""

import frappe
from frappe import _

from archive_mgmt.office import registers
from archive_mgmt.reports import column, int_column, link, percent_column


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), registers.timeliness_rows(filters), None, None


def get_columns():
	return [
		link("handling_unit", _("Handling Unit"), "Filing Unit", 120),
		column("month", _("Month"), "Data", 90),
		int_column("received", _("Documents", context="Handling Timeliness")),
		int_column("concluded", _("Concluded")),
		int_column("on_time", _("Concluded on Time")),
		int_column("overdue", _("Overdue")),
		percent_column("on_time_rate", _("On-time Rate")),
		column("average_days", _("Average Days to Conclude"), "Float", 110),
	]
