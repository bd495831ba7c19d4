"""The 档案管理 onboarding steps (Module Onboarding "Archive Management") are ticked once what they ask
for exists, however it was made: in the desk, by the demo command, by an import or on an existing site."""

import frappe

from archive_mgmt.roles import ARCHIVE_ROLES


def has_archive_users() -> bool:
	return bool(
		frappe.get_all(
			"Has Role",
			filters={
				"parenttype": "User",
				"role": ("in", list(ARCHIVE_ROLES)),
				"parent": ("not in", ("Administrator", "Guest")),
			},
			limit=1,
		)
	)


# step -> the check that says it is done
DONE_WHEN = {
	"Create the Fonds": lambda: bool(frappe.get_all("Fonds", limit=1)),
	"Create the Filing Units": lambda: bool(frappe.get_all("Filing Unit", limit=1)),
	"Add Users with Roles": has_archive_users,
}


def tick_done_steps() -> None:
	for step, done in DONE_WHEN.items():
		if done() and frappe.db.exists("Onboarding Step", {"name": step, "is_complete": 0}):
			frappe.db.set_value("Onboarding Step", step, "is_complete", 1, update_modified=False)


def user_changed(doc, method=None) -> None:
	"""User on_update: a user saved with an archive role ticks 添加用户并分配角色 (and what else is done)."""
	if {row.role for row in doc.get("roles") or []} & set(ARCHIVE_ROLES):
		tick_done_steps()
