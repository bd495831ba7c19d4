"""档案利用效果登记表: what each loan's use achieved, one row per item used."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns():
	return [
		{
			"fieldname": "record",
			"label": _("Utilization Effect Record"),
			"fieldtype": "Link",
			"options": "Utilization Effect Record",
			"width": 130,
		},
		{"fieldname": "record_date", "label": _("Record Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "loan",
			"label": _("Loan Request"),
			"fieldtype": "Link",
			"options": "Loan Request",
			"width": 130,
		},
		{"fieldname": "borrower_display", "label": _("Borrower"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "borrower_unit",
			"label": _("Borrower Unit"),
			"fieldtype": "Link",
			"options": "Filing Unit",
			"width": 100,
		},
		{
			"fieldname": "archive_item",
			"label": _("Archive Item"),
			"fieldtype": "Link",
			"options": "Archive Item",
			"width": 110,
		},
		{"fieldname": "reference_code", "label": _("Reference Code"), "fieldtype": "Data", "width": 190},
		{"fieldname": "item_title", "label": _("Title"), "fieldtype": "Data", "width": 220},
		{"fieldname": "purpose", "label": _("Purpose"), "fieldtype": "Data", "width": 160},
		{"fieldname": "effect", "label": _("Effect"), "fieldtype": "Data", "width": 70},
		{"fieldname": "description", "label": _("Description"), "fieldtype": "Data", "width": 250},
	]


def get_data(filters):
	record, row, loan = (
		DocType("Utilization Effect Record"),
		DocType("Utilization Effect Item"),
		DocType("Loan Request"),
	)
	query = (
		frappe.qb.from_(record)
		.join(row)
		.on((row.parent == record.name) & (row.parenttype == "Utilization Effect Record"))
		.join(loan)
		.on(loan.name == record.loan_request)
		.select(
			record.name.as_("record"),
			record.record_date,
			record.loan_request.as_("loan"),
			Coalesce(loan.external_organisation, loan.borrower_name, loan.borrower).as_("borrower_display"),
			loan.borrower_unit,
			row.archive_item,
			row.reference_code,
			row.item_title,
			record.purpose,
			record.effect,
			record.description,
		)
		.orderby(record.record_date)
		.orderby(record.name)
		.orderby(row.idx)
	)
	if filters.from_date:
		query = query.where(record.record_date >= filters.from_date)
	if filters.to_date:
		query = query.where(record.record_date <= filters.to_date)
	if filters.effect:
		query = query.where(record.effect == filters.effect)
	if filters.borrower:
		query = query.where(loan.borrower == filters.borrower)
	if filters.borrower_unit:
		query = query.where(loan.borrower_unit == filters.borrower_unit)
	if filters.loan_request:
		query = query.where(record.loan_request == filters.loan_request)
	return query.run(as_dict=True)


def get_chart(data):
	counts = {}
	for r in data:
		counts.setdefault(r.effect, set()).add(r.record)
	if not counts:
		return None
	labels = sorted(counts)
	return {
		"data": {
			"labels": labels,
			"datasets": [{"name": _("Records"), "values": [len(counts[k]) for k in labels]}],
		},
		"type": "bar",
	}
