"""Appraisal and destruction (鉴定销毁统计) per year: items whose retention expired, items appraised in
destruction batches carried out that year, and their decisions (destroyed, extended, kept permanently,
transferred).

Totals over the whole archive (maintained counts): only the roles with full clearance run it.
"""

import frappe
from frappe import _

from archive_mgmt.reports import column, int_column
from archive_mgmt.rules import destruction as rules
from archive_mgmt.statistics import counts
from archive_mgmt.statistics.tables import check_totals_access, total_row, year_range

DECISIONS = {
	rules.DESTROY: "destroyed",
	rules.EXTEND: "extended",
	rules.KEEP_PERMANENTLY: "kept_permanently",
	rules.TRANSFER: "transferred",
}
MEASURES = ("expired", "appraised", "destroyed", "extended", "kept_permanently", "transferred")


def execute(filters: dict | None = None):
	check_totals_access()
	filters = frappe._dict(filters or {})
	start, end = year_range(filters)
	years = tuple(range(start, end + 1))
	rows = {y: dict.fromkeys(MEASURES, 0) for y in years}
	where = {"fonds": filters.fonds} if filters.fonds else {}
	for r in counts.totals(counts.EXPIRY, ("expiry_year",), {**where, "expiry_year": range(start, end + 1)}):
		rows[r.expiry_year]["expired"] = r["items"]
	for r in counts.totals(
		counts.DISPOSITIONS, ("year", "decision"), {**where, "year": range(start, end + 1)}
	):
		rows[r.year]["appraised"] += r["items"]
		if r.decision in DECISIONS:
			rows[r.year][DECISIONS[r.decision]] += r["items"]
	data = [{"year": y, **m} for y, m in rows.items()]
	data.append(total_row(data, "year", MEASURES))
	chart = {
		"data": {
			"labels": [str(y) for y in years],
			"datasets": [
				{"name": _("Retention Expired"), "values": [rows[y]["expired"] for y in years]},
				{"name": _("Destroyed"), "values": [rows[y]["destroyed"] for y in years]},
			],
		},
		"type": "bar",
	}
	return get_columns(), data, None, chart


def get_columns():
	return [
		column("year", _("Year"), "Data", 80),
		int_column("expired", _("Retention Expired"), 110),
		int_column("appraised", _("Appraised"), 100),
		int_column("destroyed", _("Destroyed"), 100),
		int_column("extended", _("Retention Extended"), 110),
		int_column("kept_permanently", _("Kept Permanently"), 110),
		int_column("transferred", _("To Be Transferred"), 110),
	]
