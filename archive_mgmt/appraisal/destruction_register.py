"""The destruction register (销毁清册) of a batch: its cover and rows, as data and as an Excel workbook."""

from io import BytesIO

import frappe
from frappe import _
from frappe.utils import format_datetime
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from archive_mgmt.formatting import full_name
from archive_mgmt.rules import destruction as rules
from archive_mgmt.rules.retention import is_valid, label_of

COLUMNS = ("序号", "档号", "题名", "年度", "应保管期限", "已保管期限", "页数", "备注")
WIDTHS = (6, 30, 50, 8, 12, 12, 8, 24)


def when(value) -> str:
	return format_datetime(value, "yyyy-MM-dd HH:mm") if value else ""


def retention_label(code: str | None) -> str:
	return label_of(code) if code and is_valid(code) else (code or "")


def register(batch: str) -> dict:
	"""Cover and rows of the register: only the items decided Destroy are listed."""
	doc = frappe.get_doc("Destruction Batch", batch)
	lead = next((m.user for m in doc.appraisal_members if m.is_lead), None) or (
		doc.appraisal_members[0].user if doc.appraisal_members else None
	)
	rows = [r for r in doc.items if r.decision == rules.DESTROY]
	cover = [
		("全宗号", doc.fonds),
		("全宗名称", frappe.db.get_value("Fonds", doc.fonds, "fonds_name") or ""),
		("销毁批次", doc.name),
		("状态", _(doc.workflow_state or "Draft")),
		("销毁数量（件）", str(len(rows))),
		("鉴定小组组长", f"{full_name(lead)}  {when(doc.appraised_on)}"),
		("鉴定小组成员", "、".join(full_name(m.user) for m in doc.appraisal_members)),
		(
			"办公室主任审核",
			f"{full_name(doc.office_director_approver)}  {when(doc.office_director_approved_on)}",
		),
		("主管领导审批", f"{full_name(doc.leader_approver)}  {when(doc.leader_approved_on)}"),
		("单位负责人审批", f"{full_name(doc.principal_approver)}  {when(doc.principal_approved_on)}"),
		("监销人", "、".join(full_name(s.user) for s in doc.supervisors)),
		("销毁时间", when(doc.destruction_date)),
		("销毁地点", doc.destruction_place or ""),
		("销毁方式", doc.destruction_method or ""),
	]
	lines = [
		(
			n,
			r.reference_code or "",
			r.item_title or "",
			r.year or "",
			retention_label(r.retention_period),
			f"{r.kept_years}年" if r.kept_years is not None else "",
			r.pages or 0,
			r.note or "",
		)
		for n, r in enumerate(rows, start=1)
	]
	return {"cover": cover, "columns": COLUMNS, "rows": lines}


def register_workbook(batch: str) -> bytes:
	data = register(batch)
	wb = Workbook()
	ws = wb.active
	ws.title = "销毁清册"
	thin = Side(style="thin")
	border = Border(left=thin, right=thin, top=thin, bottom=thin)
	ws.append(["档案销毁清册"])
	ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
	ws.cell(1, 1).font = Font(bold=True, size=16)
	ws.cell(1, 1).alignment = Alignment(horizontal="center")
	for label, value in data["cover"]:
		ws.append([label, value])
		ws.cell(ws.max_row, 1).font = Font(bold=True)
		ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=len(COLUMNS))
	ws.append([])
	ws.append(list(COLUMNS))
	header = ws.max_row
	for col in range(1, len(COLUMNS) + 1):
		cell = ws.cell(header, col)
		cell.font = Font(bold=True)
		cell.alignment = Alignment(horizontal="center")
		cell.border = border
	for line in data["rows"]:
		ws.append(list(line))
		for col in range(1, len(COLUMNS) + 1):
			ws.cell(ws.max_row, col).border = border
	for i, width in enumerate(WIDTHS, start=1):
		ws.column_dimensions[chr(64 + i)].width = width
	out = BytesIO()
	wb.save(out)
	return out.getvalue()
