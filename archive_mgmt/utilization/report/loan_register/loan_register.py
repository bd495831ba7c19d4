"""借阅档案登记簿: one row per item lent, with who borrowed it, when it went out and came back."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from archive_mgmt.access_control import clearance
from archive_mgmt.reports import borrower_display, column, link, where_equal, where_period


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters), None, None


def get_columns():
	return [
		link("loan", _("Loan Request"), "Loan Request", 130),
		column("request_date", _("Request Date"), "Date", 100),
		column("borrower_display", _("Borrower"), "Data", 150),
		{
			"fieldname": "borrower",
			"label": _("Borrower User"),
			"fieldtype": "Link",
			"options": "User",
			"hidden": 1,
		},
		link("borrower_unit", _("Borrower Unit"), "Filing Unit", 100),
		link("fonds", _("Fonds"), "Fonds", 70),
		link("archive_item", _("Archive Item"), "Archive Item", 110),
		column("reference_code", _("Reference Code"), "Data", 190),
		column("item_title", _("Title"), "Data", 220),
		column("secrecy_level", _("Secrecy Level"), "Data", 70),
		column("use_mode", _("Use Mode"), "Data", 70),
		column("purpose", _("Purpose"), "Data", 160),
		column("issued_on", _("Issued On"), "Datetime", 150),
		link("issued_by", _("Issued By"), "User", 120),
		column("due_date", _("Return Due Date"), "Date", 100),
		column("returned_on", _("Returned On"), "Datetime", 150),
		link("received_by", _("Received By"), "User", 120),
		column("return_condition", _("Condition on Return"), "Data", 80),
		column("status", _("Status"), "Data", 110),
		column("is_overdue", _("Overdue"), "Check", 70),
	]


def get_data(filters):
	loan, row, item = DocType("Loan Request"), DocType("Loan Request Item"), DocType("Archive Item")
	query = (
		frappe.qb.from_(loan)
		.join(row)
		.on((row.parent == loan.name) & (row.parenttype == "Loan Request"))
		.left_join(item)
		.on(item.name == row.archive_item)
		.select(
			loan.name.as_("loan"),
			loan.request_date,
			borrower_display(loan),
			loan.borrower,
			loan.borrower_unit,
			item.fonds,
			row.archive_item,
			row.dossier,
			row.reference_code,
			row.item_title,
			row.secrecy_level,
			loan.use_mode,
			loan.purpose,
			row.issued_on,
			row.issued_by,
			loan.due_date,
			row.returned_on,
			row.received_by,
			row.return_condition,
			loan.workflow_state.as_("status"),
			loan.is_overdue,
		)
		.orderby(loan.request_date)
		.orderby(loan.name)
		.orderby(row.idx)
	)
	if (readable := clearance.criterion("Loan Request")) is not None:
		query = query.where(readable)  # a loan is as secret as its most secret item
	query = where_period(query, loan.request_date, filters)
	query = where_equal(
		query,
		filters,
		{
			"borrower": loan.borrower,
			"borrower_unit": loan.borrower_unit,
			"fonds": item.fonds,
			"archive_item": row.archive_item,
		},
	)
	if filters.external_organisation:
		query = query.where(loan.external_organisation.like(f"%{filters.external_organisation}%"))
	if filters.status:
		query = query.where(loan.workflow_state == filters.status)
	else:
		query = query.where(loan.workflow_state.notin(["Draft", "Cancelled"]))
	rows = clearance.visible_rows(query.run(as_dict=True))
	for r in rows:
		r.use_mode = _(r.use_mode) if r.use_mode else r.use_mode
		r.status = _(r.status) if r.status else r.status
	return rows
