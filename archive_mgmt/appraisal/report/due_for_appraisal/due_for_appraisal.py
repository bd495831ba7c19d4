"""Due for Appraisal (到期档案鉴定清单): filed items whose retention has ended, with holds and loans shown."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from archive_mgmt.access_control import clearance
from archive_mgmt.appraisal import holds
from archive_mgmt.reports import column, link, where_equal
from archive_mgmt.rules.status import FILED, ON_LOAN


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	# No chart: it is a working list, and Frappe's bar chart, redrawn by its ResizeObserver while the report
	# lays out, threw a removeChild page error here (frappe-charts' overlay guides).
	return get_columns(), data, None, None


def get_columns():
	return [
		link("archive_item", _("Archive Item"), "Archive Item", 120),
		column("reference_code", _("Reference Code"), "Data", 220),
		column("title", _("Title"), "Data", 280),
		link("fonds", _("Fonds"), "Fonds", 80),
		link("category", _("Archive Category"), "Archive Category", 90),
		column("year", _("Year"), "Int", 70),
		link("filing_unit", _("Filing Unit"), "Filing Unit", 100),
		column("retention_period", _("Retention Period"), "Data", 80),
		column("expiry_date", _("Retention Expires On"), "Date", 110),
		column("pages", _("Pages"), "Int", 60),
		column("on_loan", _("On Loan"), "Check", 70),
		column("held", _("Under Hold"), "Check", 80),
		column("holds", _("Holds"), "Data", 140),
	]


def get_data(filters):
	item = frappe.qb.DocType("Archive Item")
	query = (
		frappe.qb.from_(item)
		.select(
			item.name.as_("archive_item"),
			item.reference_code,
			item.title,
			item.fonds,
			item.category,
			item.year,
			item.filing_unit,
			item.retention_period,
			item.expiry_date,
			item.pages,
			item.status,
		)
		.where(item.status.isin([FILED, ON_LOAN]))
		.where(item.expiry_date.isnotnull())
		.where(item.expiry_date <= getdate(filters.get("as_of") or today()))
		.orderby(item.fonds)
		.orderby(item.reference_code)
	)
	query = where_equal(query, filters, {f: item[f] for f in ("fonds", "category", "year", "filing_unit")})
	if (readable := clearance.criterion("Archive Item")) is not None:
		query = query.where(readable)
	rows = query.run(as_dict=True)
	held = holds.holds_on([r.archive_item for r in rows])
	for row in rows:
		row.on_loan = int(row.pop("status") == ON_LOAN)
		row.held = int(row.archive_item in held)
		row.holds = ", ".join(held.get(row.archive_item, []))
	return rows
