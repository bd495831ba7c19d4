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


# --- 三员分立 and the audit chain --------------------------------------------------------------------


def only_for(role: str) -> None:
	"""frappe.only_for, which lets every call through in tests: the same refusal, always."""
	if role not in frappe.get_roles():
		raise frappe.PermissionError(frappe._("Not permitted"))


@frappe.whitelist()
def check_audit_chain() -> dict:
	"""The security auditor verifies the audit trail now: every row changed, deleted or inserted outside
	the app, named."""
	from archive_mgmt.access_control import audit_chain
	from archive_mgmt.roles import SECURITY_AUDITOR

	only_for(SECURITY_AUDITOR)
	problems = audit_chain.check()
	entries = frappe.db.count(audit_chain.LOG)
	return {"intact": not problems, "entries": entries, "problems": problems}


@frappe.whitelist()
def export_audit_trail(from_date: str, to_date: str) -> None:
	"""The security auditor's export of the trail of a period: the workbook and its signed digest, zipped."""
	from archive_mgmt.access_control import audit_chain
	from archive_mgmt.api import send_file
	from archive_mgmt.inputs import date_range
	from archive_mgmt.roles import SECURITY_AUDITOR

	only_for(SECURITY_AUDITOR)
	from_date, to_date = date_range(from_date, to_date)
	send_file(*audit_chain.export(from_date, to_date))


@frappe.whitelist()
def archive_roles_of(user: str) -> dict:
	"""The archive's roles a user holds, and all of them (for the security officer's grant dialog)."""
	from archive_mgmt.access_control.duties import stored_roles
	from archive_mgmt.roles import GRANTED_BY_SECURITY_OFFICER, SECURITY_OFFICER

	only_for(SECURITY_OFFICER)
	return {
		"held": sorted(stored_roles(user) & set(GRANTED_BY_SECURITY_OFFICER)),
		"roles": list(GRANTED_BY_SECURITY_OFFICER),
	}


@frappe.whitelist(methods=["POST"])
def grant_archive_roles(user: str, roles) -> list[str]:
	"""The security officer sets which of the archive's roles a user holds (their other roles stay as they
	are). The separation of duties is checked by the User's own validation, as on every other path."""
	from archive_mgmt.roles import GRANTED_BY_SECURITY_OFFICER, SECURITY_OFFICER

	only_for(SECURITY_OFFICER)
	wanted = set(frappe.parse_json(roles) if isinstance(roles, str) else roles or [])
	unknown = wanted - set(GRANTED_BY_SECURITY_OFFICER)
	if unknown:
		frappe.throw(
			frappe._("Not one of the archive's roles: {0}").format(", ".join(sorted(unknown))),
			exc=frappe.ValidationError,
		)
	from archive_mgmt.inputs import existing

	doc = frappe.get_doc("User", existing("User", user))
	keep = [row for row in doc.roles if row.role not in GRANTED_BY_SECURITY_OFFICER]
	held = {row.role for row in doc.roles}
	doc.set("roles", [])
	for row in keep:
		doc.append("roles", {"role": row.role})
	for role in sorted(wanted):
		doc.append("roles", {"role": role})
	if held != {row.role for row in doc.roles}:
		doc.save(ignore_permissions=True)
	return sorted(wanted)
