"""Holdings (馆藏统计): items, pages and dossiers by any dimension as rows, optionally another as columns.

Totals over the whole archive, read from the maintained counts: only the roles with full clearance run it.
"""

import frappe
from frappe import _

from archive_mgmt.reports import bar_chart, data_column, int_column
from archive_mgmt.statistics import counts
from archive_mgmt.statistics.tables import (
	HELD,
	Labels,
	category_tree,
	check_totals_access,
	dimension_order,
	total_row,
)

DIMENSIONS = ("fonds", "category", "year", "retention_period", "carrier", "secrecy_level")
# What the filters' "status" offers: the held holdings, or items that left or have not arrived.
STATUS_SCOPES = {
	"Held": HELD,
	"Destroyed": ("Destroyed",),
	"Transferred": ("Transferred",),
	"Draft": ("Draft",),
}
DOSSIER_DIMENSIONS = frozenset(counts.VIEWS[counts.DOSSIERS])


def execute(filters: dict | None = None):
	check_totals_access()
	filters = frappe._dict(filters or {})
	rows_by = filters.row_dimension or "category"
	columns_by = filters.column_dimension if filters.column_dimension != rows_by else None
	for d in (rows_by, columns_by):
		if d and d not in DIMENSIONS:
			frappe.throw(_("Unknown statistics dimension {0}").format(d))
	where = item_filters(filters)
	if columns_by:
		columns, data = pivot(rows_by, columns_by, where, filters.measure or "items")
	else:
		columns, data = listing(rows_by, where, filters)
	chart = bar_chart(
		{r["label"]: r["items"] for r in data if not (r.get("is_total_row") or r.get("is_group"))}, _("Items")
	)
	return columns, data, None, chart


def item_filters(filters) -> dict:
	where = {"status": STATUS_SCOPES.get(filters.status or "Held", HELD)}
	for d in DIMENSIONS:
		if filters.get(d):
			where[d] = filters.get(d)
	if filters.year_from or filters.year_to:
		start, end = int(filters.year_from or 1000), int(filters.year_to or 9999)
		if "year" not in where:
			where["year"] = range(start, end + 1)
	return where


def dossier_counts(rows_by: str, where: dict, filters) -> dict | None:
	"""Dossiers by the row dimension, when dossiers have it (they have no carrier) and the holdings are held."""
	if rows_by not in DOSSIER_DIMENSIONS or (filters.status or "Held") != "Held":
		return None
	dossier_where = {d: v for d, v in where.items() if d in DOSSIER_DIMENSIONS}
	if any(d not in DOSSIER_DIMENSIONS for d in where if d != "status"):
		return None
	rows = counts.totals(counts.DOSSIERS, (rows_by,), dossier_where)
	return {r[rows_by]: r.dossiers for r in rows}


def listing(rows_by: str, where: dict, filters):
	label = Labels()
	held = {r[rows_by]: r for r in counts.totals(counts.HOLDINGS, (rows_by,), where)}
	dossiers = dossier_counts(rows_by, where, filters)
	data = []
	for value in dimension_order(rows_by, set(held) | set(dossiers or {})):
		r = held.get(value) or {}
		if not (r.get("items") or (dossiers or {}).get(value)):
			continue
		data.append(
			{
				"value": value,
				"label": label(rows_by, value),
				"items": r.get("items") or 0,
				"pages": r.get("pages") or 0,
				"dossiers": dossiers.get(value, 0) if dossiers is not None else None,
			}
		)
	if rows_by == "category":
		data = category_tree(
			data, ("items", "pages", "dossiers") if dossiers is not None else ("items", "pages"), label
		)
	top = [r for r in data if not r.get("indent")]
	total = total_row(top, "label", ["items", "pages"])
	total["dossiers"] = sum(r["dossiers"] or 0 for r in top) if dossiers is not None else None
	data.append(total)
	columns = [
		data_column("label", dimension_title(rows_by), 180),
		int_column("items", _("Items")),
		int_column("pages", _("Pages")),
		int_column("dossiers", _("Dossiers")),
	]
	return columns, data


def pivot(rows_by: str, columns_by: str, where: dict, measure: str):
	label = Labels()
	if measure not in ("items", "pages"):
		measure = "items"
	cells = counts.totals(counts.HOLDINGS, (rows_by, columns_by), where)
	row_values = dimension_order(rows_by, {c[rows_by] for c in cells if c[measure]})
	col_values = dimension_order(columns_by, {c[columns_by] for c in cells if c[measure]})
	keys = {v: f"c{i}" for i, v in enumerate(col_values)}
	by_row = {v: {"label": label(rows_by, v), "value": v} for v in row_values}
	for c in cells:
		if c[measure] and c[rows_by] in by_row:
			row = by_row[c[rows_by]]
			row[keys[c[columns_by]]] = c[measure]
	data = []
	for v in row_values:
		row = by_row[v]
		row["items"] = sum(row.get(k) or 0 for k in keys.values())
		data.append(row)
	if rows_by == "category":
		data = category_tree(data, [*keys.values(), "items"], label)
	data.append(total_row([r for r in data if not r.get("indent")], "label", [*keys.values(), "items"]))
	columns = [data_column("label", dimension_title(rows_by), 180)]
	columns += [int_column(keys[v], label(columns_by, v), 90) for v in col_values]
	columns.append(int_column("items", _("Total") + ("" if measure == "items" else " " + _("Pages")), 90))
	return columns, data


def dimension_title(dimension: str) -> str:
	return {
		"fonds": _("Fonds"),
		"category": _("Archive Category"),
		"year": _("Year"),
		"retention_period": _("Retention Period"),
		"carrier": _("Carrier"),
		"secrecy_level": _("Secrecy Level"),
		"filing_unit": _("Filing Unit"),
	}[dimension]
