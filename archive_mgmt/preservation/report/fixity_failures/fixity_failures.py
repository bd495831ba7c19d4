"""Fixity Failures: files the fixity audit found changed, missing or unreadable, until resolved."""

from collections import Counter

import frappe
from frappe import _

from archive_mgmt.reports import bar_chart, column, link


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns():
	return [
		link("audit_run", _("Fixity Audit Run"), "Fixity Audit Run", 150),
		column("started_on", _("Started On"), "Datetime", 150),
		column("problem", _("Problem"), "Data", 100),
		column("file_name", _("File Name"), "Data", 180),
		# Data, not a Link to DocType: query_report.run checks read permission on every linked DocType,
		# and archive staff may not read DocType.
		column("attached_to_doctype", _("Attached To DocType", context="Fixity Failures"), "Data", 120),
		column("attached_to_name", _("Attached To"), "Dynamic Link", 140, options="attached_to_doctype"),
		column("detail", _("Detail"), "Data", 300),
		column("resolved", _("Resolved"), "Check", 80),
		column("resolution", _("Resolution"), "Data", 200),
	]


def get_data(filters):
	run, failure = frappe.qb.DocType("Fixity Audit Run"), frappe.qb.DocType("Fixity Audit Failure")
	query = (
		frappe.qb.from_(failure)
		.join(run)
		.on(failure.parent == run.name)
		.select(
			run.name.as_("audit_run"),
			run.started_on,
			failure.problem,
			failure.file_name,
			failure.attached_to_doctype,
			failure.attached_to_name,
			failure.detail,
			failure.resolved,
			failure.resolution,
		)
		.where(failure.parenttype == "Fixity Audit Run")
		.orderby(run.started_on, order=frappe.qb.desc)
	)
	if not filters.get("include_resolved"):
		query = query.where(failure.resolved == 0)
	if filters.get("problem"):
		query = query.where(failure.problem == filters.problem)
	rows = query.run(as_dict=True)
	for row in rows:
		row.problem = _(row.problem)
	return rows


def get_chart(data):
	return bar_chart(Counter(row.problem for row in data), _("Failures"))
