"""Overdue loans: issued loans past their due date, with what is still out."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.utils import getdate, today

from archive_mgmt.access_control import clearance
from archive_mgmt.reports import borrower_display, column, link
from archive_mgmt.rules.loans import days_overdue


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters), None, None


def get_columns():
	return [
		link("loan", _("Loan Request"), "Loan Request", 130),
		column("borrower_display", _("Borrower"), "Data", 150),
		link("borrower", _("Borrower User"), "User", 150),
		link("borrower_unit", _("Borrower Unit"), "Filing Unit", 100),
		column("contact_phone", _("Contact Phone"), "Data", 110),
		column("use_mode", _("Use Mode"), "Data", 70),
		column("due_date", _("Return Due Date"), "Date", 100),
		column("days_overdue", _("Days Overdue"), "Int", 90),
		column("items_out", _("Items Not Returned"), "Int", 100),
	]


def get_data(filters):
	as_of = getdate(filters.as_of or today())
	loan, row = DocType("Loan Request"), DocType("Loan Request Item")
	query = (
		frappe.qb.from_(loan)
		.join(row)
		.on((row.parent == loan.name) & (row.parenttype == "Loan Request"))
		.select(
			loan.name.as_("loan"),
			borrower_display(loan),
			loan.borrower,
			loan.borrower_unit,
			loan.contact_phone,
			loan.use_mode,
			loan.due_date,
			Count(row.name).as_("items_out"),
		)
		.where(loan.workflow_state == "Issued")
		.where(loan.due_date < as_of)
		.where(row.returned_on.isnull())
		.groupby(loan.name)
		.orderby(loan.due_date)
		.orderby(loan.name)
	)
	if (known := clearance.criterion("Loan Request")) is not None:
		query = query.where(known)  # a loan is as secret as its most secret item
	if (readable := clearance.criterion("Archive Item")) is not None:
		# count only the items the user may learn of (a dossier row has no item)
		item = DocType("Archive Item")
		query = (
			query.left_join(item)
			.on(item.name == row.archive_item)
			.where(readable | row.archive_item.isnull())
		)
	if filters.borrower:
		query = query.where(loan.borrower == filters.borrower)
	if filters.borrower_unit:
		query = query.where(loan.borrower_unit == filters.borrower_unit)
	rows = query.run(as_dict=True)
	for r in rows:
		r.days_overdue = days_overdue(getdate(r.due_date), as_of)
	return rows
