"""Online use of electronic records (在线利用): an item's files viewed in the desk during an issued loan.

- The borrower (or, on a loan without one, its requester) reads the files of an item their issued loan holds
  out, page by page, as images the server renders (rendering.py), each carrying a watermark: who, when and
  on which loan. Every page is checked against the loan when it is asked for: an item returned, a loan
  past its due date or no longer issued refuses the next page (rules.viewer.view_closed_reason).
- A copy (printed or downloaded) is a PDF of the watermarked pages, only on a loan approved for 复制.
- The original file is never sent to a user who reads the item through a loan only (not by clearance):
  access_control/permissions.py refuses its download. Outside a loan, clearance decides as everywhere.
- Every page viewed, copy printed and copy downloaded is written to the Archive Access Log (查看, 打印, 下载).
"""

import base64
import os

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from archive_mgmt import notifications
from archive_mgmt.access_control import access_log
from archive_mgmt.exceptions import (
	CopyNotAllowedError,
	NotRenderableError,
	OnlineViewEndedError,
	PageRangeError,
)
from archive_mgmt.rules import viewer as rules
from archive_mgmt.rules.fixity import detect_format
from archive_mgmt.utilization import rendering


def loans_holding(item: str, user: str | None = None) -> list[str]:
	"""The user's issued loans that hold the item out now (newest first)."""
	user = user or frappe.session.user
	lri, lr = frappe.qb.DocType("Loan Request Item"), frappe.qb.DocType("Loan Request")
	return (
		frappe.qb.from_(lri)
		.join(lr)
		.on((lr.name == lri.parent) & (lri.parenttype == "Loan Request"))
		.select(lr.name)
		.distinct()
		.where(lri.archive_item == item)
		.where(lr.workflow_state == rules.ISSUED)
		.where(lri.issued_on.isnotnull())
		.where(lri.returned_on.isnull())
		.where((lr.owner == user) | (lr.borrower == user))
		.orderby(lr.name, order=frappe.qb.desc)
		.run(pluck=True)
	)


def open_loan(loan: str, item: str | None = None):
	"""The loan, if it is the current user's and its view of the item is open; else a typed refusal.

	Read from the database at every call: a return or the due date passing closes the view at once.
	"""
	user = frappe.session.user
	frappe.has_permission("Loan Request", "read", loan, throw=True)
	doc = frappe.db.get_value(
		"Loan Request",
		loan,
		["name", "owner", "borrower", "workflow_state", "use_mode", "due_date"],
		as_dict=True,
	)
	if user not in (doc.owner, doc.borrower):
		frappe.throw(_("Only the borrower views a loan's items online"), exc=frappe.PermissionError)
	if item is None:
		reason = rules.view_closed_reason(doc.workflow_state, True, None, _due(doc), getdate(today()))
	else:
		row = frappe.db.get_value(
			"Loan Request Item",
			{"parent": loan, "parenttype": "Loan Request", "archive_item": item},
			["issued_on", "returned_on"],
			as_dict=True,
		)
		if not row:
			frappe.throw(_("Loan {0} does not lend item {1}").format(loan, item), exc=frappe.PermissionError)
		reason = rules.view_closed_reason(
			doc.workflow_state, row.issued_on, row.returned_on, _due(doc), getdate(today())
		)
	if reason:
		frappe.throw(_(reason), exc=OnlineViewEndedError)
	if item is not None:
		frappe.has_permission("Archive Item", "read", item, throw=True)
	return doc


def _due(loan):
	return getdate(loan.due_date) if loan.due_date else None


def item_files(item: str) -> list[dict]:
	"""The item's files the viewer renders, with their page counts (files it cannot render are listed
	with pages 0 and the reason)."""
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Archive Item", "attached_to_name": item, "is_folder": 0},
		fields=["name", "file_name"],
		order_by="creation asc",
	)
	out = []
	for f in files:
		entry = {"name": f.name, "file_name": f.file_name, "pages": 0, "error": None}
		try:
			path, kind = _source(item, f.name)
			entry["pages"] = rendering.page_count(path, kind)
		except NotRenderableError as e:
			entry["error"] = str(e)
			frappe.clear_last_message()
		out.append(entry)
	return out


def _source(item: str, file: str) -> tuple[str, str]:
	"""(path, kind) of a file attached to the item, which the viewer renders."""
	values = frappe.db.get_value(
		"File", file, ["attached_to_doctype", "attached_to_name", "is_folder", "file_name"], as_dict=True
	)
	if not values or values.attached_to_doctype != "Archive Item" or values.attached_to_name != item:
		frappe.throw(_("File {0} is not a file of item {1}").format(file, item), exc=frappe.PermissionError)
	path = frappe.get_doc("File", file).get_full_path()
	if values.is_folder or not os.path.exists(path):
		frappe.throw(_("File {0} is not in storage").format(values.file_name), exc=NotRenderableError)
	with open(path, "rb") as f:
		kind = rules.renderable_kind(detect_format(f))
	if not kind:
		frappe.throw(
			_("File {0} cannot be shown online: only PDF files and images are").format(values.file_name),
			exc=NotRenderableError,
		)
	return path, kind


def _level(item: str) -> str | None:
	return frappe.db.get_value("Archive Item", item, "secrecy_level")


def watermark_text(loan) -> str:
	user = frappe.session.user
	label = rules.borrower_label(user, frappe.utils.get_fullname(user))
	return rules.watermark_text(
		_("Borrower {0} · {1} · Loan {2}", lang=notifications.NOTIFY_LANG), label, now_datetime(), loan.name
	)


def _pages(path: str, kind: str) -> int:
	return rendering.page_count(path, kind)


def _page_error(pages: int):
	frappe.throw(
		_(
			"There is no such page or range of pages: the file has {0} pages, and a copy holds at most {1}"
		).format(pages, rules.MAX_COPY_PAGES),
		exc=PageRangeError,
	)


# --- what the viewer does ----------------------------------------------------------------------------------


def context(loan: str | None = None, item: str | None = None) -> dict:
	"""What the viewer page opens on: the loan, whether it allows a copy, its items that are open online
	and their files. Given only an item, the user's newest issued loan holding it."""
	if not loan:
		if not item:
			frappe.throw(_("Open the viewer from a loan or an item"), exc=frappe.ValidationError)
		held = loans_holding(item)
		if not held:
			frappe.throw(
				_("Item {0} is not lent to you by an issued loan: it cannot be viewed online").format(item),
				exc=OnlineViewEndedError,
			)
		loan = held[0]
	doc = open_loan(loan, item)
	rows = frappe.get_all(
		"Loan Request Item",
		filters={"parent": loan, "parenttype": "Loan Request", "returned_on": ("is", "not set")},
		fields=["archive_item", "reference_code", "item_title", "issued_on"],
		order_by="idx asc",
	)
	items = [
		{
			"name": row.archive_item,
			"reference_code": row.reference_code,
			"title": row.item_title,
			"files": item_files(row.archive_item),
		}
		for row in rows
		if row.archive_item and row.issued_on and (item is None or row.archive_item == item)
	]
	return {
		"loan": loan,
		"use_mode": doc.use_mode,
		"may_copy": rules.allows_copy(doc.use_mode),
		"due_date": doc.due_date,
		"items": items,
	}


def view_page(loan: str, item: str, file: str, page) -> dict:
	"""One page, watermarked, as a PNG data URL; logged as 查看."""
	doc = open_loan(loan, item)
	path, kind = _source(item, file)
	pages = _pages(path, kind)
	try:
		number = rules.page_number(page, pages)
	except rules.PageError:
		_page_error(pages)
	text = watermark_text(doc)
	image = rendering.watermark(rendering.render_page(path, kind, number), text)
	file_name = frappe.db.get_value("File", file, "file_name")
	access_log.record_use(
		"Archive Item",
		item,
		_level(item),
		access_log.VIEW,
		_("Online view of {0}, page {1} of {2}, loan {3}", lang=notifications.NOTIFY_LANG).format(
			file_name, number, pages, loan
		),
	)
	return {
		"page": number,
		"pages": pages,
		"watermark": text,
		"width": image.width,
		"height": image.height,
		"image": "data:image/png;base64," + _b64(rendering.png_bytes(image)),
	}


def copy_pdf(
	loan: str, item: str, file: str, first=None, last=None, printing: bool = False
) -> tuple[str, bytes]:
	"""(file name, PDF) of the watermarked pages from first to last, for a loan approved for 复制; logged as
	打印 (printing) or 下载."""
	doc = open_loan(loan, item)
	if not rules.allows_copy(doc.use_mode):
		frappe.throw(
			_("Loan {0} is for {1}: printing or copying needs a loan approved for {2}").format(
				loan, _(doc.use_mode or ""), "复制"
			),
			exc=CopyNotAllowedError,
		)
	path, kind = _source(item, file)
	pages = _pages(path, kind)
	try:
		numbers = rules.page_range(first, last, pages)
	except rules.PageError:
		_page_error(pages)
	text = watermark_text(doc)
	images = [rendering.watermark(rendering.render_page(path, kind, n), text) for n in numbers]
	content = rendering.pdf_bytes(images)
	file_name = frappe.db.get_value("File", file, "file_name")
	detail = (
		_("Watermarked print of {0}, pages {1}–{2}, loan {3}", lang=notifications.NOTIFY_LANG)
		if printing
		else _("Watermarked copy of {0}, pages {1}–{2}, loan {3}", lang=notifications.NOTIFY_LANG)
	).format(file_name, numbers[0], numbers[-1], loan)
	access_log.record_use(
		"Archive Item", item, _level(item), access_log.PRINT if printing else access_log.DOWNLOAD, detail
	)
	return f"{loan}-{item}-{numbers[0]}-{numbers[-1]}.pdf", content


def _b64(content: bytes) -> str:
	return base64.b64encode(content).decode()
