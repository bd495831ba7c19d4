"""Overdue Drafts: each unit's draft items past their filing deadline."""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import getdate, today

from archive_mgmt.access_control import clearance
from archive_mgmt.filing.deadlines import drafts_with_deadlines
from archive_mgmt.reports import bar_chart, column, link


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns():
	return [
		link("filing_unit", _("Filing Unit"), "Filing Unit", 120),
		link("archive_item", _("Archive Item"), "Archive Item", 130),
		column("title", _("Title"), "Data", 260),
		column("doc_date", _("Document Date"), "Date", 110),
		column("filing_deadline", _("Filing Deadline"), "Data", 110),
		column("due_date", _("Filing Due Date"), "Date", 110),
		column("days_overdue", _("Days Overdue"), "Int", 100),
		link("owner", _("Created By"), "User", 160),
	]


def get_data(filters):
	as_of = getdate(filters.as_of or today())
	rows = []
	drafts = drafts_with_deadlines(fonds=filters.fonds, filing_unit=filters.filing_unit)
	readable = clearance.visible_items([d.name for d in drafts])
	for draft in drafts:
		if draft.name not in readable:
			continue
		overdue = (as_of - draft.due_date).days
		if overdue <= 0:
			continue
		rows.append(
			{
				"filing_unit": draft.filing_unit,
				"archive_item": draft.name,
				"title": draft.title,
				"doc_date": draft.doc_date,
				"filing_deadline": _(draft.filing_deadline, context="Retention Rule"),
				"due_date": draft.due_date,
				"days_overdue": overdue,
				"owner": draft.owner,
			}
		)
	rows.sort(key=lambda r: (r["filing_unit"], -r["days_overdue"]))
	return rows


def get_chart(data):
	return bar_chart(Counter(row["filing_unit"] for row in data), _("Overdue Drafts"))
