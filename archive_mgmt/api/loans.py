"""Whitelisted helpers for the loan forms; each checks the caller's permission itself."""

import frappe

from archive_mgmt import clearance
from archive_mgmt.rules.status import FILED


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def lendable_items(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for a loan's items: the filed catalogue (code and title) within the user's clearance,
	which a borrower may not read yet."""
	frappe.has_permission("Loan Request", "create", throw=True)
	item = frappe.qb.DocType("Archive Item")
	like = f"%{txt or ''}%"
	return (
		frappe.qb.from_(item)
		.select(item.name, item.reference_code, item.title)
		.where(item.status == FILED)
		.where(item.secrecy_level.isin(clearance.visible_levels()))
		.where((item.reference_code.like(like)) | (item.title.like(like)) | (item.name.like(like)))
		.orderby(item.reference_code)
		.limit(int(page_len or 20))
		.offset(int(start or 0))
		.run()
	)
