"""Additions (新增统计): items filed per year and filing unit, and handovers per unit on time or late.

Totals over the whole archive (maintained counts, received handover lists): only the roles with full
clearance run it. A handed-over item is on time when its handover list was submitted by the item's filing
deadline (rules/deadlines.py, from its Retention Rule); the list counts as late if any item was late.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from archive_mgmt.archive_setup.retention import matching_rule
from archive_mgmt.reports import bar_chart, data_column, int_column
from archive_mgmt.rules.deadlines import MONTHLY, due_date
from archive_mgmt.statistics import counts
from archive_mgmt.statistics.tables import Labels, check_totals_access, total_row, year_range
from archive_mgmt.workflow.states import HANDOVER_RECEIVED

MEASURES = ("items", "pages", "lists", "handed_over", "on_time", "late", "late_lists")


def execute(filters: dict | None = None):
	label = Labels()
	check_totals_access()
	filters = frappe._dict(filters or {})
	start, end = year_range(filters)
	rows: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
	where = {"filed_year": range(start, end + 1)}
	if filters.fonds:
		where["fonds"] = filters.fonds
	if filters.filing_unit:
		where["filing_unit"] = filters.filing_unit
	for r in counts.totals(counts.UNITS, ("filed_year", "filing_unit"), where):
		if r["items"]:
			row = rows[(r.filed_year, r.filing_unit)]
			row["items"], row["pages"] = r["items"], r.pages
	for (year, unit), handed in handovers(start, end, filters).items():
		rows[(year, unit)].update(handed)
	data = [
		{"year": year, "filing_unit": unit, "unit_label": label("filing_unit", unit), **m}
		for (year, unit), m in sorted(rows.items())
	]
	per_year = defaultdict(int)
	for r in data:
		per_year[r["year"]] += r["items"]
	data.append(total_row(data, "unit_label", MEASURES))
	chart = bar_chart(per_year, _("Items Filed"), range(start, end + 1))
	return get_columns(), data, None, chart


def get_columns():
	return [
		int_column("year", _("Year Filed"), 80),
		data_column("unit_label", _("Filing Unit"), 160),
		int_column("items", _("Items Filed")),
		int_column("pages", _("Pages")),
		int_column("lists", _("Handover Lists")),
		int_column("handed_over", _("Items Handed Over"), 110),
		int_column("on_time", _("Handed Over on Time"), 110),
		int_column("late", _("Handed Over Late"), 110),
		int_column("late_lists", _("Late Handover Lists"), 110),
	]


def handovers(start: int, end: int, filters) -> dict[tuple, dict]:
	"""Received handover lists by year received and unit, with their items on time and late."""
	hl, row, item = (
		frappe.qb.DocType("Handover List"),
		frappe.qb.DocType("Handover List Item"),
		frappe.qb.DocType("Archive Item"),
	)
	query = (
		frappe.qb.from_(hl)
		.join(row)
		.on((row.parent == hl.name) & (row.parenttype == "Handover List"))
		.join(item)
		.on(item.name == row.archive_item)
		.select(
			hl.name,
			hl.filing_unit,
			hl.received_on,
			hl.handed_over_on,
			row.return_reason,
			item.category,
			item.title,
			item.doc_date,
			item.creation,
		)
		.where(hl.workflow_state == HANDOVER_RECEIVED)
		.where(hl.received_on >= f"{start}-01-01")
		.where(hl.received_on <= f"{end}-12-31")
	)
	if filters.fonds:
		query = query.where(hl.fonds == filters.fonds)
	if filters.filing_unit:
		query = query.where(hl.filing_unit == filters.filing_unit)
	result: dict[tuple, dict] = defaultdict(
		lambda: {"lists": 0, "handed_over": 0, "on_time": 0, "late": 0, "late_lists": 0}
	)
	lists: dict[str, tuple] = {}
	late_lists = set()
	deadlines: dict[tuple, str] = {}
	for r in query.run(as_dict=True):
		if (r.return_reason or "").strip():
			continue
		group = (getdate(r.received_on).year, r.filing_unit)
		lists[r.name] = group
		tally = result[group]
		tally["handed_over"] += 1
		rule_key = (r.category, r.title)
		if rule_key not in deadlines:
			rule = matching_rule(r.category, r.title) if r.category else None
			deadlines[rule_key] = (
				rule and frappe.db.get_value("Retention Rule", rule.name, "filing_deadline")
			) or MONTHLY
		handed = getdate(r.handed_over_on or r.received_on)
		if handed <= due_date(deadlines[rule_key], getdate(r.doc_date or r.creation)):
			tally["on_time"] += 1
		else:
			tally["late"] += 1
			late_lists.add(r.name)
	for name, group in lists.items():
		result[group]["lists"] += 1
		result[group]["late_lists"] += int(name in late_lists)
	return result
