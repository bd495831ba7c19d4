"""Whitelisted methods of utilization (loans): the items a loan may take, partial returns."""

import frappe
from frappe import _

from archive_mgmt.roles import ARCHIVE_MANAGER
from archive_mgmt.utilization import loans


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def lendable_items(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for a loan's items: the filed catalogue (code and title) within the user's clearance,
	which a borrower may not read yet, of the user's filing units."""
	frappe.has_permission("Loan Request", "create", throw=True)
	item, query = loans.lendable_catalogue()
	like = f"%{txt or ''}%"
	return (
		query.select(item.name, item.reference_code, item.title)
		.where((item.reference_code.like(like)) | (item.title.like(like)) | (item.name.like(like)))
		.orderby(item.reference_code)
		.limit(int(page_len or 20))
		.offset(int(start or 0))
		.run()
	)


@frappe.whitelist()
def return_items(loan: str, items: list[str] | str, condition: str = "完整", notes: str | None = None):
	"""Receive some issued items back (a partial return); the loan reaches Returned when all are back."""
	frappe.has_permission("Loan Request", "write", loan, throw=True)
	if ARCHIVE_MANAGER not in frappe.get_roles():
		frappe.throw(_("Only the Archive Manager receives returned items"), exc=frappe.PermissionError)
	items = frappe.parse_json(items) if isinstance(items, str) else list(items or [])
	return loans.receive_returns(loan, items, condition, notes)
