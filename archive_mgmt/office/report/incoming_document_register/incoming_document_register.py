"""收文登记簿: every registered incoming document in receipt order, within the reader's clearance."""

import frappe
from frappe import _

from archive_mgmt.office import registers
from archive_mgmt.reports import column, link


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), registers.incoming_rows(filters), None, None


def get_columns():
	return [
		link("name", _("Incoming Office Document"), "Incoming Office Document", 120),
		column("receipt_no", _("Receipt Number"), "Data", 120),
		column("receipt_date", _("Receipt Date"), "Date", 100),
		column("sender_organisation", _("Sending Organisation"), "Data", 160),
		column("sender_doc_number", _("Sender's Document Number"), "Data", 140),
		column("title", _("Title"), "Data", 240),
		column("copies", _("Copies"), "Int", 60),
		column("secrecy_level", _("Secrecy Level"), "Data", 70),
		column("urgency", _("Urgency"), "Data", 70),
		column("deadline", _("Handling Deadline"), "Date", 100),
		link("handling_unit", _("Handling Unit"), "Filing Unit", 100),
		link("handler", _("Handler"), "User", 120),
		column("status", _("Status"), "Data", 90),
		column("concluded_on", _("Concluded On"), "Date", 100),
		link("archive_item", _("Archive Item"), "Archive Item", 110),
	]
