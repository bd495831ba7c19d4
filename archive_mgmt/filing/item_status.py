"""The one place an Archive Item's status changes: filing, loans, destruction and handover call it."""

import frappe
from frappe import _

from archive_mgmt.exceptions import StatusTransitionError
from archive_mgmt.rules.status import DRAFT, can_change


def check(current: str, new: str) -> None:
	if not can_change(current, new):
		frappe.throw(
			_("An archive item cannot go from {0} to {1}").format(_(current or DRAFT), _(new)),
			exc=StatusTransitionError,
		)


def set_on_doc(doc, new: str) -> None:
	"""Change the status of an item being saved (its own lifecycle, e.g. filing)."""
	before = doc.get_doc_before_save()
	check(before.status if before else DRAFT, new)
	doc.status = new
	doc.flags.status_set_by_app = True


def change(item: str, new: str, values: dict | None = None) -> None:
	"""Change the status of a stored item (a loan, a destruction, a handover acting on it).

	``values`` are app fields recorded in the same save (e.g. a destruction's tombstone).
	"""
	current = frappe.db.get_value("Archive Item", item, "status", for_update=True)
	if current is None:
		frappe.throw(_("Archive Item {0} does not exist").format(item), exc=frappe.DoesNotExistError)
	check(current, new)
	doc = frappe.get_doc("Archive Item", item)
	doc.update(values or {})
	doc.status = new
	doc.flags.status_set_by_app = True
	doc.flags.ignore_permissions = True
	doc.save()
