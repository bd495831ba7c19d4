"""Whitelisted methods of statistics: the number cards of the 档案管理 workspace (type Custom) and the annual
report's download. Each card checks who asks, then reads the counts.

Totals (items held, filed this year, on loan, overdue, due for appraisal) are for the roles allowed to see
totals (statistics/tables.TOTALS_ROLES: their cards are hidden from everyone else); "pending my approval"
counts the user's inbox (Workflow Action) as they may read it.
"""

import frappe
from frappe.utils import getdate, today

from archive_mgmt import inputs
from archive_mgmt.api import send_file
from archive_mgmt.rules.status import ON_LOAN
from archive_mgmt.statistics import annual_report, counts
from archive_mgmt.statistics.tables import HELD, check_totals_access, report_run, totals_only


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
@totals_only
def items_held(filters=None) -> dict:
	return card(held_total({"status": HELD}), ["query-report", "Holdings Statistics"])


@frappe.whitelist()
@totals_only
def filed_this_year(filters=None) -> dict:
	year = getdate(today()).year
	rows = counts.totals(counts.UNITS, (), {"filed_year": year})
	return card(rows[0]["items"] if rows else 0, ["query-report", "Additions Statistics"])


@frappe.whitelist()
@totals_only
def on_loan(filters=None) -> dict:
	return card(held_total({"status": ON_LOAN}), ["List", "Archive Item"], {"status": ON_LOAN})


@frappe.whitelist()
@totals_only
def overdue_loans(filters=None) -> dict:
	count = frappe.db.sql(
		"select count(*) from `tabLoan Request` where `workflow_state` = 'Issued' and `due_date` < %s",
		today(),
	)[0][0]
	return card(count, ["query-report", "Overdue Loans"])


@frappe.whitelist()
@totals_only
def due_for_appraisal(filters=None) -> dict:
	"""Held items (filed or on loan, as the report lists them) whose retention has expired: whole past years
	from the counts, this year by the index."""
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
	"""What waits for the user in Frappe's inbox (Workflow Action), counted as its list shows it to them: only
	documents they may read (Workflow Action is one of access_control/copies.py's COPIES)."""
	count = frappe.get_list("Workflow Action", filters={"status": "Open"}, fields=["count(*) as pending"])
	return card(count[0].pending if count else 0, ["List", "Workflow Action"], {"status": "Open"})


@frappe.whitelist()
def download(year: int | str, fonds: str | None = None):
	"""档案工作年报 as an Excel workbook, for the roles allowed to see totals."""
	check_totals_access()
	year = inputs.year(year)
	fonds = inputs.existing("Fonds", fonds, required=False)
	send_file(f"档案工作年报-{year}.xlsx", annual_report.build(year, fonds))


@frappe.whitelist()
def run_report(report_name: str, **kwargs):
	"""frappe.desk.query_report.run, inside statistics.tables.report_run (totals refused before the run, no
	watcher left by a run that raises)."""
	from frappe.desk import query_report

	with report_run(report_name):
		return frappe.call(query_report.run, report_name=report_name, **kwargs)
