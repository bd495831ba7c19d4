"""督办台账: supervised and overdue incoming documents, overdue first, with their rounds and feedback."""

import frappe
from frappe import _

from archive_mgmt.office import registers
from archive_mgmt.reports import column, link


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), registers.supervision_rows(filters), None, None


def get_columns():
	return [
		link("name", _("Incoming Office Document"), "Incoming Office Document", 120),
		column("receipt_no", _("Receipt Number"), "Data", 120),
		column("title", _("Title"), "Data", 220),
		column("supervision_matter", _("Supervision Matter"), "Data", 200),
		link("handling_unit", _("Handling Unit"), "Filing Unit", 100),
		link("handler", _("Handler"), "User", 120),
		column("deadline", _("Handling Deadline"), "Date", 100),
		column("days_overdue", _("Days Overdue"), "Int", 80),
		column("rounds", _("Supervision Rounds"), "Int", 80),
		column("rounds_open", _("Rounds Without Feedback"), "Int", 100),
		column("last_feedback", _("Latest Feedback"), "Data", 200),
		column("status", _("Status"), "Data", 90),
	]
