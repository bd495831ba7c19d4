"""Use (利用统计): loans (本单位借阅) and consultations (外单位查阅) per month, by borrower unit, use mode,
purpose and effect (utilization effect register), the most-used items and the overdue loans now.

Totals over the whole archive: only the roles with full clearance run it. The most-used items list goes
through the Archive Item permission conditions, so it names only items the user may read.
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from archive_mgmt.reports import bar_chart, data_column, int_column, link
from archive_mgmt.statistics.tables import Labels, check_totals_access, permitted_items_condition, total_row

# Requests that reached the reading room: their items were issued.
USED_STATES = ("Issued", "Items Returned", "Completed")
GROUPS = {
	"Month": "month(lr.`request_date`)",
	"Borrower Unit": "lr.`borrower_unit`",
	"Use Mode": "lr.`use_mode`",
	"Purpose": "lr.`purpose`",
}
MEASURES = ("internal", "external", "requests", "items")
MOST_USED = 50


def execute(filters: dict | None = None):
	check_totals_access()
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	group = filters.group_by or "Month"
	if group == "Effect":
		columns, data = by_effect(year)
	elif group == "Most-Used Items":
		columns, data = most_used(year)
	elif group in GROUPS:
		columns, data = by_request(year, group, filters)
	else:
		frappe.throw(_("Unknown grouping {0}").format(group))
	chart = None
	if group == "Month":
		chart = bar_chart(
			{r["group"]: r["requests"] for r in data if not r.get("is_total_row")}, _("Requests")
		)
	return columns, data, None, chart, summary(year)


def period(year: int) -> dict:
	return {"start": f"{year}-01-01", "end": f"{year}-12-31 23:59:59.999999", "states": USED_STATES}


def by_request(year: int, group: str, filters):
	label = Labels()
	condition, params = "", period(year)
	if filters.borrower_unit:
		condition, params["unit"] = "and lr.`borrower_unit` = %(unit)s", filters.borrower_unit
	rows = frappe.db.sql(
		f"""select {GROUPS[group]} as grp,
			count(distinct case when lr.`borrower_type` = 'Internal' then lr.`name` end) as internal,
			count(distinct case when lr.`borrower_type` = 'External' then lr.`name` end) as external,
			count(distinct lr.`name`) as requests,
			count(lri.`issued_on`) as items
		from `tabLoan Request` lr
		left join `tabLoan Request Item` lri on lri.`parent` = lr.`name` and lri.`parenttype` = 'Loan Request'
		where lr.`request_date` between %(start)s and %(end)s and lr.`workflow_state` in %(states)s {condition}
		group by grp order by grp""",
		params,
		as_dict=True,
	)
	found = {r.grp: r for r in rows}
	keys = range(1, 13) if group == "Month" else list(found)
	data = []
	for k in keys:
		r = found.get(k) or {}
		label = (
			f"{year}-{k:02d}"
			if group == "Month"
			else (label("filing_unit", k) if group == "Borrower Unit" else (k or _("(not set)")))
		)
		data.append({"group": label, **{m: int(r.get(m) or 0) for m in MEASURES}})
	data.append(total_row(data, "group", MEASURES))
	columns = [
		data_column("group", _(group), 160),
		int_column("internal", _("Internal Loans")),
		int_column("external", _("External Consultations"), 110),
		int_column("requests", _("Requests")),
		int_column("items", _("Items Used")),
	]
	return columns, data


def by_effect(year: int):
	rows = frappe.db.sql(
		"""select uer.`effect` as grp, count(distinct uer.`name`) as records, count(uei.`name`) as items
		from `tabUtilization Effect Record` uer
		left join `tabUtilization Effect Item` uei on uei.`parent` = uer.`name`
			and uei.`parenttype` = 'Utilization Effect Record'
		where uer.`record_date` between %(start)s and %(end)s
		group by grp order by grp""",
		period(year),
		as_dict=True,
	)
	data = [{"group": r.grp or _("(not set)"), "records": r.records, "items": r["items"]} for r in rows]
	data.append(total_row(data, "group", ("records", "items")))
	columns = [
		data_column("group", _("Effect"), 160),
		int_column("records", _("Effect Records")),
		int_column("items", _("Items Used")),
	]
	return columns, data


def most_used(year: int):
	"""The items issued most often in the year, among those the user may read."""
	rows = frappe.db.sql(
		f"""select lri.`archive_item`, `tabArchive Item`.`reference_code`, `tabArchive Item`.`title`,
			count(*) as times
		from `tabLoan Request Item` lri
		join `tabArchive Item` on `tabArchive Item`.`name` = lri.`archive_item`
		where lri.`parenttype` = 'Loan Request' and lri.`issued_on` between %(start)s and %(end)s
			and {permitted_items_condition()}
		group by lri.`archive_item` order by times desc, lri.`archive_item` limit {MOST_USED}""",
		period(year),
		as_dict=True,
	)
	columns = [
		link("archive_item", _("Archive Item"), "Archive Item"),
		data_column("reference_code", _("Reference Code"), 200),
		data_column("title", _("Title"), 260),
		int_column("times", _("Times Used")),
	]
	return columns, rows


def summary(year: int) -> list[dict]:
	params = period(year)
	requests = frappe.db.sql(
		"""select count(*) from `tabLoan Request` where `request_date` between %(start)s and %(end)s
		and `workflow_state` in %(states)s""",
		params,
	)[0][0]
	overdue = frappe.db.sql(
		"select count(*) from `tabLoan Request` where `workflow_state` = 'Issued' and `due_date` < %s",
		today(),
	)[0][0]
	return [
		{"value": requests, "label": _("Requests"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": overdue,
			"label": _("Overdue Loans"),
			"datatype": "Int",
			"indicator": "Red" if overdue else "Green",
		},
	]
