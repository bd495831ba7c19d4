"""The office's registers and statistics (收文登记簿, 发文登记簿, 督办台账, 办理时效), within the user's clearance:
the rows come from one query each, restricted by clearance.criterion as every register of the app is."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from archive_mgmt.access_control import clearance
from archive_mgmt.office.documents import INCOMING, OUTGOING
from archive_mgmt.reports import where_equal, where_period
from archive_mgmt.rules.office import days_taken
from archive_mgmt.workflow.states import CONCLUDED


def _within_clearance(query, doctype: str):
	readable = clearance.criterion(doctype)
	return query.where(readable) if readable is not None else query


def _translated_status(rows):
	for row in rows:
		row.status = _(row.status) if row.get("status") else row.get("status")
	return rows


def incoming_rows(filters) -> list[dict]:
	doc = DocType(INCOMING)
	query = frappe.qb.from_(doc).select(
		doc.name,
		doc.receipt_no,
		doc.receipt_date,
		doc.sender_organisation,
		doc.sender_doc_number,
		doc.title,
		doc.copies,
		doc.secrecy_level,
		doc.urgency,
		doc.deadline,
		doc.handling_unit,
		doc.handler,
		doc.workflow_state.as_("status"),
		doc.concluded_on,
		doc.archive_item,
	)
	query = where_period(query, doc.receipt_date, filters)
	query = where_equal(query, filters, {"handling_unit": doc.handling_unit, "urgency": doc.urgency})
	if filters.get("sender_organisation"):
		query = query.where(doc.sender_organisation.like(f"%{filters.sender_organisation}%"))
	query = _within_clearance(query, INCOMING).where(doc.docstatus < 2)
	return _translated_status(query.orderby(doc.receipt_date).orderby(doc.receipt_no).run(as_dict=True))


def outgoing_rows(filters) -> list[dict]:
	doc, recipient = DocType(OUTGOING), DocType("Outgoing Document Recipient")
	query = (
		frappe.qb.from_(doc)
		.select(
			doc.name,
			doc.doc_number,
			doc.numbered_on,
			doc.title,
			doc.document_kind,
			doc.drafting_unit,
			doc.drafter,
			doc.signed_by,
			doc.copies,
			doc.secrecy_level,
			doc.urgency,
			doc.workflow_state.as_("status"),
			doc.archive_item,
		)
		.where(doc.doc_number.isnotnull())
		.where(doc.docstatus < 2)
	)
	query = where_period(query, doc.numbered_on, filters)
	query = where_equal(query, filters, {"drafting_unit": doc.drafting_unit})
	rows = _within_clearance(query, OUTGOING).orderby(doc.doc_year).orderby(doc.numbered_on).orderby(doc.name)
	rows = rows.run(as_dict=True)
	recipients = defaultdict(lambda: defaultdict(list))
	if rows:
		for r in (
			frappe.qb.from_(recipient)
			.select(recipient.parent, recipient.recipient, recipient.recipient_kind)
			.where(recipient.parenttype == OUTGOING)
			.where(recipient.parent.isin([r.name for r in rows]))
			.orderby(recipient.idx)
			.run(as_dict=True)
		):
			recipients[r.parent][r.recipient_kind].append(r.recipient)
	for row in rows:
		row.drafter_name = frappe.utils.get_fullname(row.drafter) if row.drafter else ""
		row.signer_name = frappe.utils.get_fullname(row.signed_by) if row.signed_by else ""
		row.main_recipients = "、".join(recipients[row.name]["主送"])
		row.copy_recipients = "、".join(recipients[row.name]["抄送"])
	return _translated_status(rows)


def supervision_rows(filters) -> list[dict]:
	"""Supervised documents and any past their deadline: the most overdue first, then by deadline."""
	doc = DocType(INCOMING)
	query = frappe.qb.from_(doc).select(
		doc.name,
		doc.receipt_no,
		doc.title,
		doc.supervision_matter,
		doc.handling_unit,
		doc.handler,
		doc.deadline,
		doc.is_overdue,
		doc.workflow_state.as_("status"),
		doc.concluded_on,
	)
	query = query.where((doc.is_supervised == 1) | (doc.is_overdue == 1))
	if not filters.get("include_concluded"):
		query = query.where(doc.docstatus == 0)
	query = where_equal(query, filters, {"handling_unit": doc.handling_unit})
	rows = _within_clearance(query, INCOMING).where(doc.docstatus < 2).run(as_dict=True)
	rounds = defaultdict(list)
	if rows:
		for r in frappe.get_all(
			"Office Supervision Round",
			filters={"parenttype": INCOMING, "parent": ("in", [r.name for r in rows])},
			fields=["parent", "due_date", "feedback", "feedback_on"],
			order_by="idx",
		):
			rounds[r.parent].append(r)
	current = getdate(today())
	for row in rows:
		end = getdate(row.concluded_on) if row.concluded_on else current
		row.days_overdue = max((end - getdate(row.deadline)).days, 0) if row.deadline else 0
		row.rounds = len(rounds[row.name])
		row.rounds_open = sum(1 for r in rounds[row.name] if not r.feedback_on)
		given = [r.feedback for r in rounds[row.name] if r.feedback]
		row.last_feedback = given[-1] if given else ""
	rows.sort(key=lambda r: (-r.days_overdue, str(r.deadline or "9999"), r.name))
	return _translated_status(rows)


def timeliness_rows(filters) -> list[dict]:
	"""By handling unit and month of receipt: received, concluded, on time, overdue, average days taken."""
	doc = DocType(INCOMING)
	query = (
		frappe.qb.from_(doc)
		.select(doc.handling_unit, doc.receipt_date, doc.deadline, doc.concluded_on, doc.workflow_state)
		.where(doc.handling_unit.isnotnull())
		.where(doc.docstatus < 2)
	)
	query = where_period(query, doc.receipt_date, filters)
	query = where_equal(query, filters, {"handling_unit": doc.handling_unit})
	current = getdate(today())
	groups: dict[tuple, dict] = {}
	for row in _within_clearance(query, INCOMING).run(as_dict=True):
		received = getdate(row.receipt_date)
		key = (row.handling_unit, received.strftime("%Y-%m"))
		g = groups.setdefault(key, {"received": 0, "concluded": 0, "on_time": 0, "overdue": 0, "days": 0})
		g["received"] += 1
		deadline = getdate(row.deadline) if row.deadline else None
		if row.workflow_state == CONCLUDED and row.concluded_on:
			done = getdate(row.concluded_on)
			g["concluded"] += 1
			g["days"] += days_taken(received, done)
			late = bool(deadline and done > deadline)
		else:
			late = bool(deadline and current > deadline)
		if late:
			g["overdue"] += 1
		elif row.workflow_state == CONCLUDED:
			g["on_time"] += 1
	out = []
	for (unit, month), g in sorted(groups.items()):
		out.append(
			frappe._dict(
				handling_unit=unit,
				month=month,
				received=g["received"],
				concluded=g["concluded"],
				on_time=g["on_time"],
				overdue=g["overdue"],
				on_time_rate=round(100 * g["on_time"] / g["concluded"], 1) if g["concluded"] else 0,
				average_days=round(g["days"] / g["concluded"], 1) if g["concluded"] else None,
			)
		)
	return out
