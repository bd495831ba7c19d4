"""Archive Access Log: who viewed, printed, exported or downloaded a record at 秘密 or above.

Written only here (the Archive Access Log controller refuses any other insert, and every edit or
deletion). Where each action is caught:
- 查看: the desk form (the record's ``onload``), and REST / frappe.client single-document reads
  (the has_permission hook, by the request's path);
- 打印: print view, PDF (``before_print``, which Frappe runs for every rendering);
- 导出: the app's Excel exports, the list/report view export and the app's Script Report exports
  (overridden whitelisted methods that log, then call Frappe's);
- 下载: a private file attached to the record (the has_permission hook during /private/files/).
The same log records every change of a user's roles, of a clearance, of an item's secrecy level and every
destruction (record_change), so that one chain (audit_chain.py) proves the whole trail.
"""

import frappe
from frappe.utils import now_datetime

from archive_mgmt.rules.clearance import is_audited

VIEW, PRINT, EXPORT, DOWNLOAD = "查看", "打印", "导出", "下载"
ROLE_CHANGE, CLEARANCE_CHANGE, SECRECY_CHANGE, DESTRUCTION = "角色变更", "密级授权变更", "密级变更", "销毁"
ACTIONS = (VIEW, PRINT, EXPORT, DOWNLOAD, ROLE_CHANGE, CLEARANCE_CHANGE, SECRECY_CHANGE, DESTRUCTION)
AUDITED_DOCTYPES = ("Archive Item", "Dossier")
READ_METHODS = ("frappe.desk.form.load.getdoc", "frappe.client.get")


def record(doctype: str, name: str, level: str | None, action: str, detail: str | None = None) -> None:
	"""Write one log row if the record is audited (once per request and action)."""
	if not is_audited(level):
		return
	if not hasattr(frappe.local, "archive_access_logged"):
		frappe.local.archive_access_logged = set()
	done = frappe.local.archive_access_logged
	key = (doctype, name, action, frappe.session.user, detail)
	if frappe.request and key in done:
		return
	done.add(key)
	_write(doctype, name, level, action, detail)


def record_use(doctype: str, name: str, level: str | None, action: str, detail: str) -> None:
	"""Write one row for a use of a lent record's files in the online viewer (查看, 打印, 下载), whatever the
	record's level: every online view, print and copy is in the trail."""
	_write(doctype, name, level, action, detail)


def record_change(action: str, doctype: str, name: str, detail: str, level: str | None = None) -> None:
	"""Write one row for a change the trail keeps (ROLE_CHANGE, CLEARANCE_CHANGE, SECRECY_CHANGE, DESTRUCTION),
	whatever the record's level."""
	_write(doctype, name, level, action, detail)


def record_secrecy_change(doc) -> None:
	"""on_update of an Archive Item: a change of its secrecy level (not its first level) into the trail."""
	before = doc.get_doc_before_save()
	if before and before.get("secrecy_level") != doc.get("secrecy_level"):
		detail = f"{before.get('secrecy_level') or '-'} → {doc.get('secrecy_level') or '-'}"
		record_change(SECRECY_CHANGE, doc.doctype, doc.name, detail, doc.get("secrecy_level"))


def record_destruction(batch) -> None:
	"""A destruction batch carried out: the batch and the items it destroyed, into the trail."""
	from archive_mgmt.rules.destruction import DESTROY

	items = [row.archive_item for row in batch.get("items") or [] if row.get("decision") == DESTROY]
	record_change(DESTRUCTION, batch.doctype, batch.name, ", ".join(items), batch.get("secrecy_level"))


def _write(doctype: str, name: str, level: str | None, action: str, detail: str | None) -> None:
	frappe.flags.writing_archive_access_log = True
	try:
		frappe.get_doc(
			{
				"doctype": "Archive Access Log",
				"user": frappe.session.user,
				"accessed_on": now_datetime(),
				"action": action,
				"reference_doctype": doctype,
				"reference_name": name,
				"secrecy_level": level,
				"ip_address": getattr(frappe.local, "request_ip", None),
				"detail": detail,
			}
		).insert(ignore_permissions=True, ignore_links=True)
	finally:
		frappe.flags.writing_archive_access_log = False
	# A GET request is rolled back at its end unless asked to commit: the log must survive it.
	frappe.local.flags.commit = True


def record_doc(doc, action: str, detail: str | None = None) -> None:
	record(doc.doctype, doc.name, doc.get("secrecy_level"), action, detail)


def record_items(names, action: str, detail: str | None = None) -> None:
	"""Log each audited Archive Item among the names (one query for their levels)."""
	names = [n for n in set(names) if n]
	if not names:
		return
	levels = frappe.get_all("Archive Item", filters={"name": ("in", names)}, fields=["name", "secrecy_level"])
	for row in levels:
		record("Archive Item", row.name, row.secrecy_level, action, detail)


# --- hooks -----------------------------------------------------------------------------------------


def on_form_load(doc, method=None):
	"""doc_events onload: the desk opened the record's form."""
	record_doc(doc, VIEW)


def on_print(doc, method=None, print_settings=None):
	"""doc_events before_print: print view, PDF and raw printing all render through it."""
	record_doc(doc, PRINT)


def _request_action(doc) -> tuple[str, str | None] | None:
	"""What the current request does with the document, if it is one we log from a permission check."""
	request = getattr(frappe.local, "request", None)
	if not request or doc.flags.in_print:
		return None
	path = request.path or ""
	if path.startswith("/private/files/"):
		return DOWNLOAD, path
	if request.method != "GET":
		return None
	cmd = frappe.form_dict.get("cmd") or ""
	if path.startswith("/api/method/"):
		cmd = path.removeprefix("/api/method/").strip("/")
	if cmd in READ_METHODS:
		return VIEW, None
	for prefix in ("/api/resource/", "/api/v1/resource/", "/api/v2/document/"):
		if path.startswith(prefix) and path.count("/") == prefix.count("/") + 1:
			return VIEW, None
	return None


def note_read(doc, ptype: str) -> None:
	"""From the has_permission hook: log a REST read or a private-file download of the record."""
	if not is_audited(doc.get("secrecy_level")):
		return
	action = _request_action(doc)
	if action:
		record_doc(doc, *action)
