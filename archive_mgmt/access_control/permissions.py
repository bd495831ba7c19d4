"""Permission hooks: who sees which loan requests, effect records, archive items and dossiers.

- The Archive Manager (and System Manager) sees every loan request and effect record.
- Approvers (Office Director, Leader in Charge, Principal) see every submitted request, and their own drafts.
- Everyone else (the borrower) sees only the requests they made or borrow on, and their effect records.
- On top of that, a document listing archive items (loan request, effect record, destruction batch, handover
  list, declassification review) is as secret as its most secret item: a user learns of it only within
  their clearance, unless they chose its items (clearance.LISTINGS). Both conditions hold together.
"""

from urllib.parse import unquote

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions
from frappe.permissions import get_allowed_docs_for_doctype

from archive_mgmt.access_control import access_log, clearance
from archive_mgmt.access_control.copies import COPIES
from archive_mgmt.exceptions import AttachmentRefusedError
from archive_mgmt.roles import LEADER_IN_CHARGE, OFFICE_DIRECTOR, PRINCIPAL, SEE_ALL
from archive_mgmt.rules.status import DESTROYED
from archive_mgmt.sql import sql_in

APPROVERS = frozenset({OFFICE_DIRECTOR, LEADER_IN_CHARGE, PRINCIPAL})


def _all_of(*conditions: str) -> str:
	"""SQL conditions ANDed ("" when none restricts)."""
	conditions = [c for c in conditions if c]
	return " and ".join(f"({c})" for c in conditions)


# A record the user may not learn of answers exactly like a missing one. A permission hook refuses it (False);
# when the request names that very record (REST /api/resource/<DocType>/<name>, or a method called with its
# DocType and name) the hook raises what Frappe raises for a missing record instead, so that the status,
# the exception and the message are those of a name that does not exist (not "not permitted").
REST_DOCUMENT_PATHS = ("/api/resource/", "/api/v1/resource/", "/api/v2/document/")


def refuse(doc, ptype: str | None = None, user: str | None = None) -> bool:
	"""What a permission hook answers for a record the user may not learn of (see above); asked about another
	user (whom to notify, to whom to assign), it only answers False."""
	if (user or frappe.session.user) == frappe.session.user and names_record(doc.doctype, doc.name):
		if ptype == "delete":
			raise frappe.DoesNotExistError  # what frappe.delete_doc raises for a missing record
		raise_missing(doc.doctype, doc.name)
	return False


def names_record(doctype: str, name: str) -> bool:
	"""Whether the current request names this record (its path or its arguments)."""
	request = getattr(frappe.local, "request", None)
	if not request or not name:
		return False
	path = unquote(request.path or "")
	for prefix in REST_DOCUMENT_PATHS:
		if path.startswith(prefix):
			record = path.removeprefix(prefix).rstrip("/")
			if record == f"{doctype}/{name}" or record.startswith(f"{doctype}/{name}/"):
				return True
	form = frappe.local.form_dict or {}
	if form.get("dt") == doctype and form.get("dn") == name:  # run_doc_method
		return True
	return form.get("doctype") == doctype and name in (form.get("name"), form.get("docname"))


def raise_missing(doctype: str, name: str):
	"""Raise what Frappe raises for a record that does not exist (Document.load_from_db), word for word."""
	frappe.throw(_("{0} {1} not found").format(_(doctype), name), frappe.DoesNotExistError)


def is_hidden(doctype: str, name: str, user: str | None = None) -> bool:
	"""Whether the record, one of those the permission hooks guard (reference_queries), exists and the user may
	not read it (it must then answer as a missing one)."""
	if doctype not in reference_queries() or not name or not isinstance(name, str):
		return False
	if not frappe.db.exists(doctype, name):
		return False
	try:
		if frappe.has_permission(doctype, "read", name, user=user):
			return False
	except frappe.DoesNotExistError:  # refused by a hook that answers as for a missing record
		frappe.clear_last_message()
	# a borrower learns of the items of the catalogue they borrow from before they may read them
	from archive_mgmt.utilization.loans import in_lendable_catalogue

	return not (doctype == "Archive Item" and in_lendable_catalogue(name, user))


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
		return refuse(doc, ptype, user)
	scope = _scope(user)
	if scope == "all" or user in (doc.owner, doc.get("borrower")):
		return None
	if scope == "submitted" and doc.get("workflow_state") not in (None, "Draft"):
		return None
	return refuse(doc, ptype, user)


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
		return refuse(doc, ptype, user)
	if _scope(user) != "own" or user in (doc.owner, doc.get("borrower")):
		return None
	if doc.get("loan_request") and frappe.db.get_value("Loan Request", doc.loan_request, "owner") == user:
		return None
	return refuse(doc, ptype, user)


# Destruction batches, handover lists and declassification reviews: their roles' permissions, within the
# user's clearance (or their own document).


def listing_query(user: str | None = None, doctype: str | None = None) -> str:
	return clearance.listing_condition(doctype, user or frappe.session.user)


def listing_permission(doc, ptype=None, user=None, debug=False):
	return None if clearance.may_read_listing(doc, user or frappe.session.user) else refuse(doc, ptype, user)


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
		return refuse(doc, ptype, user)
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


# An Archive Hold names the items and dossiers it holds (and copies their titles): a user learns of it only
# if they may learn of every one of them.


def hold_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	items, dossiers = archive_item_query(user), dossier_query(user)
	if not items and not dossiers:
		return ""
	hidden = []
	if items:
		hidden.append(
			"(ifnull(`t`.`archive_item`, '') != '' and `t`.`archive_item` not in"
			f" (select `tabArchive Item`.`name` from `tabArchive Item` where {items}))"
		)
	if dossiers:
		hidden.append(
			"(ifnull(`t`.`dossier`, '') != '' and `t`.`dossier` not in"
			f" (select `tabDossier`.`name` from `tabDossier` where {dossiers}))"
		)
	return (
		"`tabArchive Hold`.`name` not in (select `t`.`parent` from `tabArchive Hold Target` `t`"
		f" where `t`.`parenttype` = 'Archive Hold' and ({' or '.join(hidden)}))"
	)


def hold_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission for Archive Hold: its stored targets decide, never those of the document being saved."""
	condition = hold_query(user or frappe.session.user)
	if not condition or doc.is_new():
		return None
	found = frappe.db.sql(f"select 1 from `tabArchive Hold` where `name` = %s and {condition}", doc.name)
	return None if found else refuse(doc, ptype, user)


def refuse_sharing_of_levelled_records(doc, method=None):
	"""Sharing would bypass clearance (Frappe lets a share override permission hooks): loans do it."""
	target = doc.get("share_doctype") or doc.get("reference_doctype")
	if target in clearance.LEVELLED:
		frappe.throw(
			_("Archive items and dossiers are not shared: lend them with a loan request"),
			exc=frappe.PermissionError,
		)


# Frappe's copies of a record (its versions, comments, files, to-dos, notifications, e-mails, timeline, the
# deleted copy; Frappe's inbox, Workflow Action) name it by DocType and name and repeat its fields. Each is
# visible only with the record it names: a list or a count of them, filtered on their data, never tells of a
# record the user may not learn of (a title guessed letter by letter), nor does one open.
REFERENCE_QUERIES = {
	"Archive Item": archive_item_query,
	"Dossier": dossier_query,
	"Loan Request": loan_request_query,
	"Utilization Effect Record": effect_record_query,
	"Destruction Batch": listing_query,
	"Handover List": listing_query,
	"Declassification Review": listing_query,
	"Incoming Office Document": listing_query,
	"Outgoing Office Document": listing_query,
}


def reference_queries() -> dict:
	"""The record DocTypes whose copies follow them, with the query of what a user may learn of."""
	from archive_mgmt.care_files.permissions import care_file_query

	return {
		**REFERENCE_QUERIES,
		"Archive Hold": hold_query,
		"Care Recipient File": lambda user=None, doctype=None: care_file_query(user),
	}


def reference_condition(table: str, doctype_field: str, name_field: str, user: str | None = None) -> str:
	"""SQL condition on rows naming a record by (DocType, name): only those naming one the user may learn of
	("" when nothing is hidden from the user)."""
	user = user or frappe.session.user
	parts, restricted = [], []
	for reference, query in reference_queries().items():
		condition = query(user, doctype=reference)
		if not condition:
			continue
		restricted.append(reference)
		parts.append(
			f"({table}.`{doctype_field}` = {frappe.db.escape(reference)} and {table}.`{name_field}` in"
			f" (select `tab{reference}`.`name` from `tab{reference}` where {condition}))"
		)
	if not restricted:
		return ""
	others = f"{table}.`{doctype_field}` not in ({', '.join(map(frappe.db.escape, restricted))})"
	return "(" + " or ".join([f"ifnull({table}.`{doctype_field}`, '') = ''", others, *parts]) + ")"


def copy_query(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of each DocType in COPIES."""
	return reference_condition(f"`tab{doctype}`", *COPIES[doctype], user=user)


def copy_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission of each DocType in COPIES: a copy follows the record it names — the stored one, never
	one a save is about to write (moving a File onto a record: refuse_attaching_around_the_rules decides)."""
	doctype_field, name_field = COPIES[doc.doctype]
	reference, name = doc.get(doctype_field), doc.get(name_field)
	if not doc.is_new() and (
		stored := frappe.db.get_value(doc.doctype, doc.name, [doctype_field, name_field])
	):
		reference, name = stored
	query = reference_queries().get(reference)
	if not query or not name:
		return None
	if doc.doctype == "File" and doc.is_new() and unsaved_form(reference, name):
		return None  # an upload into a form not yet saved: refuse_attaching_around_the_rules decides
	condition = query(user or frappe.session.user, doctype=reference)
	if not condition:
		return None
	table = f"`tab{reference}`"
	found = frappe.db.sql(f"select 1 from {table} where {table}.`name` = %s and {condition}", name)
	return None if found else refuse(doc, ptype, user)


# Deleted Document keeps the whole record as JSON: its level decides (the record itself is gone).
DELETED_LEVELS = {
	"Archive Item": "secrecy_level",
	"Dossier": "secrecy_level",
	**{doctype: field for doctype, (field, _chosen_by) in clearance.LISTINGS.items()},
}


def deleted_document_query(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if clearance.sees_everything(user):
		return ""
	table = "`tabDeleted Document`"
	levels = clearance.visible_levels(user)
	parts = [f"{table}.`deleted_doctype` not in ({', '.join(map(frappe.db.escape, reference_queries()))})"]
	for reference, field in DELETED_LEVELS.items():
		level = f"json_unquote(json_extract({table}.`data`, '$.{field}'))"
		parts.append(
			f"({table}.`deleted_doctype` = {frappe.db.escape(reference)} and {sql_in(level, levels)})"
		)
	return "(" + " or ".join(parts) + ")"


def deleted_document_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if doc.get("deleted_doctype") not in reference_queries() or clearance.sees_everything(user):
		return None
	field = DELETED_LEVELS.get(doc.deleted_doctype)
	level = frappe.parse_json(doc.get("data") or "{}").get(field) if field else None
	return None if level and level in clearance.visible_levels(user) else refuse(doc, ptype, user)


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
	return None if permitted else refuse(doc, ptype, user)


# A file attached to one of the app's records is part of it (the scans of an item): Frappe checks the right to
# change the record when a file is uploaded, not when a File is saved, so frappe.client.set_value could move a
# file onto a 绝密 item. Here every File attached to, or moved onto, an app record needs the right to change it
# (the app's own processes attach with ignore_permissions), and a destroyed item, a tombstone, takes none.


def refuse_attaching_around_the_rules(doc, method=None):
	"""File.validate."""
	doctype, name = doc.get("attached_to_doctype"), doc.get("attached_to_name")
	if doc.get("is_folder") or not doctype or not name:
		return
	if frappe.get_meta(doctype).module not in frappe.get_module_list("archive_mgmt"):
		return
	before = doc.get_doc_before_save()
	if before and (before.attached_to_doctype, before.attached_to_name) == (doctype, name):
		return
	if doctype == "Archive Item" and frappe.db.get_value(doctype, name, "status") == DESTROYED:
		frappe.throw(
			_("Archive Item {0} is destroyed: it takes no files").format(name), exc=AttachmentRefusedError
		)
	if doc.flags.ignore_permissions:
		return
	if not frappe.db.exists(doctype, name):
		# An upload into a form not yet saved needs the right to make such a record. Any other name of no
		# record is refused as a hidden one is (it tells nothing).
		if unsaved_form(doctype, name) and frappe.has_permission(doctype, "create"):
			return
		refuse_attaching(doctype)
	if not frappe.has_permission(doctype, "write", name):
		refuse_attaching(doctype)


def unsaved_form(doctype: str, name: str) -> bool:
	"""Whether the name is the temporary one of a form not yet saved (new-<doctype>-…): the desk uploads into
	its Attach fields under it, and Frappe links the file to the record once it is saved."""
	return str(name).startswith(f"new-{doctype.lower().replace(' ', '-')}-")


def refuse_attaching(doctype: str):
	frappe.throw(
		_("Files are attached only to a {0} you may edit").format(_(doctype)), exc=AttachmentRefusedError
	)
