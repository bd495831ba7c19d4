"""What the Archive Item list's bulk actions (api/filing.py: add_items, print_selection) share: the targets a
selection may be added to, the printable formats, the selection itself and the printed page."""

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


def page(title: str, pages: list[str]) -> str:
	body = '<div style="break-after: page;"></div>'.join(pages)
	return (
		'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
		f"<title>{frappe.utils.escape_html(title)}</title></head>"
		f"<body>{body}<script>window.onload = () => window.print();</script></body></html>"
	)
