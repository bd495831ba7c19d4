"""Scheduled jobs (hooks.scheduler_events)."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from archive_mgmt import notifications
from archive_mgmt.rules.loans import days_overdue, is_overdue


def mark_overdue_loans():
	"""Daily: issued loans past their due date become overdue; the borrower and archive managers are told."""
	current = getdate(today())
	candidates = frappe.get_all(
		"Loan Request",
		filters={"workflow_state": "Issued", "is_overdue": 0, "due_date": ("<", current)},
		fields=["name", "owner", "borrower", "due_date", "purpose"],
	)
	managers = notifications.archive_managers()
	marked = []
	for loan in candidates:
		if not is_overdue(getdate(loan.due_date), current, all_returned=False):
			continue
		frappe.db.set_value("Loan Request", loan.name, "is_overdue", 1, update_modified=False)
		subject = _(
			"Loan {0} is overdue: due {1}, {2} days late. Please return the items.",
			lang=notifications.NOTIFY_LANG,
		).format(loan.name, loan.due_date, days_overdue(getdate(loan.due_date), current))
		notifications.notify(
			{loan.owner, loan.borrower, *managers},
			subject,
			frappe._dict(doctype="Loan Request", name=loan.name),
		)
		marked.append(loan.name)
	return marked
