"""Capture of a report's output for a period (总账、明细账、日记账, 月度/季度/年度财务会计报告).

A rule whose source kind is Report Output names a Script or Query Report, a period (month, quarter, half-year
or year) and its filters as a JSON template filled per period. Capturing a period runs the report through
Frappe (``frappe.desk.query_report.run``) as the rule's owner would see it and makes ONE electronic Archive
Item for the (rule, period), carrying the output as an Excel workbook, as a PDF (an HTML table through
Frappe's wkhtmltopdf) and a metadata file naming the report, its filters, who ran it and when; each is a
private file with its fixity record. The item's source is the Report and the synthetic name
``<Report>/<from>–<to>``, so the unique index on (rule, source) makes a second capture return the first.

A rule split by a report filter (总账、明细账 per account) makes one item per (period, value) instead: the
values are the records of the rule's split DocType that its conditions select (as the rule's owner may read
them), each run with the split filter set to it, its source name ``<Report>/<from>–<to>/<value>``. A value
whose output has no rows makes no item (an account without entries has no ledger to keep).
"""

import json
from datetime import date
from decimal import Decimal
from html import escape
from io import BytesIO
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import frappe
from frappe import _
from frappe.utils import cint, getdate, now_datetime

from archive_mgmt.capture import capture
from archive_mgmt.exceptions import CaptureError
from archive_mgmt.rules import capture as rules
from archive_mgmt.rules import report_periods as periods
from archive_mgmt.rules.description import valid_year

REPORT = "Report"
METADATA_SUFFIX = "-元数据.xml"
FILE_BASE_LENGTH = 60  # a file name on disk is at most 255 bytes, a Chinese character three


def is_report_rule(rule) -> bool:
	return rule.get("source_kind") == capture.REPORT_OUTPUT


def period_for(rule, year, month=None) -> tuple[date, date]:
	"""The period of the rule's kind that a year (and, below a year, a month of it) names."""
	kind = rule.report_period
	if not valid_year(year):
		frappe.throw(_("Year must be a four-digit year"), exc=CaptureError)
	if kind != periods.ANNUAL and not 1 <= cint(month) <= 12:
		frappe.throw(
			_("A {0} report rule needs the month (any month of the period)").format(_(kind)), exc=CaptureError
		)
	return periods.period_of(kind, date(cint(year), cint(month) or 1, 1))


def source_name(rule, start: date, end: date, value: str | None = None) -> str:
	return periods.source_name(rule.report, start, end, value)


def placeholder_values(rule, start: date, end: date, value: str | None = None) -> dict:
	return {
		**periods.period_values(rule.report_period, start, end),
		"company": rule.report_company or "",
		"report": rule.report,
		"name": source_name(rule, start, end, value),
		periods.SPLIT_VALUE: value or "",
	}


def is_split(rule) -> bool:
	return bool(rule.get("split_filter"))


def split_values(rule, start, end) -> list[str | None]:
	"""The values a period's outputs are split by, in name order ([None]: one output, not split): the split
	DocType's records the conditions select, as the rule's owner may read them."""
	if not is_split(rule):
		return [None]
	values = placeholder_values(rule, getdate(start), getdate(end))
	conditions = periods.fill_filters(periods.parse_split_conditions(rule.split_conditions), values)
	with capture.as_user(rule.owner):
		if not frappe.has_permission(rule.split_doctype, "read"):
			frappe.throw(
				_("The rule's owner {0} may not read {1}, whose records are the split values").format(
					rule.owner, _(rule.split_doctype)
				),
				exc=frappe.PermissionError,
			)
		return frappe.get_list(
			rule.split_doctype, filters=conditions, pluck="name", order_by="name asc", limit_page_length=0
		)


def sources(rule, start, end) -> dict[str, str | None]:
	"""The outputs of a period: {source name: split value (None when not split)}."""
	start, end = getdate(start), getdate(end)
	return {source_name(rule, start, end, v): v for v in split_values(rule, start, end)}


def capture_period(rule, start, end, value: str | None = None) -> str | None:
	"""The Archive Item of the rule's report for the period (and split value): made now, or the one made
	before (never two); None for a split value whose output has no rows."""
	start, end = getdate(start), getdate(end)
	name = source_name(rule, start, end, value)
	existing = capture.item_for(rule.name, name)
	if existing:
		return existing
	values = placeholder_values(rule, start, end, value)
	template = periods.parse_filters(rule.report_filters)
	if value:
		filters = periods.split_filters(template, rule.split_filter, value, values)
	else:
		filters = periods.fill_filters(template, values)
	columns, rows = run_report(rule, filters)
	if value and not rows:
		return None
	title = rules.render(rule.title_template, values)[: capture.TITLE_LENGTH] or name
	pdf = table_pdf(title, columns, rows, filters)
	base = file_base(rule.report, values["period"], value)
	files = [
		(f"{base}.pdf", pdf),
		(f"{base}.xlsx", table_xlsx(title, columns, rows)),
		(f"{base}{METADATA_SUFFIX}", metadata_xml(rule, name, filters, len(rows))),
	]
	item, made = capture.make_item(
		rule,
		name,
		{
			"doctype": capture.ITEM,
			"fonds": rule.fonds or frappe.db.get_value("Filing Unit", rule.filing_unit, "fonds"),
			"category": rule.category,
			"year": start.year,
			"filing_unit": rule.filing_unit,
			"retention_period": rule.retention_period,
			"title": title,
			"doc_number": rules.render(rule.doc_number_template, values)[: capture.TITLE_LENGTH],
			"responsible_party": capture.responsible_party(rule, values),
			"doc_date": end,
			"pages": capture.pdf_pages(pdf),
			"secrecy_level": rule.secrecy_level,
			"open_status": rule.open_status,
			"carrier": capture.ELECTRONIC,
			"source_doctype": REPORT,
			"source_name": name,  # not a Report's name: the output of one (links are not checked)
			"capture_rule": rule.name,
		},
		files,
		ignore_links=True,
	)
	if made and rule.file_directly:
		capture.file_directly(item, rule)
	return item


def file_base(*parts: str | None) -> str:
	"""The files' common name: report, period and value, cut to fit the file system."""
	return capture.safe_name("-".join(p for p in parts if p))[:FILE_BASE_LENGTH]


def run_report(rule, filters: dict) -> tuple[list[dict], list[list]]:
	"""(columns, rows) of the report for the filters, each row a list of cells in column order."""
	from frappe.desk.query_report import run

	with capture.as_user(rule.owner):  # as the rule's owner sees it: their roles, their user permissions
		result = run(rule.report, filters=filters, user=rule.owner, ignore_prepared_report=True)
	columns = [c for c in result.get("columns") or [] if not c.get("hidden")]
	rows = []
	for row in result.get("result") or []:
		if isinstance(row, dict):
			rows.append([row.get(c["fieldname"]) for c in columns])
		elif isinstance(row, list | tuple):
			rows.append(list(row)[: len(columns)])
	return columns, rows


def column_label(column: dict) -> str:
	return _(column.get("label") or column.get("fieldname") or "")


def cell_text(value) -> str:
	if value is None:
		return ""
	if isinstance(value, float | Decimal):
		return f"{value:,.2f}"
	return str(value)


def excel_value(value):
	if isinstance(value, Decimal):  # the database's decimals, as numbers in the sheet
		return float(value)
	if value is None or isinstance(value, str | int | float | bool | date):
		return value
	return str(value)


def table_xlsx(title: str, columns: list[dict], rows: list[list]) -> bytes:
	"""The output as a workbook: the report's columns as the header, then its rows, values as they are."""
	from openpyxl import Workbook

	wb = Workbook()
	ws = wb.active
	ws.append([column_label(c) for c in columns])
	for row in rows:
		ws.append([excel_value(v) for v in row])
	wb.properties.title = title
	out = BytesIO()
	wb.save(out)
	return out.getvalue()


def table_pdf(title: str, columns: list[dict], rows: list[list], filters: dict) -> bytes:
	"""The output as a PDF: a heading, the filters it was run with and the table (landscape)."""
	from frappe.utils.pdf import get_pdf

	numeric = [c.get("fieldtype") in ("Currency", "Float", "Int", "Percent") for c in columns]
	head = "".join(f"<th>{escape(column_label(c))}</th>" for c in columns)
	body = "".join(
		"<tr>"
		+ "".join(
			f'<td class="{"num" if numeric[i] else ""}">{escape(cell_text(v))}</td>'
			for i, v in enumerate(row)
		)
		+ "</tr>"
		for row in rows
	)
	conditions = "；".join(f"{escape(str(k))}: {escape(cell_text(v))}" for k, v in filters.items())
	html = (
		'<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
		"body{font-family:'AR PL UMing CN','Noto Serif CJK SC','Liberation Serif',serif;font-size:10pt}"
		"h1{font-size:14pt;text-align:center}p{font-size:8pt;color:#444}"
		"table{border-collapse:collapse;width:100%}th,td{border:1px solid #333;padding:2px 4px}"
		"td.num{text-align:right}thead{display:table-header-group}tr{page-break-inside:avoid}"
		f"</style></head><body><h1>{escape(title)}</h1><p>{conditions}</p>"
		f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"
	)
	return get_pdf(html, {"orientation": "Landscape"})


def metadata_xml(rule, name: str, filters: dict, row_count: int) -> bytes:
	"""What was run, how and by whom: the report, its filters, the user it ran as, when, and its row count."""
	lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		f"<archive_capture report={quoteattr(rule.report)} name={quoteattr(name)}"
		f" rule={quoteattr(rule.name)} run_as={quoteattr(rule.owner)}"
		f" captured_on={quoteattr(str(now_datetime()))} rows={quoteattr(str(row_count))}>",
		f"  <filters>{xml_escape(json.dumps(filters, ensure_ascii=False, default=str))}</filters>",
		"</archive_capture>",
	]
	return ("\n".join(lines) + "\n").encode("utf-8")


def capture_one(rule_name: str, year, month=None, value: str | None = None) -> str | list[dict] | None:
	"""Capture one period of a report rule now (api/capture.capture_report_period): its item; for a split
	rule, the item of ``value``, or without a value every value's outcome (each value in its own savepoint, as
	a batch takes them: one value's error leaves the others captured)."""
	rule = frappe.get_doc(capture.RULE, rule_name)
	if not rule.enabled:
		frappe.throw(_("Capture rule {0} is disabled").format(rule.name), exc=CaptureError)
	if not is_report_rule(rule):
		frappe.throw(_("Capture rule {0} does not capture a report").format(rule.name), exc=CaptureError)
	start, end = period_for(rule, year, month)
	if not is_split(rule):
		if value:
			frappe.throw(_("Capture rule {0} is not split by a filter").format(rule.name), exc=CaptureError)
		return capture_period(rule, start, end)
	values = split_values(rule, start, end)
	if value:
		if value not in values:
			frappe.throw(
				_("{0} is not one of the values capture rule {1} splits its output by").format(
					value, rule.name
				),
				exc=CaptureError,
			)
		return capture_period(rule, start, end, value)
	return [capture_value(rule, start, end, v) for v in values]


def capture_value(rule, start, end, value: str) -> dict:
	"""One value's outcome: {value, archive_item (None when its output has no rows), error}."""
	savepoint = "capture_report_value"
	frappe.db.savepoint(savepoint)
	try:
		return {"value": value, "archive_item": capture_period(rule, start, end, value), "error": None}
	except Exception as e:
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_messages()
		return {"value": value, "archive_item": None, "error": capture.error_reason(e)}


def captured_run(item: str) -> dict:
	"""{report, filters} an item captured from a report's output was run with, from its metadata file."""
	from xml.etree import ElementTree

	source_doctype, rule_name = frappe.db.get_value(capture.ITEM, item, ["source_doctype", "capture_rule"])
	if source_doctype != REPORT or not rule_name:
		frappe.throw(_("Archive Item {0} was not captured from a report").format(item), exc=CaptureError)
	metadata = frappe.get_all(
		"File",
		filters={
			"attached_to_doctype": capture.ITEM,
			"attached_to_name": item,
			"file_name": ("like", f"%{METADATA_SUFFIX}"),
		},
		pluck="name",
		order_by="creation asc",
		limit=1,
	)
	if not metadata:
		frappe.throw(_("Archive Item {0} has no capture metadata").format(item), exc=CaptureError)
	content = frappe.get_doc("File", metadata[0]).get_content()
	root = ElementTree.fromstring(content.encode("utf-8") if isinstance(content, str) else content)
	return {"report": root.get("report"), "filters": json.loads(root.findtext("filters") or "{}")}
