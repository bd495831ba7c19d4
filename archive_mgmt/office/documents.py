"""What the office's two documents share: urgency order, readers within clearance, stamps, notifications."""

import frappe
from frappe import _
from frappe.desk.form import assign_to

from archive_mgmt import notifications
from archive_mgmt.access_control import clearance
from archive_mgmt.exceptions import CirculationError
from archive_mgmt.rules import office as rules
from archive_mgmt.rules.clearance import may_see

INCOMING = "Incoming Office Document"
OUTGOING = "Outgoing Office Document"
DOCTYPES = (INCOMING, OUTGOING)


def set_urgency_rank(doc) -> None:
	doc.urgency_rank = rules.urgency_rank(doc.urgency)


def check_within_clearance(doc, users, what: str) -> None:
	"""Everyone a document is sent to (a reader, a countersigner) may read it: within their clearance."""
	refused = [
		u
		for u in users
		if u and not (clearance.sees_everything(u) or may_see(clearance.user_clearance(u), doc.secrecy_level))
	]
	if refused:
		frappe.throw(
			_("{0} may not read a document at {1}: {2}").format(
				_(what), doc.secrecy_level, ", ".join(refused)
			),
			exc=CirculationError,
		)


def check_unique(rows, field: str, what: str) -> None:
	values = [row.get(field) for row in rows if row.get(field)]
	twice = sorted({v for v in values if values.count(v) > 1})
	if twice:
		frappe.throw(_("{0} named twice: {1}").format(_(what), ", ".join(twice)), exc=CirculationError)


def keep_stored_marks(doc, table: str, fields: tuple[str, ...]) -> None:
	"""Marks written by the people concerned (read, countersigned, fed back) come from the database, never
	from a form's save."""
	child = frappe.get_meta(doc.doctype).get_field(table).options
	stored = (
		{
			row.name: row
			for row in frappe.get_all(
				child, filters={"parent": doc.name, "parenttype": doc.doctype}, fields=["name", *fields]
			)
		}
		if not doc.is_new()
		else {}
	)
	for row in doc.get(table):
		kept = stored.get(row.name)
		for field in fields:
			row.set(field, kept.get(field) if kept else None)


def notify(doc, users, message: str) -> None:
	subject = _("{0} {1}: {2}", lang=notifications.NOTIFY_LANG).format(
		_(doc.doctype, lang=notifications.NOTIFY_LANG), doc.get("title") or doc.name, message
	)
	notifications.notify(users, subject, doc)


def assign(doc, user: str, description: str) -> None:
	"""A ToDo for the user (Frappe's assignment), unless one is open already."""
	if not user or frappe.db.exists(
		"ToDo",
		{"reference_type": doc.doctype, "reference_name": doc.name, "allocated_to": user, "status": "Open"},
	):
		return
	assign_to.add(
		{"assign_to": [user], "doctype": doc.doctype, "name": doc.name, "description": description},
		ignore_permissions=True,
	)


def close_assignments(doc) -> None:
	assign_to.close_all_assignments(doc.doctype, doc.name, ignore_permissions=True)


def users_with_role(role: str) -> list[str]:
	from frappe.utils.user import get_users_with_role

	return [u for u in get_users_with_role(role) if u != "Administrator"]
