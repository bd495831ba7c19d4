"""Whitelisted methods of statistics: the number cards of the 档案管理 workspace (type Custom) and the annual
report's download. Each card checks who asks, then reads the counts.

Totals (items held, filed this year, on loan, overdue, due for appraisal) are for the roles allowed to see
totals (statistics/tables.TOTALS_ROLES); "pending my approval" counts only documents the user may read.
"""

import frappe
from frappe.utils import getdate, today

from archive_mgmt import inputs
from archive_mgmt.api import send_file
from archive_mgmt.rules.status import ON_LOAN
from archive_mgmt.statistics import annual_report, counts
from archive_mgmt.statistics.tables import HELD, check_totals_access

# The workflows whose pending documents a user may act on, and the DocType each runs on.
APPROVAL_DOCTYPES = ("Archive Item", "Loan Request", "Destruction Batch", "Handover List")


def card(value: int, route: list, route_options: dict | None = None) -> dict:
	return {
		"value": int(value or 0),
		"fieldtype": "Int",
		"route": route,
		"route_options": route_options or {},
	}


def held_total(where: dict) -> int:
	rows = counts.totals(counts.HOLDINGS, (), where)
	return rows[0]["items"] or 0 if rows else 0


@frappe.whitelist()
def items_held(filters=None) -> dict:
	check_totals_access()
	return card(held_total({"status": HELD}), ["query-report", "Holdings Statistics"])


@frappe.whitelist()
def filed_this_year(filters=None) -> dict:
	check_totals_access()
	year = getdate(today()).year
	rows = counts.totals(counts.UNITS, (), {"filed_year": year})
	return card(rows[0]["items"] if rows else 0, ["query-report", "Additions Statistics"])


@frappe.whitelist()
def on_loan(filters=None) -> dict:
	check_totals_access()
	return card(held_total({"status": ON_LOAN}), ["List", "Archive Item"], {"status": ON_LOAN})


@frappe.whitelist()
def overdue_loans(filters=None) -> dict:
	check_totals_access()
	count = frappe.db.sql(
		"select count(*) from `tabLoan Request` where `workflow_state` = 'Issued' and `due_date` < %s",
		today(),
	)[0][0]
	return card(count, ["query-report", "Overdue Loans"])


@frappe.whitelist()
def due_for_appraisal(filters=None) -> dict:
	"""Held items (filed or on loan, as the report lists them) whose retention has expired: whole past years
	from the counts, this year by the index."""
	check_totals_access()
	on = getdate(today())
	past = counts.totals(counts.EXPIRY, (), {"status": HELD, "expiry_year": range(1, on.year)})
	this_year = frappe.db.sql(
		"""select count(*) from `tabArchive Item` where `status` in %s
		and `expiry_date` between %s and %s""",
		(HELD, f"{on.year}-01-01", on),
	)[0][0]
	return card((past[0]["items"] or 0 if past else 0) + this_year, ["query-report", "Due for Appraisal"])


@frappe.whitelist()
def pending_my_approval(filters=None) -> dict:
	"""Documents waiting in a workflow state where one of the user's roles may act, among those they may read."""
	roles = set(frappe.get_roles())
	total = 0
	for doctype in APPROVAL_DOCTYPES:
		workflow = frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1}, "name")
		if not workflow or not frappe.has_permission(doctype, "read"):
			continue
		transitions = frappe.get_all(
			"Workflow Transition", filters={"parent": workflow}, fields=["state", "allowed", "next_state"]
		)
		states = {t.state for t in transitions if t.allowed in roles and t.state != "Draft"}
		if states:
			rows = frappe.get_list(
				doctype, filters={"workflow_state": ("in", sorted(states))}, fields=["count(*) as pending"]
			)
			total += rows[0].pending if rows else 0
	return card(total, ["List", "Workflow Action"])


@frappe.whitelist()
def download(year: int | str, fonds: str | None = None):
	"""档案工作年报 as an Excel workbook, for the roles allowed to see totals."""
	check_totals_access()
	year = inputs.year(year)
	fonds = inputs.existing("Fonds", fonds, required=False)
	send_file(f"档案工作年报-{year}.xlsx", annual_report.build(year, fonds))
