"""Bulk actions of the Archive Item list: add the selected items to a loan request, a handover list or a
dossier (destruction batches: api/destruction.add_items), and print 归档章 or box labels for a selection.

Each method checks the caller's permission on the document it changes; the document's own controller
then applies every rule (a draft handover list of the items' unit, a dossier within its page limit …),
so a refused selection writes nothing.
"""

import frappe
from frappe import _

from archive_mgmt.exceptions import BulkActionError

# The documents a selection may be added to, and the workflow states in which they still take items.
TARGETS = {
	"Loan Request": ("Draft",),
	"Handover List": ("Draft",),
	"Dossier": None,  # no workflow: the controller refuses what does not fit
}
PRINTABLE = {"归档章": "Archive Item", "档案盒标签": "Dossier"}


def parse_names(items) -> list[str]:
	names = frappe.parse_json(items) if isinstance(items, str) else list(items or [])
	names = [n for n in dict.fromkeys(names) if n]
	if not names:
		frappe.throw(_("Select at least one archive item"), exc=BulkActionError)
	return names


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
	"""One printable page of 归档章 (per item) or box labels (per dossier of the selected items)."""
	doctype = PRINTABLE.get(print_format)
	if not doctype:
		frappe.throw(_("Unknown print format {0}").format(print_format), exc=BulkActionError)
	names = parse_names(items)
	for item in names:
		frappe.has_permission("Archive Item", "read", item, throw=True)
	if doctype == "Dossier":
		names = list(
			dict.fromkeys(
				d
				for d in frappe.get_all(
					"Archive Item",
					filters={"name": ("in", names)},
					pluck="dossier",
					order_by="reference_code",
				)
				if d
			)
		)
		if not names:
			frappe.throw(_("None of the selected items is in a dossier"), exc=BulkActionError)
	for name in names:
		frappe.has_permission(doctype, "print", name, throw=True)
	pages = [frappe.get_print(doctype, name, print_format) for name in names]
	frappe.response["type"] = "download"
	frappe.response["filename"] = "print.html"
	frappe.response["content_type"] = "text/html; charset=utf-8"
	frappe.response["display_content_as"] = "inline"
	frappe.response["filecontent"] = page(print_format, pages).encode()


def page(title: str, pages: list[str]) -> str:
	body = '<div style="break-after: page;"></div>'.join(pages)
	return (
		'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
		f"<title>{frappe.utils.escape_html(title)}</title></head>"
		f"<body>{body}<script>window.onload = () => window.print();</script></body></html>"
	)
