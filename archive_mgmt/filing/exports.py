"""Excel exports in the standard layouts: 归档文件目录, 案卷目录, 卷内目录, 移交清单.

Each ``build_*`` returns the workbook's bytes (write-only, so large sets stream); api/filing.py checks
the caller's permission and input and sends the file.
"""

import io

import frappe
import openpyxl

from archive_mgmt.access_control import access_log
from archive_mgmt.formatting import full_name, yyyymmdd
from archive_mgmt.rules.description import page_ranges
from archive_mgmt.rules.retention import label_of

ITEM_HEADERS = ["序号", "档号", "文号", "责任者", "题名", "日期", "密级", "页数", "备注"]
DOSSIER_HEADERS = ["序号", "档号", "案卷题名", "起止日期", "件数", "页数", "保管期限", "备注"]
CONTENTS_HEADERS = ["序号", "文号", "责任者", "题名", "日期", "页号", "备注"]
HANDOVER_HEADERS = ["序号", "文号", "责任者", "题名", "日期", "密级", "页数", "档号", "清点结果", "退回原因"]


def workbook(title: str):
	wb = openpyxl.Workbook(write_only=True)
	return wb, wb.create_sheet(title)


def saved(wb) -> bytes:
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


# --- 归档文件目录 ----------------------------------------------------------------------------------


def build_filing_catalogue(fonds: str, year, retention_period: str, filing_unit: str | None = None) -> bytes:
	"""Filed items of one fonds, year and retention period (and unit), in reference-code order."""
	filters = {
		"fonds": fonds,
		"year": int(year),
		"retention_period": retention_period,
		"reference_code": ("is", "set"),
	}
	if filing_unit:
		filters["filing_unit"] = filing_unit
	wb, ws = workbook("归档文件目录")
	ws.append(["归档文件目录"])
	ws.append(["全宗号", fonds, "全宗名称", frappe.db.get_value("Fonds", fonds, "fonds_name")])
	ws.append(["年度", int(year), "保管期限", label_of(retention_period)])
	unit_name = frappe.db.get_value("Filing Unit", filing_unit, "unit_name") if filing_unit else "全部"
	ws.append(["机构(问题)", filing_unit or "", "机构名称", unit_name])
	ws.append(ITEM_HEADERS)
	items = frappe.get_list(
		"Archive Item",
		filters=filters,
		fields=[
			"name",
			"reference_code",
			"doc_number",
			"responsible_party",
			"title",
			"doc_date",
			"secrecy_level",
			"pages",
			"remarks",
		],
		order_by="filing_unit asc, item_no asc",
		limit_page_length=0,
	)
	for n, i in enumerate(items, start=1):
		access_log.record("Archive Item", i.name, i.secrecy_level, access_log.EXPORT, "归档文件目录")
		ws.append(
			[
				n,
				i.reference_code,
				i.doc_number,
				i.responsible_party,
				i.title,
				yyyymmdd(i.doc_date),
				i.secrecy_level,
				i.pages,
				i.remarks,
			]
		)
	return saved(wb)


# --- 案卷目录 and 卷内目录 --------------------------------------------------------------------------


def build_dossier_catalogue(fonds: str, year=None) -> bytes:
	filters = {"fonds": fonds}
	if year:
		filters["year"] = int(year)
	wb, ws = workbook("案卷目录")
	ws.append(["案卷目录"])
	ws.append(["全宗号", fonds, "全宗名称", frappe.db.get_value("Fonds", fonds, "fonds_name")])
	ws.append(DOSSIER_HEADERS)
	dossiers = frappe.get_list(
		"Dossier",
		filters=filters,
		fields=[
			"name",
			"secrecy_level",
			"reference_code",
			"title",
			"start_date",
			"end_date",
			"item_count",
			"total_pages",
			"retention_period",
			"note",
		],
		order_by="year asc, dossier_no asc",
		limit_page_length=0,
	)
	for n, d in enumerate(dossiers, start=1):
		access_log.record("Dossier", d.name, d.secrecy_level, access_log.EXPORT, "案卷目录")
		span = "-".join(x for x in (yyyymmdd(d.start_date), yyyymmdd(d.end_date)) if x)
		ws.append(
			[
				n,
				d.reference_code,
				d.title,
				span,
				d.item_count,
				d.total_pages,
				label_of(d.retention_period),
				"",
			]
		)
	return saved(wb)


def build_dossier_contents(dossier: str) -> bytes:
	doc = frappe.get_doc("Dossier", dossier)
	wb, ws = workbook("卷内目录")
	ws.append(["卷内目录"])
	ws.append(["档号", doc.reference_code or "", "案卷题名", doc.title])
	ws.append(CONTENTS_HEADERS)
	access_log.record_doc(doc, access_log.EXPORT, "卷内目录")
	access_log.record_items([row.archive_item for row in doc.items], access_log.EXPORT, "卷内目录")
	ranges = page_ranges([row.pages for row in doc.items])
	for row, pages in zip(doc.items, ranges, strict=True):
		ws.append(
			[
				row.idx,
				row.doc_number,
				row.responsible_party,
				row.item_title,
				yyyymmdd(row.doc_date),
				pages,
				row.remarks,
			]
		)
	return saved(wb)


# --- 移交清单 -------------------------------------------------------------------------------------


def check_result(row) -> str:
	if (row.return_reason or "").strip():
		return "退回"
	if row.present and row.page_count_ok:
		return "合格" + (f"（{row.condition}）" if row.condition else "")
	return ""


def build_handover_list(name: str) -> bytes:
	doc = frappe.get_doc("Handover List", name)
	wb, ws = workbook("移交清单")
	ws.append(["移交清单", doc.name])
	ws.append(["移交单位", doc.filing_unit, "全宗号", doc.fonds])
	ws.append(
		[
			"起止时间",
			f"{yyyymmdd(doc.period_from)}-{yyyymmdd(doc.period_to)}",
			"件数",
			doc.item_count,
			"页数",
			doc.total_pages,
		]
	)
	ws.append(HANDOVER_HEADERS)
	for row in doc.items:
		ws.append(
			[
				row.idx,
				row.doc_number,
				row.responsible_party,
				row.item_title,
				yyyymmdd(row.doc_date),
				row.secrecy_level,
				row.pages,
				row.reference_code,
				check_result(row),
				row.return_reason,
			]
		)
	ws.append(["移交人", full_name(doc.handed_over_by), "移交日期", yyyymmdd(doc.handed_over_on)])
	ws.append(["接收人", full_name(doc.received_by), "接收日期", yyyymmdd(doc.received_on)])
	return saved(wb)
