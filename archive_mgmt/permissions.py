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
