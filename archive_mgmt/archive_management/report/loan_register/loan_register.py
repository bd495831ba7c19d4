"""借阅档案登记簿: one row per item lent, with who borrowed it, when it went out and came back."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters), None, None


def get_columns():
	return [
		{
			"fieldname": "loan",
			"label": _("Loan Request"),
			"fieldtype": "Link",
			"options": "Loan Request",
			"width": 130,
		},
		{"fieldname": "request_date", "label": _("Request Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "borrower_display", "label": _("Borrower"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "borrower",
			"label": _("Borrower User"),
			"fieldtype": "Link",
			"options": "User",
			"hidden": 1,
		},
		{
			"fieldname": "borrower_unit",
			"label": _("Borrower Unit"),
			"fieldtype": "Link",
			"options": "Filing Unit",
			"width": 100,
		},
		{"fieldname": "fonds", "label": _("Fonds"), "fieldtype": "Link", "options": "Fonds", "width": 70},
		{
			"fieldname": "archive_item",
			"label": _("Archive Item"),
			"fieldtype": "Link",
			"options": "Archive Item",
			"width": 110,
		},
		{"fieldname": "reference_code", "label": _("Reference Code"), "fieldtype": "Data", "width": 190},
		{"fieldname": "item_title", "label": _("Title"), "fieldtype": "Data", "width": 220},
		{"fieldname": "secrecy_level", "label": _("Secrecy Level"), "fieldtype": "Data", "width": 70},
		{"fieldname": "use_mode", "label": _("Use Mode"), "fieldtype": "Data", "width": 70},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 160},
		{"fieldname": "issued_on", "label": _("Issued On"), "fieldtype": "Datetime", "width": 150},
		{
			"fieldname": "issued_by",
			"label": _("Issued By"),
			"fieldtype": "Link",
			"options": "User",
			"width": 120,
		},
		{"fieldname": "due_date", "label": _("Return Due Date"), "fieldtype": "Date", "width": 100},
		{"fieldname": "returned_on", "label": _("Returned On"), "fieldtype": "Datetime", "width": 150},
		{
			"fieldname": "received_by",
			"label": _("Received By"),
			"fieldtype": "Link",
			"options": "User",
			"width": 120,
		},
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
			Coalesce(loan.external_organisation, loan.borrower_name, loan.borrower).as_("borrower_display"),
			loan.borrower,
			loan.borrower_unit,
			item.fonds,
			row.archive_item,
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
	if filters.from_date:
		query = query.where(loan.request_date >= filters.from_date)
	if filters.to_date:
		query = query.where(loan.request_date <= filters.to_date)
	if filters.borrower:
		query = query.where(loan.borrower == filters.borrower)
	if filters.borrower_unit:
		query = query.where(loan.borrower_unit == filters.borrower_unit)
	if filters.external_organisation:
		query = query.where(loan.external_organisation.like(f"%{filters.external_organisation}%"))
	if filters.fonds:
		query = query.where(item.fonds == filters.fonds)
	if filters.archive_item:
		query = query.where(row.archive_item == filters.archive_item)
	if filters.status:
		query = query.where(loan.workflow_state == filters.status)
	else:
		query = query.where(loan.workflow_state.notin(["Draft", "Cancelled"]))
	rows = query.run(as_dict=True)
	for r in rows:
		r.use_mode = _(r.use_mode) if r.use_mode else r.use_mode
		r.status = _(r.status) if r.status else r.status
	return rows
