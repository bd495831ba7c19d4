"""Appraisal and destruction on the site: which items may go into a batch, and carrying a batch out.

The rules themselves are in ``rules/destruction.py``; this module gathers the facts they need
(status, expiry, holds, other batches) and acts on the items through ``item_status``.
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from archive_mgmt.appraisal import holds
from archive_mgmt.archive_setup.retention import count_from
from archive_mgmt.exceptions import DestructionEligibilityError
from archive_mgmt.filing import item_status
from archive_mgmt.rules import destruction as rules
from archive_mgmt.rules.retention import PERMANENT, kept_years
from archive_mgmt.rules.status import DESTROYED

OPEN_BATCH_EXCLUDED_STATES = ("Destroyed", "Rejected")


def reason_label(reason: str) -> str:
	labels = {
		rules.NOT_FILED: _("not filed (draft)"),
		rules.ALREADY_DESTROYED: _("already destroyed"),
		rules.ALREADY_TRANSFERRED: _("already transferred"),
		rules.ON_LOAN_NOW: _("on loan"),
		rules.HELD: _("under hold"),
		rules.PERMANENT: _("kept permanently"),
		rules.UNEXPIRED: _("retention not yet expired"),
		rules.IN_OTHER_BATCH: _("already in another destruction batch"),
		rules.OTHER_FONDS: _("belongs to another fonds"),
	}
	return labels.get(reason, reason)


def refusals(items: list[str], batch: str | None = None, fonds: str | None = None) -> dict[str, list[str]]:
	"""Every reason each item may not be destroyed today: {item: [reason code, ...]}."""
	items = [i for i in dict.fromkeys(items) if i]
	if not items:
		return {}
	rows = {
		r.name: r
		for r in frappe.get_all(
			"Archive Item",
			filters={"name": ("in", items)},
			fields=["name", "status", "expiry_date", "fonds"],
		)
	}
	held = holds.holds_on(list(rows))
	in_other = set(
		frappe.db.sql(
			"""select i.archive_item from `tabDestruction Batch Item` i
			join `tabDestruction Batch` b on b.name = i.parent and i.parenttype = 'Destruction Batch'
			where i.archive_item in %(items)s and b.name != %(batch)s
			and ifnull(b.workflow_state, 'Draft') not in %(closed)s""",
			{"items": list(rows) or [""], "batch": batch or "", "closed": OPEN_BATCH_EXCLUDED_STATES},
			pluck=True,
		)
	)
	on = getdate(today())
	result = {}
	for item in items:
		row = rows.get(item)
		if not row:
			frappe.throw(_("Archive Item {0} does not exist").format(item), exc=frappe.DoesNotExistError)
		result[item] = rules.refusals(
			row.status,
			getdate(row.expiry_date) if row.expiry_date else None,
			on,
			held=item in held,
			other_batch=item in in_other,
			other_fonds=bool(fonds and row.fonds != fonds),
		)
	return result


def describe(item: str, reasons: list[str]) -> str:
	return _("{0}: {1}", context="Destruction Batch").format(
		item, ", ".join(reason_label(r) for r in reasons)
	)


def throw_refusals(refused: dict[str, list[str]], message: str) -> None:
	refused = {i: r for i, r in refused.items() if r}
	if refused:
		frappe.throw(
			message + "<br>" + "<br>".join(describe(i, r) for i, r in refused.items()),
			exc=DestructionEligibilityError,
		)


def snapshot(item: str, on=None) -> dict:
	"""The register's columns for one item, as it stands (已保管期限 counted to ``on``)."""
	doc = frappe.db.get_value(
		"Archive Item",
		item,
		["reference_code", "title", "year", "retention_period", "pages", "doc_date"],
		as_dict=True,
	)
	kept = None
	if doc.year:
		doc_date = getdate(doc.doc_date) if doc.doc_date else None
		kept = kept_years(int(doc.year), getdate(on or today()), count_from(), doc_date)
	return {
		"reference_code": doc.reference_code,
		"item_title": doc.title,
		"year": doc.year,
		"retention_period": doc.retention_period,
		"kept_years": kept,
		"pages": doc.pages,
	}


def execute(batch) -> None:
	"""Carry out an approved batch's decisions. The batch has checked every item just before."""
	now = now_datetime()
	destroyed = []
	for row in batch.items:
		if row.decision == rules.DESTROY:
			item_status.change(
				row.archive_item,
				DESTROYED,
				{
					"destroyed_on": batch.destruction_date or now,
					"destroyed_by": frappe.session.user,
					"destruction_batch": batch.name,
					"transfer_pending": 0,
				},
			)
			destroyed.append(row.archive_item)
		elif row.decision in (rules.EXTEND, rules.KEEP_PERMANENTLY):
			period = row.new_retention_period if row.decision == rules.EXTEND else PERMANENT
			update_item(row.archive_item, {"retention_period": period})
		elif row.decision == rules.TRANSFER:
			update_item(row.archive_item, {"transfer_pending": 1})
	for item in destroyed:
		delete_attachments(item)


def update_item(item: str, values: dict) -> None:
	doc = frappe.get_doc("Archive Item", item)
	doc.update(values)
	doc.flags.ignore_permissions = True
	doc.save(ignore_version=False)


def delete_attachments(item: str) -> None:
	"""Remove a destroyed item's files from storage (File.on_trash deletes the file unless shared)."""
	for name in frappe.get_all(
		"File", filters={"attached_to_doctype": "Archive Item", "attached_to_name": item}, pluck="name"
	):
		frappe.delete_doc("File", name, ignore_permissions=True, force=True)
