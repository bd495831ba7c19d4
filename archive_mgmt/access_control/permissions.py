"""Permission hooks: who sees which loan requests, effect records, archive items and dossiers.

- The Archive Manager (and System Manager) sees every loan request and effect record.
- Approvers (Office Director, Leader in Charge, Principal) see every submitted request, and their own drafts.
- Everyone else (the borrower) sees only the requests they made or borrow on, and their effect records.
- On top of that, a document listing archive items (loan request, effect record, destruction batch, handover
  list, declassification review) is as secret as its most secret item: a user learns of it only within
  their clearance, unless they chose its items (clearance.LISTINGS). Both conditions hold together.
"""

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions
from frappe.permissions import get_allowed_docs_for_doctype

from archive_mgmt.access_control import access_log, clearance
from archive_mgmt.roles import LEADER_IN_CHARGE, OFFICE_DIRECTOR, PRINCIPAL, SEE_ALL
from archive_mgmt.sql import sql_in

APPROVERS = frozenset({OFFICE_DIRECTOR, LEADER_IN_CHARGE, PRINCIPAL})


def _all_of(*conditions: str) -> str:
	"""SQL conditions ANDed ("" when none restricts)."""
	conditions = [c for c in conditions if c]
	return " and ".join(f"({c})" for c in conditions)


def _scope(user: str) -> str:
	if user == "Administrator":
		return "all"
	roles = set(frappe.get_roles(user))
	if roles & SEE_ALL:
		return "all"
	if roles & APPROVERS:
		return "submitted"
	return "own"


def loan_request_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	return _all_of(_loan_scope_query(user), clearance.listing_condition("Loan Request", user))


def _loan_scope_query(user: str) -> str:
	scope = _scope(user)
	if scope == "all":
		return ""
	who = frappe.db.escape(user)
	own = f"(`tabLoan Request`.`owner` = {who} or `tabLoan Request`.`borrower` = {who})"
	if scope == "submitted":
		return f"({own} or `tabLoan Request`.`workflow_state` != 'Draft')"
	return own


def loan_request_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if not clearance.may_read_listing(doc, user):
		return False
	scope = _scope(user)
	if scope == "all" or user in (doc.owner, doc.get("borrower")):
		return None
	if scope == "submitted" and doc.get("workflow_state") not in (None, "Draft"):
		return None
	return False


def effect_record_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	return _all_of(
		_effect_record_scope_query(user), clearance.listing_condition("Utilization Effect Record", user)
	)


def _effect_record_scope_query(user: str) -> str:
	if _scope(user) != "own":
		return ""
	who = frappe.db.escape(user)
	return f"(`tabUtilization Effect Record`.`owner` = {who} or `tabUtilization Effect Record`.`borrower` = {who})"


def effect_record_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if not clearance.may_read_listing(doc, user):
		return False
	if _scope(user) != "own" or user in (doc.owner, doc.get("borrower")):
		return None
	if doc.get("loan_request") and frappe.db.get_value("Loan Request", doc.loan_request, "owner") == user:
		return None
	return False


# Destruction batches, handover lists and declassification reviews: their roles' permissions, within the
# user's clearance (or their own document).


def listing_query(user: str | None = None, doctype: str | None = None) -> str:
	return clearance.listing_condition(doctype, user or frappe.session.user)


def listing_permission(doc, ptype=None, user=None, debug=False):
	return None if clearance.may_read_listing(doc, user or frappe.session.user) else False


# The rows of a listing document, read on their own (get_list of the child DocType with parent_doctype, or
# /api/resource/<child>): only those of a document the user may read.
LISTING_QUERIES = {
	"Loan Request": loan_request_query,
	"Utilization Effect Record": effect_record_query,
}


def listing_rows_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	parent = next(p for p, child in clearance.LISTING_ROWS.items() if child == doctype)
	condition = LISTING_QUERIES.get(parent, listing_query)(user, doctype=parent)
	if not condition:
		return ""
	return f"`tab{doctype}`.`parent` in (select `tab{parent}`.`name` from `tab{parent}` where {condition})"


# Archive Items and Dossiers: a user learns of one only within their clearance (clearance.py) and their filing
# units, and a reader who is nothing else reads an item (its form) only while an issued loan of theirs holds it
# out; its private attachments only by clearance (a loan shows them in the online viewer, watermarked: see
# sends_file_content). Reading a record at 秘密 or above is written to the access log.
#
# The units are the user's User Permissions on Filing Unit, as an administrator sets them in the desk. Their
# `filing_unit` field ignores user permissions so that Frappe does not apply them a second time its own way
# (`ifnull(filing_unit, '') = '' or ...`, which no index serves, plus a DocShare query per list): here they
# become `filing_unit in (...)`, which the indexes ending in (filing_unit, secrecy_level) serve. The field is
# mandatory, so an empty unit never widens what a user sees.


def units_in_scope(doctype: str, user: str | None = None) -> list[str] | None:
	"""The filing units the user's User Permissions allow on this DocType (None: not restricted)."""
	permissions = get_user_permissions(user or frappe.session.user).get("Filing Unit")
	if not permissions:
		return None
	return get_allowed_docs_for_doctype(permissions, doctype) or None


def unit_condition(doctype: str, user: str | None = None) -> str:
	units = units_in_scope(doctype, user)
	if not units:
		return ""
	return sql_in(f"`tab{doctype}`.`filing_unit`", units)


def in_unit_scope(doc, user: str | None = None) -> bool:
	units = units_in_scope(doc.doctype, user)
	return not units or not doc.get("filing_unit") or doc.filing_unit in units


def archive_item_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	return _all_of(unit_condition("Archive Item", user), clearance.item_condition(user))


def dossier_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	return _all_of(unit_condition("Dossier", user), clearance.dossier_condition(user))


def archive_record_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission for Archive Item and Dossier: refuse what is outside the user's units or clearance."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if not in_unit_scope(doc, user) or not clearance.may_read(doc, user):
		return False
	if doc.doctype == "Archive Item" and sends_file_content() and not doc.is_new():
		if not clearance.cleared_for_item(clearance.stored_level(doc), user):
			return False  # lent, not cleared: the online viewer shows the files, watermarked
	if ptype in ("read", "print"):
		access_log.note_read(doc, ptype)
	return None


# Requests that send a private file's bytes: Frappe allows them to whoever reads the record the file is attached
# to. A user who reads an Archive Item only because a loan holds it out to them never gets its original files:
# they read them in the online viewer (utilization/online_use.py), watermarked.
FILE_METHODS = frozenset(
	{
		"download_file",
		"frappe.handler.download_file",
		"frappe.utils.file_manager.download_file",
		"frappe.core.doctype.file.file.download_file",
		"frappe.core.api.file.zip_files",
	}
)
METHOD_PATHS = ("/api/method/", "/api/v1/method/", "/api/v2/method/")


def sends_file_content() -> bool:
	"""Whether the current request downloads a private file (/private/files/… or a file method)."""
	request = getattr(frappe.local, "request", None)
	if not request:
		return False
	path = request.path or ""
	if path.startswith("/private/files/"):
		return True
	cmd = frappe.form_dict.get("cmd") or ""
	for prefix in METHOD_PATHS:
		if path.startswith(prefix):
			cmd = path.removeprefix(prefix).strip("/")
	return cmd in FILE_METHODS


def refuse_sharing_of_levelled_records(doc, method=None):
	"""Sharing would bypass clearance (Frappe lets a share override permission hooks): loans do it."""
	target = doc.get("share_doctype") or doc.get("reference_doctype")
	if target in clearance.LEVELLED:
		frappe.throw(
			_("Archive items and dossiers are not shared: lend them with a loan request"),
			exc=frappe.PermissionError,
		)


# Frappe's inbox (Workflow Action) names each waiting document to every role that may act on it. Of the app's
# documents it shows a user only those they may read: a reader may cancel any waiting request, yet learns only
# of their own; an approver of what waits for them (clearance.DECIDERS).
WORKFLOW_QUERIES = {
	"Archive Item": archive_item_query,
	"Loan Request": loan_request_query,
	"Destruction Batch": listing_query,
	"Handover List": listing_query,
	"Declassification Review": listing_query,
	"Incoming Office Document": listing_query,
	"Outgoing Office Document": listing_query,
}


def workflow_action_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	table = "`tabWorkflow Action`"
	parts = [f"{table}.`reference_doctype` not in ({', '.join(map(frappe.db.escape, WORKFLOW_QUERIES))})"]
	for reference, query in WORKFLOW_QUERIES.items():
		condition = query(user, doctype=reference)
		part = f"{table}.`reference_doctype` = {frappe.db.escape(reference)}"
		if condition:
			part += (
				f" and {table}.`reference_name` in"
				f" (select `tab{reference}`.`name` from `tab{reference}` where {condition})"
			)
		parts.append(f"({part})")
	return "(" + " or ".join(parts) + ")"


def workflow_action_permission(doc, ptype=None, user=None, debug=False):
	if doc.get("reference_doctype") not in WORKFLOW_QUERIES or not doc.get("reference_name"):
		return None
	if not frappe.db.exists(doc.reference_doctype, doc.reference_name):
		return None
	permitted = frappe.has_permission(doc.reference_doctype, "read", doc=doc.reference_name, user=user)
	return None if permitted else False


# A file's text (Archive Full Text, the search's 全文) is as visible as the item it belongs to, and a destroyed
# item is known only by its catalogue entry: its files' text is nobody's to read.


def full_text_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	condition = _all_of("`tabArchive Item`.`status` != 'Destroyed'", archive_item_query(user))
	return (
		"`tabArchive Full Text`.`archive_item` in"
		f" (select `tabArchive Item`.`name` from `tabArchive Item` where {condition})"
	)


def full_text_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if not doc.get("archive_item"):
		return None
	if frappe.db.get_value("Archive Item", doc.archive_item, "status") == "Destroyed":
		return False
	if user == "Administrator":
		return None
	permitted = frappe.has_permission("Archive Item", "read", doc=doc.archive_item, user=user)
	return None if permitted else False
