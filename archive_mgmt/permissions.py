"""Permission hooks: who sees which loan requests and utilization effect records.

- The Archive Manager (and System Manager) sees everything.
- Approvers (Office Director, Leader in Charge, Principal) see every submitted request, and their own drafts.
- Everyone else (the borrower) sees only the requests they made or borrow on, and their effect records.
"""

import frappe

from archive_mgmt.roles import ARCHIVE_MANAGER, LEADER_IN_CHARGE, OFFICE_DIRECTOR, PRINCIPAL

SEE_ALL = frozenset({ARCHIVE_MANAGER, "System Manager"})
APPROVERS = frozenset({OFFICE_DIRECTOR, LEADER_IN_CHARGE, PRINCIPAL})


def _scope(user: str) -> str:
	if user == "Administrator":
		return "all"
	roles = set(frappe.get_roles(user))
	if roles & SEE_ALL:
		return "all"
	if roles & APPROVERS:
		return "submitted"
	return "own"


def loan_request_query(user: str | None = None) -> str:
	user = user or frappe.session.user
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
	scope = _scope(user)
	if scope == "all" or user in (doc.owner, doc.get("borrower")):
		return None
	if scope == "submitted" and doc.get("workflow_state") not in (None, "Draft"):
		return None
	return False


def effect_record_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if _scope(user) != "own":
		return ""
	who = frappe.db.escape(user)
	return f"(`tabUtilization Effect Record`.`owner` = {who} or `tabUtilization Effect Record`.`borrower` = {who})"


def effect_record_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _scope(user) != "own" or user in (doc.owner, doc.get("borrower")):
		return None
	if doc.get("loan_request") and frappe.db.get_value("Loan Request", doc.loan_request, "owner") == user:
		return None
	return False


# A reader who is nothing else reads an archive item (its form and its private attachments) only while
# an issued loan of theirs holds it out. Every other archive role keeps its DocType permissions.
ARCHIVE_STAFF = frozenset(
	{
		ARCHIVE_MANAGER,
		"System Manager",
		OFFICE_DIRECTOR,
		LEADER_IN_CHARGE,
		PRINCIPAL,
		"Departmental Archivist",
		"Appraisal Member",
	}
)


def _reader_only(user: str) -> bool:
	return user != "Administrator" and not (set(frappe.get_roles(user)) & ARCHIVE_STAFF)


def _items_on_loan_to(user: str) -> str:
	who = frappe.db.escape(user)
	return (
		"select `lri`.`archive_item` from `tabLoan Request Item` `lri` "
		"join `tabLoan Request` `lr` on `lr`.`name` = `lri`.`parent` and `lri`.`parenttype` = 'Loan Request' "
		"where `lr`.`workflow_state` = 'Issued' and `lri`.`issued_on` is not null and `lri`.`returned_on` is null "
		f"and (`lr`.`owner` = {who} or `lr`.`borrower` = {who})"
	)


def archive_item_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if not _reader_only(user):
		return ""
	return f"`tabArchive Item`.`name` in ({_items_on_loan_to(user)})"


def archive_item_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if not _reader_only(user):
		return None
	held = frappe.db.sql(
		f"select 1 from ({_items_on_loan_to(user)}) `held` where `held`.`archive_item` = %s",
		doc.name,
	)
	return None if held else False
