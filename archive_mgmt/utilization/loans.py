"""Loans and consultation (借阅/查阅): what a loan does outside its own form.

Item issue and return (through ``item_status``) and partial returns.
The Loan Request controller calls these; api/utilization.return_items is the desk/REST entry point.
"""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import now_datetime

from archive_mgmt.exceptions import ItemNotLendableError, LoanError, NotIssuedError
from archive_mgmt.filing import item_status
from archive_mgmt.rules.loans import RETURN_CONDITIONS, not_returnable
from archive_mgmt.rules.status import FILED, ON_LOAN


def lendable_catalogue(user: str | None = None):
	"""The catalogue a user borrows from: the filed items within their clearance and filing units, which they
	find (by code and title) before a loan lets them read them. The Archive Item table and a query of it, to be
	narrowed and selected from."""
	from archive_mgmt.access_control import clearance
	from archive_mgmt.access_control.permissions import units_in_scope

	item = frappe.qb.DocType("Archive Item")
	query = (
		frappe.qb.from_(item)
		.where(item.status == FILED)
		.where(item.secrecy_level.isin(clearance.visible_levels(user)))
	)
	if units := units_in_scope("Archive Item", user):
		query = query.where(item.filing_unit.isin(units))
	return item, query


def in_lendable_catalogue(name: str, user: str | None = None) -> bool:
	"""Whether a user who may ask for loans finds the item in the catalogue they borrow from."""
	if not frappe.has_permission("Loan Request", "create", user=user):
		return False
	item, query = lendable_catalogue(user)
	return bool(query.select(item.name).where(item.name == name).run())


def check_lendable(items: list[str]) -> None:
	"""Every item must exist and be Filed (not a draft, not on loan, destroyed or transferred)."""
	if not items:
		return
	statuses = dict(
		frappe.get_all("Archive Item", filters={"name": ("in", items)}, fields=["name", "status"], as_list=1)
	)
	refused = [(item, statuses.get(item)) for item in items if statuses.get(item) != FILED]
	if refused:
		frappe.throw(
			_("Only filed items can be lent: {0}").format(
				", ".join(
					_("{0} is {1}").format(item, _(status) if status else _("missing"))
					for item, status in refused
				)
			),
			exc=ItemNotLendableError,
		)


def take_out(items: list[str]) -> None:
	for item in items:
		item_status.change(item, ON_LOAN)


def bring_back(items: list[str]) -> None:
	for item in items:
		item_status.change(item, FILED)


def receive_returns(loan: str, items: list[str], condition: str, notes: str | None = None) -> dict:
	"""Receive some issued items back (a partial return); the loan reaches Returned when all are back.
	api/utilization.return_items checks who asks."""
	if not items:
		frappe.throw(_("Choose the items being returned"), exc=LoanError)
	if condition not in RETURN_CONDITIONS:
		frappe.throw(_("Condition must be one of {0}").format(", ".join(RETURN_CONDITIONS)), exc=LoanError)

	doc = frappe.get_doc("Loan Request", loan, for_update=True)
	if doc.workflow_state != "Issued":
		frappe.throw(
			_("Loan {0} is {1}: only issued loans take returns").format(loan, _(doc.workflow_state)),
			exc=NotIssuedError,
		)
	rows = {row.archive_item: row for row in doc.items}
	refused = not_returnable(
		items,
		issued=[r.archive_item for r in doc.items if r.issued_on],
		returned=[r.archive_item for r in doc.items if r.returned_on],
	)
	if refused:
		frappe.throw(
			_("Not issued on loan {0}, or already returned: {1}").format(loan, ", ".join(refused)),
			exc=NotIssuedError,
		)
	now = now_datetime()
	for item in items:
		rows[item].update(
			{
				"returned_on": now,
				"received_by": frappe.session.user,
				"return_condition": condition,
				"return_notes": notes,
			}
		)
	doc.save()
	if all(row.returned_on for row in doc.items):
		doc = apply_workflow(doc.as_dict(), "Return Items")
	return {"workflow_state": doc.workflow_state, "returned": items}
