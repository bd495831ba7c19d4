"""Archive boxes (档案盒): an Archive Location of type 盒. An item is in the box its location names or, naming
none, in the box of its dossier. The box label (print format 档案盒标签, on Archive Location) prints the spine
of the filed items in the box (rules/boxes.py); the item list prints one label per box of a selection."""

import frappe
from frappe.query_builder.functions import IfNull

from archive_mgmt.rules import status
from archive_mgmt.rules.boxes import Spine, spine

BOX = "盒"
IN_BOX = (status.FILED, status.ON_LOAN)  # destroyed and transferred items have left the box


def box_spine(box: str) -> Spine:
	"""The spine of a box, for the label's Jinja (hooks.jinja)."""
	item, dossier = frappe.qb.DocType("Archive Item"), frappe.qb.DocType("Dossier")
	dossiers_in_box = frappe.qb.from_(dossier).select(dossier.name).where(dossier.location == box)
	items = (
		frappe.qb.from_(item)
		.select(item.fonds, item.year, item.retention_period, item.filing_unit, item.item_no, item.pages)
		.where(item.status.isin(IN_BOX))
		.where(
			(item.location == box) | ((IfNull(item.location, "") == "") & item.dossier.isin(dossiers_in_box))
		)
		.orderby(item.reference_code)
		.run(as_dict=True)
	)
	return spine(box, items)


def boxes_of(items: list[str]) -> list[str]:
	"""The boxes the items are in, in the order of their codes."""
	rows = frappe.get_all("Archive Item", filters={"name": ("in", items)}, fields=["location", "dossier"])
	locations = {r.location for r in rows if r.location}
	dossiers = {r.dossier for r in rows if r.dossier and not r.location}
	if dossiers:
		locations |= set(
			frappe.get_all("Dossier", filters={"name": ("in", list(dossiers))}, pluck="location") or []
		)
	locations.discard(None)
	if not locations:
		return []
	return frappe.get_all(
		"Archive Location",
		filters={"name": ("in", list(locations)), "location_type": BOX},
		pluck="name",
		order_by="name",
	)
