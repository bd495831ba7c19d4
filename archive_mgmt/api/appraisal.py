"""Whitelisted methods of appraisal and destruction: bulk adding to a batch, the register as Excel."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from archive_mgmt.access_control import clearance
from archive_mgmt.api import send_file
from archive_mgmt.appraisal import destruction
from archive_mgmt.appraisal.destruction_register import register_workbook
from archive_mgmt.exceptions import BatchLockedError
from archive_mgmt.rules.status import FILED

ADDABLE_STATES = ("Draft", "Appraisal")
SEARCH_CHUNK = 200


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
	send_file(f"销毁清册-{batch}.xlsx", register_workbook(batch))


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def destroyable_items(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for a batch's items: only what may be destroyed today. The database narrows to filed
	items whose retention has expired; destruction.refusals then decides as everywhere else (holds, other
	open batches, the batch's fonds)."""
	frappe.has_permission("Destruction Batch", "write", throw=True)
	filters = frappe._dict(filters or {})
	start, page_len = int(start or 0), int(page_len or 20)
	exclude = filters.exclude or []
	exclude = set(frappe.parse_json(exclude) if isinstance(exclude, str) else exclude)
	item = frappe.qb.DocType("Archive Item")
	like = f"%{txt or ''}%"
	query = (
		frappe.qb.from_(item)
		.select(item.name, item.reference_code, item.title)
		.where(item.status == FILED)
		.where(item.expiry_date <= getdate(today()))
		.where((item.reference_code.like(like)) | (item.title.like(like)) | (item.name.like(like)))
		.orderby(item.reference_code)
		.orderby(item.name)
	)
	if filters.fonds:
		query = query.where(item.fonds == filters.fonds)
	if (readable := clearance.criterion("Archive Item")) is not None:
		query = query.where(readable)  # whoever chooses may choose only what they may learn of
	found, offset = [], 0
	while len(found) < start + page_len:
		rows = query.limit(SEARCH_CHUNK).offset(offset).run()
		if not rows:
			break
		offset += SEARCH_CHUNK
		rows = [r for r in rows if r[0] not in exclude]
		refused = destruction.refusals([r[0] for r in rows], filters.batch, filters.fonds)
		found += [r for r in rows if not refused[r[0]]]
	return found[start : start + page_len]
