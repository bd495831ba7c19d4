"""发文登记簿: every numbered outgoing document in number order, within the reader's clearance."""

import frappe
from frappe import _

from archive_mgmt.office import registers
from archive_mgmt.reports import column, link


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), registers.outgoing_rows(filters), None, None


def get_columns():
	return [
		link("name", _("Outgoing Office Document"), "Outgoing Office Document", 120),
		column("doc_number", _("Document Number"), "Data", 150),
		column("numbered_on", _("Numbered On"), "Date", 100),
		column("title", _("Title"), "Data", 240),
		column("document_kind", _("Document Kind"), "Data", 70),
		link("drafting_unit", _("Drafting Unit"), "Filing Unit", 100),
		column("drafter_name", _("Drafter"), "Data", 100),
		column("signer_name", _("Signed By"), "Data", 100),
		column("main_recipients", _("Main Recipients"), "Data", 180),
		column("copy_recipients", _("Copy Recipients"), "Data", 160),
		column("copies", _("Copies"), "Int", 60),
		column("secrecy_level", _("Secrecy Level"), "Data", 70),
		column("urgency", _("Urgency"), "Data", 70),
		column("status", _("Status"), "Data", 90),
		link("archive_item", _("Archive Item"), "Archive Item", 110),
	]
