"""Whitelisted methods of access control, each standing in for one of Frappe's (hooks.
override_whitelisted_methods): counts that obey permissions, exports that log the audited records they hold."""

import json

import frappe

from archive_mgmt.access_control.access_log import AUDITED_DOCTYPES, EXPORT, record, record_items


def is_ours(module: str | None) -> bool:
	return module in frappe.get_module_list("archive_mgmt")


@frappe.whitelist()
def permitted_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""frappe.client.get_count, but counting only what the user may read for the app's DocTypes.

	Frappe's own counts with frappe.db.count, which checks no permission at all.
	"""
	from frappe.client import get_count, get_safe_filters

	if not is_ours(frappe.get_meta(doctype).module):
		return get_count(doctype, filters, debug, cache)
	frappe.has_permission(doctype, "read", throw=True)
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=[f"count(distinct `tab{doctype}`.`name`) as total"]
	)
	return rows[0].total if rows else 0


@frappe.whitelist()
def export_query():
	"""Frappe's list/report view export, logging each audited Archive Item or Dossier it exports."""
	from frappe.desk import reportview

	params = reportview.get_form_params()
	doctype = params.get("doctype")
	if doctype in AUDITED_DOCTYPES:
		if selection := params.get("selected_items"):
			names = json.loads(selection) if isinstance(selection, str) else selection
			filters = {"name": ("in", names)}
		else:
			filters = params.get("filters")
		rows = frappe.get_list(
			doctype,
			filters=filters,
			or_filters=params.get("or_filters"),
			fields=["name", "secrecy_level"],
			limit_page_length=0,
		)
		for row in rows:
			record(doctype, row.name, row.secrecy_level, EXPORT, params.get("title") or doctype)
	return reportview.export_query()


@frappe.whitelist()
def export_report():
	"""Frappe's Script Report export, logging the audited items an app report exports."""
	from frappe.desk import query_report

	report_name = frappe.form_dict.get("report_name")
	if is_ours(frappe.db.get_value("Report", report_name, "module")):
		result = query_report.run(report_name, frappe.form_dict.get("filters"), are_default_filters=False)
		names = [row.get("archive_item") for row in result.get("result") or [] if isinstance(row, dict)]
		record_items(names, EXPORT, report_name)
	return query_report.export_query()
