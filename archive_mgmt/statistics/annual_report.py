"""The annual statistical report (档案工作年报): one Excel workbook, one sheet per statistics table.

Each sheet is what the statistics report of the same name shows for the year, under the organisation's
header, so the workbook can be submitted as it is. Only the roles allowed to see totals may build it.
"""

import io

import frappe
import openpyxl
from frappe import _
from frappe.utils import nowdate
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from archive_mgmt.statistics.tables import check_totals_access

REPORTS = "archive_mgmt.statistics.report.{0}.{0}.execute"
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def sheets(year: int, fonds: str | None) -> list[tuple[str, str, dict]]:
	"""(sheet title, report module, filters) of every table of the annual report."""
	scope = {"fonds": fonds} if fonds else {}
	return [
		("馆藏统计（门类×保管期限）", "holdings_statistics", {**scope, "row_dimension": "category", "column_dimension": "retention_period"}),
		("馆藏统计（载体×密级）", "holdings_statistics", {**scope, "row_dimension": "carrier", "column_dimension": "secrecy_level"}),
		("馆藏统计（年度）", "holdings_statistics", {**scope, "row_dimension": "year"}),
		("新增统计", "additions_statistics", {**scope, "year_from": year, "year_to": year}),
		("利用统计（按月）", "use_statistics", {"year": year, "group_by": "Month"}),
		("利用统计（利用方式）", "use_statistics", {"year": year, "group_by": "Use Mode"}),
		("利用效果", "use_statistics", {"year": year, "group_by": "Effect"}),
		("鉴定销毁统计", "appraisal_statistics", {**scope, "year_from": year, "year_to": year}),
		("质量统计", "quality_statistics", {**scope, "year": year}),
	]  # fmt: skip


def organisation(fonds: str | None) -> str:
	if fonds:
		name = frappe.db.get_value("Fonds", fonds, "fonds_name")
		if name:
			return name
	return (
		frappe.defaults.get_global_default("company")
		or frappe.db.get_value("Fonds", {}, "fonds_name", order_by="creation asc")
		or _("Archive")
	)


def build(year: int, fonds: str | None = None) -> bytes:
	check_totals_access()
	wb = openpyxl.Workbook()
	wb.remove(wb.active)
	org = organisation(fonds)
	for title, report, filters in sheets(year, fonds):
		columns, data = frappe.get_attr(REPORTS.format(report))(filters)[:2]
		write_sheet(wb.create_sheet(title[:31]), org, year, title, columns, data)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def write_sheet(ws, org: str, year: int, title: str, columns: list[dict], data: list[dict]) -> None:
	width = max(len(columns), 1)
	ws.append([f"{org} 档案工作年报（{year}年度）"])
	ws.append([f"填报单位：{org}", None, f"统计年度：{year}", None, f"填报日期：{nowdate()}"])
	ws.append([title])
	ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
	ws["A1"].font = Font(bold=True, size=14)
	ws["A1"].alignment = Alignment(horizontal="center")
	ws["A3"].font = Font(bold=True)
	ws.append([c["label"] for c in columns])
	for cell in ws[4]:
		cell.font = Font(bold=True)
		cell.border = BORDER
		cell.alignment = Alignment(horizontal="center", wrap_text=True)
	for row in data:
		ws.append([cell_value(row.get(c["fieldname"])) for c in columns])
		for cell in ws[ws.max_row]:
			cell.border = BORDER
			if row.get("is_total_row") or row.get("is_group"):
				cell.font = Font(bold=True)
		if row.get("indent"):  # a class beneath its 门类 (holdings by category)
			ws.cell(ws.max_row, 1).alignment = Alignment(indent=2 * row["indent"])
	for i, c in enumerate(columns, start=1):
		ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, (c.get("width") or 100) // 7))
	ws.freeze_panes = "A5"


def cell_value(value):
	return value if value is None or isinstance(value, int | float | str) else str(value)
