"""Capture Batch: a period's documents of a rule, captured in the background, resumable, ending as a
Handover List.

The batch records each document it took (a Capture Batch Document row, written and committed with the
item), so a run killed mid-way and started again skips what is done; the unique index on the items means a
document taken twice still makes one item. Errors are recorded per document, in Chinese, and a retry takes
exactly those documents again. Progress is on the record (and published to the open form).

A report rule's batch takes the period's output: one, or for a rule split by a filter one per value (each a
row, its errors recorded as a document's are); a value whose output has no rows is recorded as skipped and
not taken again.
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, nowdate

from archive_mgmt import notifications
from archive_mgmt.capture import capture, report_output
from archive_mgmt.exceptions import CaptureError
from archive_mgmt.rules import capture as rules
from archive_mgmt.rules.status import DRAFT as ITEM_DRAFT

DOCTYPE = "Capture Batch"
ROW = "Capture Batch Document"
CAPTURED, SKIPPED, ERROR = "Captured", "Skipped", "Error"
DRAFT, QUEUED, RUNNING = "Draft", "Queued", "Running"
COMPLETED, WITH_ERRORS, FAILED = "Completed", "Completed with Errors", "Failed"
COMMIT_EVERY = 20
BATCH_LANG = "zh"


def job_id(name: str) -> str:
	return f"archive-capture-batch::{name}"


def start(batch) -> dict:
	"""Queue the batch on the long queue (run at once in tests); a second click queues nothing more."""
	if batch.status in (QUEUED, RUNNING):
		frappe.throw(_("Capture batch {0} is already running").format(batch.name), exc=CaptureError)
	batch.db_set({"status": QUEUED, "message": _("Queued; progress is shown here")})
	if frappe.flags.in_test:
		run(batch.name, commit=False)
		return {"queued": False}
	frappe.enqueue(
		"archive_mgmt.capture.batch.run",
		queue="long",
		timeout=6 * 3600,
		name=batch.name,
		job_id=job_id(batch.name),
		deduplicate=True,
		enqueue_after_commit=True,
	)
	return {"queued": True}


def sources(batch, rule) -> dict[str, str | None]:
	"""The submitted documents of the batch's period that meet the rule, in date order; for a report rule,
	the period's output (one, or one per split value): {source name: split value}."""
	if report_output.is_report_rule(rule):
		return report_output.sources(rule, batch.period_from, batch.period_to)
	filters = [
		[rule.date_field, "between", [str(batch.period_from), str(batch.period_to)]],
		["docstatus", "=", 1],
		*capture.condition_filters(rule),
	]
	names = frappe.get_all(
		rule.source_doctype, filters=filters, pluck="name", order_by=f"`{rule.date_field}` asc, name asc"
	)
	return dict.fromkeys(names)


def taken(batch_name: str, outcomes: tuple[str, ...] = (CAPTURED,)) -> dict[str, str]:
	"""Documents the batch captured already: {source name: archive item}."""
	return dict(
		frappe.get_all(
			ROW,
			filters={"parent": batch_name, "parenttype": DOCTYPE, "outcome": ("in", outcomes)},
			fields=["source_name", "archive_item"],
			as_list=True,
		)
	)


def run(name: str, commit: bool = True, stop_after: int | None = None) -> None:
	"""Capture what the batch has not taken yet. ``stop_after`` stops the run after that many documents,
	as a killed worker would (the benchmark and tests use it)."""
	frappe.local.lang = BATCH_LANG
	batch = frappe.get_doc(DOCTYPE, name)
	rule = frappe.get_doc(capture.RULE, batch.capture_rule)
	done = taken(name, (CAPTURED, SKIPPED))
	try:
		names = sources(batch, rule)
	except Exception as e:  # e.g. the rule's owner may not read the split values: nothing to take
		frappe.clear_messages()
		batch.db_set(
			{
				"status": FAILED,
				"message": _("What to capture could not be listed: {0}").format(capture.error_reason(e)),
			}
		)
		if commit:
			frappe.db.commit()
		return
	frappe.db.delete(ROW, {"parent": name, "parenttype": DOCTYPE, "outcome": ERROR})
	batch.db_set({"status": RUNNING, "total_count": len(names), "message": None})
	if commit:
		frappe.db.commit()
	todo = [n for n in names if n not in done]
	idx = cint(frappe.db.sql("select max(idx) from `tabCapture Batch Document` where parent=%s", name)[0][0])
	errors = 0
	for count, source_name in enumerate(todo, 1):
		idx += 1
		errors += not take(batch, rule, source_name, idx, names[source_name])
		if commit and count % COMMIT_EVERY == 0:
			record_progress(batch, len(done) + count, len(names))
			frappe.db.commit()
		if stop_after and count >= stop_after:
			if commit:
				frappe.db.commit()
			return
	finish(batch, rule, len(names), errors)
	if commit:
		frappe.db.commit()


def take(batch, rule, source_name: str, idx: int, value: str | None = None) -> bool:
	savepoint = "capture_batch_document"
	frappe.db.savepoint(savepoint)
	row = {
		"doctype": ROW,
		"parent": batch.name,
		"parenttype": DOCTYPE,
		"parentfield": "documents",
		"idx": idx,
	}
	try:
		if report_output.is_report_rule(rule):
			item = report_output.capture_period(rule, batch.period_from, batch.period_to, value)
		else:
			item = capture.capture(rule, frappe.get_doc(rule.source_doctype, source_name))
		row.update({"source_name": source_name, "outcome": CAPTURED, "archive_item": item})
		if not item:  # a split value whose output has no rows
			row.update({"outcome": SKIPPED, "error": _("The report has no rows for it: no item")})
		ok = True
	except Exception as e:
		frappe.db.rollback(save_point=savepoint)
		frappe.clear_messages()
		reason = capture.error_reason(e)
		row.update(
			{
				"source_name": source_name,
				"outcome": ERROR,
				"error": _("{0} {1} was not captured: {2}").format(
					_(rule.source_doctype), source_name, reason
				),
			}
		)
		ok = False
	frappe.get_doc(row).db_insert()
	return ok


def record_progress(batch, done: int, total: int) -> None:
	percent = min(99, done * 100 // max(total, 1))
	batch.db_set({"progress": percent, "captured_count": done}, update_modified=False)
	frappe.publish_progress(
		percent,
		title=_("Capture Batch"),
		doctype=DOCTYPE,
		docname=batch.name,
		description=_("Captured {0} of {1} documents").format(done, total),
	)


def finish(batch, rule, total: int, errors: int) -> None:
	captured = taken(batch.name)
	skipped = len(taken(batch.name, (SKIPPED,)))
	message = _("{0} of {1} documents captured, {2} errors").format(len(captured), total, errors)
	if skipped:
		message += _("; {0} without rows skipped").format(skipped)
	values = {
		"captured_count": len(captured),
		"error_count": errors,
		"progress": 100,
		"status": WITH_ERRORS if errors else COMPLETED,
		"message": message,
	}
	if cint(rule.custody_years):
		values["proposed_handover_date"] = rules.proposed_handover(
			getdate(f"{batch.fiscal_year}-12-31"), rule.custody_years
		)
	if not rule.file_directly and rule.filing_unit and captured:
		values["handover_list"] = hand_over(batch, rule, list(captured.values()))
	batch.db_set(values)
	frappe.publish_progress(100, title=_("Capture Batch"), doctype=DOCTYPE, docname=batch.name)


def hand_over(batch, rule, items: list[str]) -> str:
	"""The handover list of the batch's draft items (made once; a retry adds what it captured)."""
	drafts = frappe.get_all(
		"Archive Item",
		filters={"name": ("in", items), "status": ITEM_DRAFT},
		fields=["name", "title", "doc_number", "responsible_party", "doc_date", "secrecy_level", "pages"],
		order_by="doc_date asc, name asc",
	)
	doc = (
		frappe.get_doc("Handover List", batch.handover_list)
		if batch.handover_list
		else frappe.new_doc("Handover List")
	)
	if doc.get("workflow_state") not in (None, "", "Draft"):
		return doc.name
	listed = {row.archive_item for row in doc.get("items") or []}
	doc.update(
		{
			"filing_unit": rule.filing_unit,
			"period_from": batch.period_from,
			"period_to": batch.period_to,
			"notes": _("Captured by capture batch {0} (rule {1})").format(batch.name, rule.name),
		}
	)
	for item in drafts:
		if item.name in listed:
			continue
		doc.append(
			"items",
			{
				"archive_item": item.name,
				"item_title": item.title,
				"doc_number": item.doc_number,
				"responsible_party": item.responsible_party,
				"doc_date": item.doc_date,
				"secrecy_level": item.secrecy_level,
				"pages": item.pages,
			},
		)
	doc.flags.ignore_permissions = True
	doc.save()
	return doc.name


def remind_custody_due() -> list[str]:
	"""Daily: tell the archive managers of the fiscal years whose finance custody ends within 30 days."""
	due = frappe.get_all(
		DOCTYPE,
		filters={
			"proposed_handover_date": ("<=", add_days(nowdate(), 30)),
			"custody_reminded": 0,
			"status": ("in", (COMPLETED, WITH_ERRORS)),
		},
		fields=["name", "capture_rule", "fiscal_year", "proposed_handover_date"],
	)
	for row in due:
		subject = _(
			"The accounting archives of {0} (capture batch {1}) are due to be handed over to the archive on {2}",
			lang=notifications.NOTIFY_LANG,
		).format(row.fiscal_year, row.name, row.proposed_handover_date)
		doc = frappe.get_doc(DOCTYPE, row.name)
		notifications.notify(notifications.archive_managers(), subject, doc)
		frappe.db.set_value(DOCTYPE, row.name, "custody_reminded", 1, update_modified=False)
	return [r.name for r in due]
