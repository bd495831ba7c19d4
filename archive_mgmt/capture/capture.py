"""Capture (前端控制): a submitted business document becomes an electronic Archive Item by a capture rule.

One item per (rule, source document): the unique index ``capture_source`` on Archive Item (indexes.py)
makes a second capture of the same document, by a retry or a second worker, fail on insert and return the
first. The item carries the document rendered to PDF by the rule's print format, the document's own
attachments and a metadata file (the document as XML, its JSON and its version history inside), each a
private file, so each gets its fixity record on attach (preservation/fixity.py). A rule that files directly
files the item through the filing workflow, four-property check included; if that check fails the item
stays in Draft with the reason on its timeline.

``doc_events`` on every DocType point at ``on_submit`` and ``on_cancel``: they cost one cached lookup when
no rule names the document's DocType.
"""

import json
from contextlib import contextmanager
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import cint, getdate, now_datetime

from archive_mgmt import notifications
from archive_mgmt.exceptions import CaptureError
from archive_mgmt.rules import capture as rules
from archive_mgmt.rules.description import SECRECY_LEVELS, secrecy_rank

RULE = "Archive Capture Rule"
ITEM = "Archive Item"
ON_SUBMIT, PERIOD_BATCH = "On Submit", "Period Batch"
DOCUMENT, REPORT_OUTPUT = "Document", "Report Output"
CACHE_KEY = "archive_mgmt:capture_doctypes"
UNSETTLED_REASON = "未结清的债权债务"
ELECTRONIC = "电子"
FILE_ACTION = "File to Archive"
TITLE_LENGTH = 140


# Which DocTypes have rules: cached, forgotten whenever a rule changes


def captured_doctypes() -> list[str]:
	"""Source DocTypes named by any document capture rule (enabled or not: a cancellation still marks its
	items)."""
	cached = frappe.cache.get_value(CACHE_KEY)
	if cached is None:
		cached = (
			sorted(
				set(
					frappe.get_all(
						RULE, filters={"source_kind": ("!=", REPORT_OUTPUT)}, pluck="source_doctype"
					)
				)
			)
			if frappe.db.table_exists(RULE)
			else []
		)
		frappe.cache.set_value(CACHE_KEY, cached)
	return cached


def forget_captured_doctypes() -> None:
	frappe.cache.delete_value(CACHE_KEY)


def boot(bootinfo) -> None:
	"""extend_bootinfo: the desk knows which forms may show captured items."""
	bootinfo.archive_capture_doctypes = captured_doctypes()


def rules_for(doctype: str, capture_on: str | None = None) -> list:
	filters = {"source_doctype": doctype, "enabled": 1}
	if capture_on:
		filters["capture_on"] = capture_on
	return [frappe.get_cached_doc(RULE, name) for name in frappe.get_all(RULE, filters=filters, pluck="name")]


# doc_events "*"


def on_submit(doc, method=None):
	"""Every submit: capture the document by each enabled on-submit rule whose condition it meets."""
	if doc.doctype not in captured_doctypes():
		return
	for rule in rules_for(doc.doctype, ON_SUBMIT):
		if matches(rule, doc.name):
			capture_on_submit(rule, doc)


def capture_on_submit(rule, doc) -> str | None:
	"""The business goes on when archiving fails: the submit stands, the failure is in the Error Log and
	the archive managers are told, and a Capture Batch or capture_document takes the document later."""
	savepoint = "archive_capture_on_submit"
	frappe.db.savepoint(savepoint)
	try:
		return capture(rule, doc)
	except Exception as e:
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_messages()
		frappe.log_error(
			title=f"Archive capture: {doc.doctype} {doc.name}",
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
		subject = _(
			"{0} {1} was not archived by capture rule {2}: {3}", lang=notifications.NOTIFY_LANG
		).format(_(doc.doctype, lang=notifications.NOTIFY_LANG), doc.name, rule.name, str(e)[:200])
		notifications.notify(notifications.archive_managers(), subject, doc)
		return None


def on_cancel(doc, method=None):
	"""Every cancel: the items captured from the document keep their record and are marked cancelled."""
	if doc.doctype not in captured_doctypes():
		return
	for name in frappe.get_all(
		ITEM, filters={"source_doctype": doc.doctype, "source_name": doc.name}, pluck="name"
	):
		frappe.db.set_value(
			ITEM, name, {"source_cancelled": 1, "source_cancelled_on": now_datetime()}, update_modified=False
		)
		frappe.get_doc(ITEM, name).add_comment(
			"Info", _("The source document {0} {1} was cancelled").format(_(doc.doctype), doc.name)
		)


# Which documents a rule takes


def condition_filters(rule) -> list:
	"""The rule's condition in Frappe's filter format, as a list of [field, operator, value] filters."""
	text = (rule.condition or "").strip()
	if not text:
		return []
	filters = json.loads(text)
	if isinstance(filters, dict):
		filters = [
			[field, *(value if isinstance(value, list | tuple) else ["=", value])]
			for field, value in filters.items()
		]
	return [list(f[-3:]) if len(f) == 4 else list(f) for f in filters]


def matches(rule, name: str) -> bool:
	"""Does the stored document meet the rule's condition (read by the database, as a list filter is)."""
	if not rule.condition:
		return True
	return bool(
		frappe.get_all(rule.source_doctype, filters=[["name", "=", name], *condition_filters(rule)], limit=1)
	)


def item_for(rule: str, source_name: str, latest: bool = False) -> str | None:
	"""The item a rule made of a document. ``latest`` reads past this transaction's snapshot (a locking
	read), to find the item another worker committed while this one waited on the unique index."""
	return frappe.db.get_value(
		ITEM, {"capture_rule": rule, "source_name": source_name}, "name", for_update=latest
	)


def items_of(doctype: str, name: str) -> list[dict]:
	"""The archive items captured from one document, newest first."""
	return frappe.get_all(
		ITEM,
		filters={"source_doctype": doctype, "source_name": name},
		fields=["name", "title", "status", "reference_code", "source_cancelled", "capture_rule"],
		order_by="creation desc",
	)


# Capturing one document


def capture(rule, source) -> str:
	"""The Archive Item of ``source`` by ``rule``: made now, or the one made before (never two)."""
	existing = item_for(rule.name, source.name)
	if existing:
		return existing
	files = source_files(rule, source)
	item, made = make_item(rule, source.name, item_values(rule, source, files), files)
	if made:
		hold_if_unsettled(rule, source, item)
		if rule.file_directly:
			file_directly(item, rule)
	return item


def make_item(rule, source_name: str, values: dict, files, ignore_links: bool = False) -> tuple[str, bool]:
	"""Insert the item of (rule, source) with its files, unless it exists: (item, whether made now)."""
	savepoint = "archive_capture"
	frappe.db.savepoint(savepoint)
	try:
		item = frappe.get_doc(values)
		item.flags.ignore_links = ignore_links
		item.insert(ignore_permissions=True)
	except frappe.UniqueValidationError:
		# another worker, or an earlier run, captured it first: theirs is the item
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_last_message()
		return item_for(rule.name, source_name, latest=True), False
	for file_name, content in files:
		attach(item.name, file_name, content)
	return item.name, True


def item_values(rule, source, files) -> dict:
	values = source.as_dict()
	doc_date = getdate(source.get(rule.date_field)) if source.get(rule.date_field) else getdate()
	return {
		"doctype": ITEM,
		"fonds": rule.fonds or frappe.db.get_value("Filing Unit", rule.filing_unit, "fonds"),
		"category": rule.category,
		"year": doc_date.year,
		"filing_unit": rule.filing_unit,
		"retention_period": rule.retention_period,
		"title": rules.render(rule.title_template, values)[:TITLE_LENGTH] or source.name,
		"doc_number": rules.render(rule.doc_number_template, values)[:TITLE_LENGTH],
		"responsible_party": responsible_party(rule, values),
		"doc_date": doc_date,
		"pages": sum(
			pdf_pages(content) for file_name, content in files if file_name.lower().endswith(".pdf")
		),
		"secrecy_level": secrecy_level(rule, source),
		"open_status": rule.open_status,
		"carrier": ELECTRONIC,
		"source_doctype": source.doctype,
		"source_name": source.name,
		"capture_rule": rule.name,
		"replaces_item": replaced_item(rule, source),
	}


def secrecy_level(rule, source) -> str:
	"""The rule's level, or the document's own 密级 where it has one and it is higher: a captured item is never
	less secret than the document it keeps."""
	own = source.get("secrecy_level")
	return (
		own
		if own in SECRECY_LEVELS and secrecy_rank(own) > secrecy_rank(rule.secrecy_level)
		else rule.secrecy_level
	)


def responsible_party(rule, values: dict) -> str:
	"""The template's text, else the company of the document, else the filing unit's name."""
	text = rules.render(rule.responsible_party_template, values)
	if text:
		return text[:TITLE_LENGTH]
	if values.get("company"):
		return values["company"]
	if rule.filing_unit:
		return frappe.db.get_value("Filing Unit", rule.filing_unit, "unit_name") or rule.filing_unit
	return ""


def replaced_item(rule, source) -> str | None:
	"""An amendment names the item of the document it amends (captured by the same rule)."""
	amended_from = source.get("amended_from")
	return item_for(rule.name, amended_from) if amended_from else None


def source_files(rule, source) -> list[tuple[str, bytes]]:
	"""(file name, bytes) of everything the item carries: PDF, the source's attachments, the metadata."""
	files = []
	if rule.render_pdf:
		files.append((f"{safe_name(source.name)}.pdf", render_pdf(rule, source)))
	if rule.include_attachments:
		files.extend(attachments(source))
	files.append((f"{safe_name(source.name)}-元数据.xml", metadata_xml(source)))
	return files


def safe_name(name: str) -> str:
	return "".join(c if c not in '/\\:*?"<>|' else "_" for c in name)


def render_pdf(rule, source) -> bytes:
	"""The document as its print format renders it, to PDF by Frappe's wkhtmltopdf path.

	Not through frappe.get_print: its print view writes an Access Log and commits (outside tests), which in
	an on-submit capture would commit the submit half-way; and it marks the document it prints
	(flags.in_print), after which that document's save() does nothing. A copy is rendered here, in the
	transaction, as the capture rule's act (the rule's author chose what is printed)."""
	from frappe.utils.pdf import get_pdf
	from frappe.www.printview import (
		get_print_format_doc,
		get_print_style,
		get_rendered_template,
		set_link_titles,
	)

	copy = frappe.get_doc(source.as_dict())
	meta = frappe.get_meta(source.doctype)
	print_format = get_print_format_doc(
		rule.print_format or meta.default_print_format or "Standard", meta=meta
	)
	set_link_titles(copy)
	body = get_rendered_template(doc=copy, print_format=print_format, meta=meta, no_letterhead=0)
	style = get_print_style(print_format=print_format)
	page = (
		'<!DOCTYPE html><html><head><meta charset="utf-8">'
		f'<style>{style}</style></head><body><div class="print-format">{body}</div></body></html>'
	)
	return get_pdf(page)


def pdf_pages(content: bytes) -> int:
	from pypdf import PdfReader

	try:
		return len(PdfReader(BytesIO(content)).pages)
	except Exception:
		return 0


def attachments(source) -> list[tuple[str, bytes]]:
	found = []
	for row in frappe.get_all(
		"File",
		filters={"attached_to_doctype": source.doctype, "attached_to_name": source.name, "is_folder": 0},
		fields=["name", "file_name", "file_url"],
		order_by="creation asc",
	):
		if (row.file_url or "").startswith(("http://", "https://")):
			continue
		found.append((row.file_name, frappe.get_doc("File", row.name).get_content()))
	return found


def metadata_xml(source) -> bytes:
	"""The document as XML (DA/T 46-style metadata): its fields and rows, its version history, and its
	JSON as Frappe stores it."""
	meta = frappe.get_meta(source.doctype)
	lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		f"<archive_capture doctype={quoteattr(source.doctype)} name={quoteattr(source.name)}"
		f" captured_on={quoteattr(str(now_datetime()))}>",
		"  <fields>",
	]
	for df in meta.fields:
		if df.fieldtype in frappe.model.no_value_fields or df.fieldtype in frappe.model.table_fields:
			continue
		value = source.get(df.fieldname)
		if value in (None, ""):
			continue
		lines.append(
			f"    <field name={quoteattr(df.fieldname)} label={quoteattr(df.label or '')}>"
			f"{escape(str(value))}</field>"
		)
	lines.append("  </fields>")
	for df in meta.get_table_fields():
		lines.append(f"  <table name={quoteattr(df.fieldname)} label={quoteattr(df.label or '')}>")
		for row in source.get(df.fieldname) or []:
			cells = "".join(
				f"<field name={quoteattr(k)}>{escape(str(v))}</field>"
				for k, v in row.as_dict().items()
				if v not in (None, "") and k not in frappe.model.default_fields
			)
			lines.append(f"    <row idx={quoteattr(str(row.idx))}>{cells}</row>")
		lines.append("  </table>")
	lines.append("  <versions>")
	for version in frappe.get_all(
		"Version",
		filters={"ref_doctype": source.doctype, "docname": source.name},
		fields=["name", "owner", "creation", "data"],
		order_by="creation asc",
	):
		lines.append(
			f"    <version name={quoteattr(version.name)} by={quoteattr(version.owner)}"
			f" on={quoteattr(str(version.creation))}>{escape(version.data or '')}</version>"
		)
	lines.append("  </versions>")
	lines.append(f"  <json>{escape(source.as_json())}</json>")
	lines.append("</archive_capture>")
	return ("\n".join(lines) + "\n").encode("utf-8")


def error_reason(e: Exception) -> str:
	"""What went wrong, for the archivist: the app's own (translated) message, or what the system said."""
	if isinstance(e, frappe.ValidationError | frappe.PermissionError) and str(e):
		return str(e)
	if isinstance(e, FileNotFoundError):
		return _("a file of the document is missing from storage ({0})").format(e.filename)
	if isinstance(e, OSError) and "wkhtmltopdf" in str(e):
		return _("the document could not be printed to PDF: {0}").format(str(e).splitlines()[-1])
	return f"{type(e).__name__}: {e}"


def attach(item: str, file_name: str, content: bytes):
	"""A private file of the item: File.after_insert records its fixity (preservation/fixity.py)."""
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": ITEM,
			"attached_to_name": item,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)


# After capture


def hold_if_unsettled(rule, source, item: str) -> str | None:
	"""A voucher of an unsettled claim or debt is held (冻结) until settled: it may not be destroyed."""
	if not rule.unsettled_field or not rules.is_unsettled(source.get(rule.unsettled_field)):
		return None
	hold = frappe.get_doc(
		{
			"doctype": "Archive Hold",
			"reason_type": "其他",
			"reason": f"{UNSETTLED_REASON}：{_(source.doctype)} {source.name} "
			f"尚有未结金额 {source.get(rule.unsettled_field)}，结清前不得销毁",
			"active": 1,
			"targets": [{"archive_item": item}],
		}
	).insert(ignore_permissions=True)
	return hold.name


def release_settled_holds() -> list[str]:
	"""Daily: release the unsettled-matter holds whose source documents are now settled."""
	released = []
	rows = frappe.db.sql(
		"""select h.name hold, i.name item, i.source_doctype, i.source_name, r.unsettled_field
		from `tabArchive Hold` h
		join `tabArchive Hold Target` t on t.parent = h.name and t.parenttype = 'Archive Hold'
		join `tabArchive Item` i on i.name = t.archive_item
		join `tabArchive Capture Rule` r on r.name = i.capture_rule
		where h.active = 1 and h.reason like %(reason)s and ifnull(r.unsettled_field, '') != ''""",
		{"reason": UNSETTLED_REASON + "%"},
		as_dict=True,
	)
	for row in rows:
		if not frappe.db.exists(row.source_doctype, row.source_name):
			continue
		value = frappe.db.get_value(row.source_doctype, row.source_name, row.unsettled_field)
		if rules.is_unsettled(value):
			continue
		hold = frappe.get_doc("Archive Hold", row.hold)
		hold.active = 0
		hold.release_note = f"{_(row.source_doctype)} {row.source_name} 已结清"
		hold.save(ignore_permissions=True)
		released.append(hold.name)
	return released


@contextmanager
def as_user(user: str):
	"""Act as ``user`` for the block, then as whoever acted before."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def as_administrator():
	"""Direct filing is the rule's act, made by the app for whoever submitted the document."""
	return as_user("Administrator")


def file_directly(item: str, rule) -> bool:
	"""File the captured item now, by the filing workflow (four-property check and all). A refusal
	leaves it in Draft with the reason on its timeline."""
	savepoint = "archive_capture_filing"
	frappe.db.savepoint(savepoint)
	try:
		with as_administrator():
			apply_workflow(frappe.get_doc(ITEM, item).as_dict(), FILE_ACTION)
		return True
	except frappe.ValidationError as e:
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_last_message()
		frappe.get_doc(ITEM, item).add_comment(
			"Info", _("Capture rule {0} could not file this item: {1}").format(rule.name, str(e))
		)
		return False


def check_capture_permission() -> None:
	if not frappe.has_permission(RULE, "write"):
		raise frappe.PermissionError(_("Only the Archive Manager defines and runs capture rules"))


def capture_one(rule_name: str, source_name: str) -> str:
	"""Capture one submitted document by a rule now (api/capture.capture_document, office documents)."""
	rule = frappe.get_doc(RULE, rule_name)
	if not rule.enabled:
		frappe.throw(_("Capture rule {0} is disabled").format(rule.name), exc=CaptureError)
	source = frappe.get_doc(rule.source_doctype, source_name)
	if cint(source.docstatus) != 1:
		frappe.throw(
			_("{0} {1} is not submitted: only submitted documents are archived").format(
				_(rule.source_doctype), source_name
			),
			exc=CaptureError,
		)
	if not matches(rule, source.name):
		frappe.throw(
			_("{0} {1} does not meet the condition of capture rule {2}").format(
				_(rule.source_doctype), source_name, rule.name
			),
			exc=CaptureError,
		)
	return capture(rule, source)
