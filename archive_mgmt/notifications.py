"""The app's notifications: a system notification (the bell) to the users a document concerns, in the
archive's language."""

import frappe

from archive_mgmt.roles import ARCHIVE_MANAGER

# The language of notification subjects: archive staff read them in Chinese.
NOTIFY_LANG = "zh"


def notify(users, subject: str, doc) -> None:
	"""A system notification (bell icon) to each user, skipping the one who acted."""
	for user in sorted({u for u in users if u and u not in ("Guest", frappe.session.user)}):
		if not frappe.db.exists("User", {"name": user, "enabled": 1}):
			continue
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"from_user": frappe.session.user,
				"type": "Alert",
				"document_type": doc.doctype,
				"document_name": doc.name,
				"subject": subject,
			}
		).insert(ignore_permissions=True)


def archive_managers() -> list[str]:
	from frappe.utils.user import get_users_with_role

	return [u for u in get_users_with_role(ARCHIVE_MANAGER) if u != "Administrator"]
