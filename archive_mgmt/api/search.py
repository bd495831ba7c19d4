"""Whitelisted methods of 档案检索 (the page archive-search and any client): the search and its Excel export.

Each checks the caller's permission itself; what a result may show is decided by search/service.py, through
the same condition as the Archive Item list."""

import frappe
from frappe import _

from archive_mgmt.access_control import access_log
from archive_mgmt.api import send_file
from archive_mgmt.filing import exports
from archive_mgmt.rules.retention import label_of
from archive_mgmt.search import service

EXPORT_HEADERS = [
	"序号",
	"档号",
	"题名",
	"责任者",
	"年度",
	"日期",
	"密级",
	"保管期限",
	"机构（问题）",
	"状态",
]


def _arguments(within, filters):
	within = frappe.parse_json(within) if isinstance(within, str) else within
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	if within is not None and not isinstance(within, list):
		within = [str(within)]
	return within or [], filters or {}


@frappe.whitelist()
def search(
	text: str | None = None,
	within=None,
	filters=None,
	sort: str = "relevance",
	page: int = 1,
	page_length: int = service.PAGE_LENGTH,
) -> dict:
	"""One page of results with snippets, the total and the facets, within what the caller may learn of."""
	frappe.has_permission("Archive Item", "read", throw=True)
	within, filters = _arguments(within, filters)
	return service.search(text, within, filters, sort, page, page_length)


@frappe.whitelist()
def export(text: str | None = None, within=None, filters=None, sort: str = "relevance") -> None:
	"""The results as an Excel workbook (at most service.EXPORT_LIMIT rows), written to the access log."""
	frappe.has_permission("Archive Item", "export", throw=True)
	within, filters = _arguments(within, filters)
	query = service.parse(text, within)
	rows = service.results_for_export(text, within, filters, sort)
	access_log.record_items([r.name for r in rows], access_log.EXPORT, _("Archive Search"))
	wb, ws = exports.workbook("检索结果")
	ws.append(["检索：" + " ".join(query.terms) + "".join(f" -{t}" for t in query.excluded)])
	ws.append(EXPORT_HEADERS)
	for n, row in enumerate(rows, 1):
		ws.append(
			[
				n,
				row.reference_code or "",
				row.title,
				row.responsible_party or "",
				row.year,
				str(row.doc_date or ""),
				row.secrecy_level,
				label_of(row.retention_period) if row.retention_period else "",
				row.filing_unit,
				_(row.status),
			]
		)
	send_file("档案检索结果.xlsx", exports.saved(wb))


@frappe.whitelist()
def full_text(item: str) -> list[dict]:
	"""The 全文 tab of an item: each file's text by page, with its status, confidence or reason."""
	frappe.has_permission("Archive Item", "read", doc=item, throw=True)
	if frappe.db.get_value("Archive Item", item, "status") == "Destroyed":
		return []
	out = []
	for name in frappe.get_all(
		"Archive Full Text", filters={"archive_item": item}, pluck="name", order_by="creation"
	):
		doc = frappe.get_doc("Archive Full Text", name)
		out.append(
			{
				"name": doc.name,
				"file_name": doc.file_name,
				"status": doc.status,
				"method": doc.method,
				"confidence": doc.confidence,
				"reason": doc.reason,
				"pages": [
					{"page": p.page, "text": p.text, "confidence": p.confidence, "corrected": p.corrected}
					for p in doc.pages
				],
			}
		)
	return out
