"""Filing deadlines on the site: which drafts are due, and reminding the departmental archivists."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from archive_mgmt.archive_setup.retention import matching_rule
from archive_mgmt.rules.deadlines import MONTHLY, due_date
from archive_mgmt.rules.status import DRAFT

# Remind this many days before the due date, as well as when overdue.
WARN_DAYS = 3


def drafts_with_deadlines(fonds: str | None = None, filing_unit: str | None = None) -> list:
	"""Every draft item with its filing deadline (from its Retention Rule) and due date."""
	filters = {"status": DRAFT}
	if fonds:
		filters["fonds"] = fonds
	if filing_unit:
		filters["filing_unit"] = filing_unit
	drafts = frappe.get_all(
		"Archive Item",
		filters=filters,
		fields=["name", "title", "category", "fonds", "filing_unit", "doc_date", "creation", "owner"],
		order_by="filing_unit, doc_date",
	)
	rules: dict[tuple, str] = {}
	for draft in drafts:
		key = (draft.category, draft.title)
		if key not in rules:
			rule = matching_rule(draft.category, draft.title) if draft.category else None
			rules[key] = (
				rule and frappe.db.get_value("Retention Rule", rule.name, "filing_deadline")
			) or MONTHLY
		draft.filing_deadline = rules[key]
		draft.due_date = due_date(draft.filing_deadline, getdate(draft.doc_date or draft.creation))
	return drafts


def remind_due_drafts() -> None:
	"""Daily: tell each departmental archivist how many of their drafts are due or overdue, per unit."""
	as_of = getdate(today())
	due: dict[tuple, list] = {}
	for draft in drafts_with_deadlines():
		if (draft.due_date - as_of).days <= WARN_DAYS:
			due.setdefault((draft.owner, draft.filing_unit), []).append(draft)
	for (user, unit), drafts in due.items():
		if not frappe.db.get_value("User", user, "enabled"):
			continue
		overdue = sum(1 for d in drafts if d.due_date < as_of)
		notify(user, unit, len(drafts), overdue, drafts[0].name)


def notify(user: str, unit: str, count: int, overdue: int, first_item: str) -> None:
	lang = frappe.db.get_value("User", user, "language") or "zh"
	subject = _("{0} draft archive items of {1} are due for filing ({2} overdue)", lang=lang).format(
		count, unit, overdue
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": subject,
			"email_content": subject,
			"document_type": "Archive Item",
			"document_name": first_item,
			"from_user": "Administrator",
		}
	).insert(ignore_permissions=True)
