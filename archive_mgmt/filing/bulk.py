"""What the Archive Item list's bulk actions (api/filing.py: add_items, print_selection) share: the targets a
selection may be added to, the printable formats, the selection itself and the printed page or sheet."""

import frappe
from frappe import _

from archive_mgmt.exceptions import BulkActionError

# The documents a selection may be added to, and the workflow states in which they still take items.
TARGETS = {
	"Loan Request": ("Draft",),
	"Handover List": ("Draft",),
	"Dossier": None,  # no workflow: the controller refuses what does not fit
}
STAMP, BOX_LABEL = "归档章", "档案盒标签"
PRINTABLE = {STAMP: "Archive Item", BOX_LABEL: "Archive Location"}


def parse_names(items) -> list[str]:
	names = frappe.parse_json(items) if isinstance(items, str) else list(items or [])
	names = [n for n in dict.fromkeys(names) if n]
	if not names:
		frappe.throw(_("Select at least one archive item"), exc=BulkActionError)
	return names


def sheet(title: str, stamps: list[str]) -> str:
	"""A sheet of 归档章: the stamps side by side, as many to an A4 page as fit (archive_print.css)."""
	cells = "".join(f'<div class="stamp-cell">{stamp}</div>' for stamp in stamps)
	return page(title, [f'<div class="stamp-sheet">{cells}</div>'])


def page(title: str, pages: list[str]) -> str:
	"""The pages one after another, each on a new sheet of paper; printed when opened."""
	body = '<div style="break-after: page;"></div>'.join(pages)
	return (
		'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
		f"<title>{frappe.utils.escape_html(title)}</title></head>"
		f"<body>{body}<script>window.onload = () => window.print();</script></body></html>"
	)
