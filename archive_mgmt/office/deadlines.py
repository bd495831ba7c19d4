"""催办/督办: the daily job (hooks.scheduler_events) that chases incoming documents being handled.

Before the deadline (within the days set in Office Document Settings) and on it the handler is reminded;
after it the document is marked overdue and escalated to the office director and the instructing leader.
A supervised document's rounds without feedback are chased the same way. Each document is chased at most
once a day (last_reminded_on)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from archive_mgmt import notifications
from archive_mgmt.office import documents, numbering
from archive_mgmt.roles import OFFICE_DIRECTOR
from archive_mgmt.rules import office as rules
from archive_mgmt.workflow.states import HANDLING

LANG = notifications.NOTIFY_LANG


def chase_deadlines(on=None) -> dict:
	"""Daily: remind, mark overdue and escalate; returns what it did, by stage, for tests and logs."""
	current = getdate(on or today())
	remind_days = int(numbering.setting("remind_days_before", rules.DEFAULT_REMIND_DAYS))
	done = {rules.BEFORE: [], rules.DUE: [], rules.OVERDUE: []}
	directors = documents.users_with_role(OFFICE_DIRECTOR)
	for doc in frappe.get_all(
		documents.INCOMING,
		filters={"workflow_state": HANDLING, "docstatus": 0},
		fields=["name", "title", "handler", "instructed_by", "deadline", "escalated_on", "last_reminded_on"],
	):
		if doc.last_reminded_on and getdate(doc.last_reminded_on) >= current:
			continue
		stage = worst_stage(doc, current, remind_days)
		if not stage:
			continue
		chase(doc, stage, current, directors)
		done[stage].append(doc.name)
	return done


def worst_stage(doc, current, remind_days: int) -> str | None:
	"""The most pressing stage of the document's deadline and its open supervision rounds."""
	deadlines = [getdate(doc.deadline)] if doc.deadline else []
	deadlines += [
		getdate(d)
		for d in frappe.get_all(
			"Office Supervision Round",
			filters={"parent": doc.name, "parenttype": documents.INCOMING, "feedback_on": ("is", "not set")},
			pluck="due_date",
		)
	]
	stages = [rules.deadline_stage(d, current, remind_days) for d in deadlines]
	for stage in (rules.OVERDUE, rules.DUE, rules.BEFORE):
		if stage in stages:
			return stage
	return None


def chase(doc, stage: str, current, directors: list[str]) -> None:
	ref = frappe._dict(doctype=documents.INCOMING, name=doc.name)
	values = {"last_reminded_on": current}
	if stage == rules.OVERDUE:
		values.update(is_overdue=1, escalated_on=doc.escalated_on or current)
		subject = _("Overdue (督办): {0} was due on {1} and is not concluded", lang=LANG).format(
			doc.title, doc.deadline or ""
		)
		notifications.notify({doc.handler, doc.instructed_by, *directors}, subject, ref)
	elif stage == rules.DUE:
		subject = _("Due today (催办): {0}", lang=LANG).format(doc.title)
		notifications.notify({doc.handler}, subject, ref)
	else:
		subject = _("Due soon (催办): {0} by {1}", lang=LANG).format(doc.title, doc.deadline or "")
		notifications.notify({doc.handler}, subject, ref)
	frappe.db.set_value(documents.INCOMING, doc.name, values, update_modified=False)
