"""Builders for loan tests: the people of the loan process and requests in a given state."""

from types import SimpleNamespace

import frappe
from frappe.utils import add_days, today

from archive_mgmt import roles
from tests.integration.factories import act, as_user, make_approver, make_filed_item, make_user


def make_loan_world(world):
	return SimpleNamespace(
		**vars(world),
		borrower=make_user(roles.ARCHIVE_READER, units=[world.unit], prefix="borrower"),
		other_borrower=make_user(roles.ARCHIVE_READER, prefix="borrower2"),
		# the approvers are cleared for what they approve
		director=make_approver(roles.OFFICE_DIRECTOR, prefix="director"),
		leader=make_approver(roles.LEADER_IN_CHARGE, prefix="leader"),
		principal=make_approver(roles.PRINCIPAL, prefix="principal"),
	)


def loan_values(items=(), dossiers=(), **values) -> dict:
	return {
		"doctype": "Loan Request",
		"borrower_type": "Internal",
		"purpose": "编写单位大事记",
		"use_mode": "借出",
		"start_date": today(),
		"due_date": add_days(today(), 14),
		"items": [{"archive_item": i} for i in items] + [{"dossier": d} for d in dossiers],
		**values,
	}


def make_loan(items=(), **values):
	"""A draft request made by the current user."""
	return frappe.get_doc(loan_values(items, **values)).insert()


def reload(doc):
	return frappe.get_doc("Loan Request", doc.name)


def step(lw, doc, action, user):
	with as_user(user):
		return act(reload(doc), action)


def approved_loan(lw, items, **values):
	"""Borrower requests, director and leader approve (non-secret items)."""
	with as_user(lw.borrower):
		doc = make_loan(items, borrower_unit=lw.unit, **values)
		act(doc, "Submit")
	step(lw, doc, "Approve", lw.director)
	return step(lw, doc, "Approve", lw.leader)


def issued_loan(lw, items, **values):
	doc = approved_loan(lw, items, **values)
	return step(lw, doc, "Issue Items", lw.manager)


def filed_items(world, n=2, **values):
	return [make_filed_item(world, **values).name for _ in range(n)]
