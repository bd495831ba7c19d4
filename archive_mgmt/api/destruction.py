"""Whitelisted methods of appraisal and destruction: bulk adding to a batch, the register as Excel."""

import frappe
from frappe import _

from archive_mgmt import destruction
from archive_mgmt.exceptions import BatchLockedError
from archive_mgmt.register import register_workbook

ADDABLE_STATES = ("Draft", "Appraisal")


@frappe.whitelist()
def add_items(batch: str, items: list[str] | str) -> dict:
	"""Add items in bulk; each refused item comes back with its reasons, the others are added."""
	frappe.has_permission("Destruction Batch", "write", batch, throw=True)
	items = frappe.parse_json(items) if isinstance(items, str) else list(items)
	doc = frappe.get_doc("Destruction Batch", batch)
	if (doc.workflow_state or "Draft") not in ADDABLE_STATES:
		frappe.throw(
			_("Items can be added only while the batch is in Draft or Appraisal"), exc=BatchLockedError
		)
	present = {r.archive_item for r in doc.items}
	new = [i for i in dict.fromkeys(items) if i and i not in present]
	found = destruction.refusals(new, doc.name, doc.fonds)
	added = [i for i in new if not found[i]]
	for item in added:
		doc.append("items", {"archive_item": item})
	if added:
		doc.save()
	return {
		"added": added,
		"already_in_batch": [i for i in items if i in present],
		"refused": [
			{
				"archive_item": i,
				"reasons": found[i],
				"message": ", ".join(destruction.reason_label(r) for r in found[i]),
			}
			for i in new
			if found[i]
		],
	}


@frappe.whitelist()
def download_register(batch: str) -> None:
	"""The destruction register (销毁清册) of a batch as an Excel file."""
	frappe.has_permission("Destruction Batch", "read", batch, throw=True)
	frappe.response["filename"] = f"销毁清册-{batch}.xlsx"
	frappe.response["filecontent"] = register_workbook(batch)
	frappe.response["type"] = "binary"
