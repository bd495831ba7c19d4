"""Whitelisted methods of filing: the item form's helpers, the catalogue import, the Archive Item list's bulk
actions and the catalogue exports (归档文件目录, 案卷目录, 卷内目录, 移交清单) the list and form buttons
(public/js/catalogue_exports.js) download. Each checks the caller's permission and arguments itself."""

import frappe
from frappe import _
from frappe.www.printview import get_html_and_style

from archive_mgmt import inputs
from archive_mgmt.api import send_file
from archive_mgmt.archive_setup import reference_codes
from archive_mgmt.archive_setup.retention import matching_rule
from archive_mgmt.exceptions import BulkActionError
from archive_mgmt.filing import boxes, catalogue_import, exports
from archive_mgmt.filing.bulk import BOX_LABEL, PRINTABLE, STAMP, TARGETS, page, parse_names, sheet
from archive_mgmt.rules.reference_code import CodeValueError


@frappe.whitelist()
def retention_default(category: str, title: str | None = None) -> dict:
	"""The retention period and secrecy level the matching Retention Rule suggests."""
	frappe.has_permission("Archive Item", "create", throw=True)
	if not category or not frappe.db.exists("Archive Category", category):
		frappe.throw(_("Archive Category {0} does not exist").format(category or "-"))
	rule = matching_rule(category, title)
	if not rule:
		return {}
	return {
		"rule": rule.name,
		"retention_period": rule.retention_period,
		"secrecy_level": rule.default_secrecy_level,
	}


@frappe.whitelist()
def preview_reference_code(name: str) -> str | None:
	"""The reference code the item has, or would get if filed now."""
	doc = frappe.get_doc("Archive Item", name)
	doc.check_permission("read")
	if doc.reference_code:
		return doc.reference_code
	try:
		return reference_codes.preview(doc)
	except CodeValueError:
		return None


@frappe.whitelist()
def download_template():
	"""The catalogue import's Excel template."""
	frappe.has_permission("Archive Item", "create", throw=True)
	send_file("归档文件目录导入模板.xlsx", catalogue_import.build_template())


@frappe.whitelist()
def start_import(name: str) -> dict:
	"""Import a checked catalogue: at once, or in the background when the file is large."""
	doc = frappe.get_doc(catalogue_import.DOCTYPE, name)
	doc.check_permission("write")
	catalogue_import.check_permission(doc.mode)
	return catalogue_import.start(doc)


@frappe.whitelist()
def add_items(doctype: str, name: str, items: list[str] | str) -> dict:
	"""Append the selected archive items to a loan request, handover list or dossier; all or nothing."""
	if doctype not in TARGETS:
		frappe.throw(_("Items cannot be added to a {0}").format(_(doctype)), exc=BulkActionError)
	frappe.has_permission(doctype, "write", name, throw=True)
	names = parse_names(items)
	doc = frappe.get_doc(doctype, name)
	states = TARGETS[doctype]
	if states and (doc.get("workflow_state") or "Draft") not in states:
		frappe.throw(
			_("{0} {1} is {2}: items can be added only to a draft").format(
				_(doctype), name, _(doc.workflow_state)
			),
			exc=BulkActionError,
		)
	present = {row.archive_item for row in doc.items}
	added = [n for n in names if n not in present]
	for item in added:
		doc.append("items", {"archive_item": item})
	if added:
		doc.save()
	return {"added": added, "already_there": [n for n in names if n in present]}


@frappe.whitelist()
def print_selection(items: list[str] | str, print_format: str) -> None:
	"""A sheet of 归档章 (one per item, many to a page) or the box labels (one per box the items are in)."""
	doctype = PRINTABLE.get(print_format)
	if not doctype:
		frappe.throw(_("Unknown print format {0}").format(print_format), exc=BulkActionError)
	names = parse_names(items)
	for item in names:
		frappe.has_permission("Archive Item", "read", item, throw=True)
	if print_format == BOX_LABEL:
		names = boxes.boxes_of(names)
		if not names:
			frappe.throw(_("None of the selected items is in an archive box"), exc=BulkActionError)
	for name in names:
		frappe.has_permission(doctype, "print", name, throw=True)
	if print_format == STAMP:
		names = frappe.get_all(
			doctype, filters={"name": ("in", names)}, pluck="name", order_by="reference_code, name"
		)
		stamps = [get_html_and_style(doctype, name, print_format, no_letterhead=1)["html"] for name in names]
		html = sheet(print_format, stamps)
	else:
		html = page(print_format, [frappe.get_print(doctype, name, print_format) for name in names])
	frappe.response["type"] = "download"
	frappe.response["filename"] = "print.html"
	frappe.response["content_type"] = "text/html; charset=utf-8"
	frappe.response["display_content_as"] = "inline"
	frappe.response["filecontent"] = html.encode()


@frappe.whitelist()
def download_filing_catalogue(
	fonds: str, year: int | str, retention_period: str, filing_unit: str | None = None
) -> None:
	"""归档文件目录 of one fonds, year and retention period, optionally one filing unit."""
	frappe.has_permission("Archive Item", "export", throw=True)
	fonds = inputs.existing("Fonds", fonds)
	year = inputs.year(year)
	retention_period = inputs.existing("Retention Period", retention_period)
	filing_unit = inputs.existing("Filing Unit", filing_unit, required=False)
	send_file(
		f"归档文件目录-{fonds}-{year}-{retention_period}.xlsx",
		exports.build_filing_catalogue(fonds, year, retention_period, filing_unit),
	)


@frappe.whitelist()
def download_dossier_catalogue(fonds: str, year: int | str | None = None) -> None:
	"""案卷目录 of one fonds, optionally one year."""
	frappe.has_permission("Dossier", "export", throw=True)
	fonds = inputs.existing("Fonds", fonds)
	year = inputs.year(year, required=False)
	send_file(
		f"案卷目录-{fonds}{f'-{year}' if year else ''}.xlsx", exports.build_dossier_catalogue(fonds, year)
	)


@frappe.whitelist()
def download_dossier_contents(dossier: str) -> None:
	"""卷内目录 of one dossier."""
	doc = frappe.get_doc("Dossier", inputs.existing("Dossier", dossier))
	doc.check_permission("read")
	send_file(f"卷内目录-{doc.reference_code or doc.name}.xlsx", exports.build_dossier_contents(doc.name))


@frappe.whitelist()
def download_handover_list(name: str) -> None:
	"""移交清单 of one handover list."""
	doc = frappe.get_doc("Handover List", inputs.existing("Handover List", name))
	doc.check_permission("read")
	send_file(f"移交清单-{doc.name}.xlsx", exports.build_handover_list(doc.name))
