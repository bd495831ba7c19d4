"""借阅档案登记簿: one row per item lent, with who borrowed it, when it went out and came back."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from archive_mgmt import clearance
from archive_mgmt.reports import borrower_display, link, where_equal, where_period


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters), None, None


def get_columns():
	return [
		link("loan", _("Loan Request"), "Loan Request", 130),
		{"fieldname": "request_date", "label": _("Request Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "borrower_display", "label": _("Borrower"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "borrower",
			"label": _("Borrower User"),
			"fieldtype": "Link",
			"options": "User",
			"hidden": 1,
		},
		link("borrower_unit", _("Borrower Unit"), "Filing Unit", 100),
		{"fieldname": "fonds", "label": _("Fonds"), "fieldtype": "Link", "options": "Fonds", "width": 70},
		link("archive_item", _("Archive Item"), "Archive Item", 110),
		{"fieldname": "reference_code", "label": _("Reference Code"), "fieldtype": "Data", "width": 190},
		{"fieldname": "item_title", "label": _("Title"), "fieldtype": "Data", "width": 220},
		{"fieldname": "secrecy_level", "label": _("Secrecy Level"), "fieldtype": "Data", "width": 70},
		{"fieldname": "use_mode", "label": _("Use Mode"), "fieldtype": "Data", "width": 70},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 160},
		{"fieldname": "issued_on", "label": _("Issued On"), "fieldtype": "Datetime", "width": 150},
		link("issued_by", _("Issued By"), "User", 120),
		{"fieldname": "due_date", "label": _("Return Due Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "returned_on", "label": _("Returned On"), "fieldtype": "Datetime", "width": 150},
		link("received_by", _("Received By"), "User", 120),
		{
			"fieldname": "return_condition",
			"label": _("Condition on Return"),
			"fieldtype": "Data",
			"width": 80,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "is_overdue", "label": _("Overdue"), "fieldtype": "Check", "width": 70},
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
