"""Permission hooks for care-service files (心理关爱服务对象档案), the most sensitive records of the app.

- The Archive Manager and Administrator see every Care Recipient File; a System Manager, who runs the system,
  not the service, sees none they are not assigned to (not even its print view).
- A Care Counsellor sees only the files they are assigned to; an unassigned counsellor does not learn
  that other files exist (not in the list, its count, link search, the form or the API).
- Nobody else sees any (they have no role permission on the DocType).
- The child tables (service records, assigned counsellors) follow their file, so that
  ``frappe.client.get_list("Care Service Record", parent="Care Recipient File")`` cannot read around it.

The full ID number and phone are permlevel-1 fields (Archive Manager, Care Counsellor, System Manager);
lists, the archived catalogue entry and anything shown beyond the file use the masked copies.
"""

import frappe

from archive_mgmt.access_control.permissions import refuse
from archive_mgmt.roles import ARCHIVE_MANAGER

CARE_FILE = "Care Recipient File"
SEE_ALL = frozenset({ARCHIVE_MANAGER})


def sees_all(user: str) -> bool:
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & SEE_ALL)


def _assigned_files(user: str) -> str:
	who = frappe.db.escape(user)
	return (
		"select `cfc`.`parent` from `tabCare File Counsellor` `cfc` "
		f"where `cfc`.`parenttype` = '{CARE_FILE}' and `cfc`.`parentfield` = 'counsellors' "
		f"and `cfc`.`counsellor` = {who}"
	)


def is_assigned(name: str, user: str) -> bool:
	return bool(
		frappe.db.exists(
			"Care File Counsellor",
			{"parenttype": CARE_FILE, "parentfield": "counsellors", "parent": name, "counsellor": user},
		)
	)


def care_file_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if sees_all(user):
		return ""
	return f"`tab{CARE_FILE}`.`name` in ({_assigned_files(user)})"


def care_file_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if sees_all(user):
		return None
	if doc.is_new():
		return None  # creating one: the controller assigns its creator (role permissions still apply)
	# The stored assignment decides, never the one in the document being saved.
	return None if is_assigned(doc.name, user) else refuse(doc, ptype, user)


def _child_query(child: str, user: str | None) -> str:
	user = user or frappe.session.user
	if sees_all(user):
		return ""
	return (
		f"(`tab{child}`.`parenttype` = '{CARE_FILE}' and `tab{child}`.`parent` in ({_assigned_files(user)}))"
	)


def service_record_query(user: str | None = None) -> str:
	return _child_query("Care Service Record", user)


def counsellor_row_query(user: str | None = None) -> str:
	return _child_query("Care File Counsellor", user)
