"""档案利用效果登记表: what each loan's use achieved, one row per item used."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from archive_mgmt.access_control import clearance
from archive_mgmt.reports import bar_chart, borrower_display, column, link, where_equal, where_period


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns():
	return [
		link("record", _("Utilization Effect Record"), "Utilization Effect Record", 130),
		column("record_date", _("Record Date"), "Date", 100),
		link("loan", _("Loan Request"), "Loan Request", 130),
		column("borrower_display", _("Borrower"), "Data", 150),
		link("borrower_unit", _("Borrower Unit"), "Filing Unit", 100),
		link("archive_item", _("Archive Item"), "Archive Item", 110),
		column("reference_code", _("Reference Code"), "Data", 190),
		column("item_title", _("Title"), "Data", 220),
		column("purpose", _("Purpose"), "Data", 160),
		column("effect", _("Effect"), "Data", 70),
		column("description", _("Description"), "Data", 250),
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
			borrower_display(loan),
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
	if (readable := clearance.criterion("Utilization Effect Record")) is not None:
		query = query.where(readable)  # a record is as secret as its most secret item
	query = where_period(query, record.record_date, filters)
	query = where_equal(
		query,
		filters,
		{
			"effect": record.effect,
			"borrower": loan.borrower,
			"borrower_unit": loan.borrower_unit,
			"loan_request": record.loan_request,
		},
	)
	return clearance.visible_rows(query.run(as_dict=True))


def get_chart(data):
	records = {}
	for r in data:
		records.setdefault(r.effect, set()).add(r.record)
	counts = {effect: len(names) for effect, names in records.items()}
	return bar_chart(counts, _("Records"), sorted(counts))
