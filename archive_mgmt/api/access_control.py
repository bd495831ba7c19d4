"""Whitelisted methods of access control, each standing in for one of Frappe's (hooks.
override_whitelisted_methods): counts that obey permissions, exports that log the audited records they hold,
a form, a link check and a link search that answer for a record the user may not learn of as for a missing one.
"""

import json

import frappe

from archive_mgmt.access_control.access_log import AUDITED_DOCTYPES, EXPORT, record, record_items
from archive_mgmt.access_control.permissions import COPIES, is_hidden, reference_queries


def is_ours(module: str | None) -> bool:
	return module in frappe.get_module_list("archive_mgmt")


@frappe.whitelist()
def permitted_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""frappe.client.get_count, but counting only what the user may read.

	Frappe's own counts with frappe.db.count, which checks no permission at all: a `like` filter on the data
	of a Version or a Comment would count rows about records the user may not learn of.
	"""
	from frappe.client import get_safe_filters

	frappe.has_permission(doctype, "read", throw=True)
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=[f"count(distinct `tab{doctype}`.`name`) as total"]
	)
	return rows[0].total if rows else 0


@frappe.whitelist()
def getdoc(doctype: str, name: str, user=None):
	"""frappe.desk.form.load.getdoc; a record the user may not read loads as a missing one does (nothing),
	and the titles sent with the form name no record the user may not learn of."""
	from frappe.desk.form import load

	if is_hidden(doctype, name):
		return []  # what getdoc answers for a missing record
	result = load.getdoc(doctype, name, user)
	titles = frappe.local.response.get("_link_titles") or {}
	for key in list(titles):
		linked_doctype, _sep, linked_name = key.partition("::")
		if is_hidden(linked_doctype, linked_name):
			titles.pop(key)
	return result


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""frappe.desk.search.get_link_title (which reads the title without any permission check); a record the
	user may not read has no title, as a missing one."""
	from frappe.desk.search import get_link_title

	return None if is_hidden(doctype, docname) else get_link_title(doctype, docname)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""frappe.client.validate_link (which reads the record without any permission check); a record the user
	may not read answers as a missing one."""
	from frappe.client import validate_link

	if is_hidden(doctype, docname):
		return frappe._dict(name=None)  # what validate_link answers for a missing record
	return validate_link(doctype, docname, fields)


def guarded(doctype: str) -> bool:
	"""The records the app's permission hooks guard and Frappe's copies of them: those hooks always apply."""
	return doctype in reference_queries() or doctype in COPIES or doctype == "Deleted Document"


@frappe.whitelist()
def search_widget(doctype: str, txt: str, **kwargs):
	"""frappe.desk.search.search_widget; for the app's DocTypes and the copies of their records,
	``ignore_user_permissions`` never turns off the permission hooks (Frappe reads it as ignore permissions)."""
	from frappe.desk import search

	if guarded(doctype):
		kwargs["ignore_user_permissions"] = False
	# frappe.call drops what Frappe's method does not take (the request's cmd, a cache-busting _)
	return frappe.call(search.search_widget, doctype=doctype, txt=txt, **kwargs)


@frappe.whitelist()
def search_link(doctype: str, txt: str, **kwargs):
	"""frappe.desk.search.search_link, as search_widget above."""
	from frappe.desk import search

	if guarded(doctype):
		kwargs["ignore_user_permissions"] = False
	return frappe.call(search.search_link, doctype=doctype, txt=txt, **kwargs)


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

	from archive_mgmt.statistics.tables import report_run

	report_name = frappe.form_dict.get("report_name")
	with report_run(report_name):
		if is_ours(frappe.db.get_value("Report", report_name, "module")):
			result = query_report.run(report_name, frappe.form_dict.get("filters"), are_default_filters=False)
			names = [row.get("archive_item") for row in result.get("result") or [] if isinstance(row, dict)]
			record_items(names, EXPORT, report_name)
		return query_report.export_query()


@frappe.whitelist()
def make_communication(**kwargs):
	"""frappe.core.doctype.communication.email.make (the desk's e-mail and its 新建邮件 dialog), which copies the
	Files it is given by name without asking whether the user may read them: every File it attaches must be one
	the user may read (a 绝密 item's scan would otherwise go out by its File name). A missing and a hidden File
	are refused alike."""
	from frappe.core.doctype.communication import email

	for attachment in frappe.parse_json(kwargs.get("attachments")) or []:
		if isinstance(attachment, str) and not (
			frappe.db.exists("File", attachment) and frappe.has_permission("File", "read", attachment)
		):
			frappe.clear_last_message()
			raise frappe.PermissionError(frappe._("You may attach only files you may read"))
	return frappe.call(email.make, **kwargs)


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
