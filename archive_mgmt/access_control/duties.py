"""三员分立 (separated duties) on every path a user's roles change, and the record of each change.

The rules are in rules/duties.py. Here they guard each way Frappe changes roles: a User saved with its
roles table (the desk, REST, frappe.client, User.add_roles / remove_roles, a Role Profile applied to its
users), a Has Role row inserted or deleted on its own, and a Role Profile that would hand out two duties.
Every change that is made goes into the audit chain (access_log.record_change).

The Administrator (the installation account, which Frappe gives every role) is outside the separation:
its own roles are never checked, and as the one who installs a site it may grant any role to others.
"""

import frappe
from frappe import _

from archive_mgmt.access_control import access_log, clearance
from archive_mgmt.exceptions import DutySeparationError
from archive_mgmt.roles import DUTIES, GRANTED_BY_SECURITY_OFFICER, SECURITY_OFFICER
from archive_mgmt.rules import duties as rules


def stored_roles(user: str) -> set[str]:
	return set(frappe.get_all("Has Role", filters={"parenttype": "User", "parent": user}, pluck="role"))


def check(user: str, old: set[str], new: set[str]) -> None:
	"""Refuse the change of `user`'s roles from `old` to `new` if the separation forbids it."""
	if user in ("Administrator", "Guest"):
		return
	actor = frappe.session.user
	reason = rules.refusal(
		old_roles=old,
		new_roles=new,
		duties=DUTIES,
		granted_by_officer=GRANTED_BY_SECURITY_OFFICER,
		actor_roles=frappe.get_roles(actor),
		officer_role=SECURITY_OFFICER,
		own=actor == user,
	)
	if reason == rules.TWO_DUTIES:
		held = ", ".join(_(d) for d in rules.duties_held(new, DUTIES))
		frappe.throw(
			_("{0} would hold two of the separated duties ({1}): a user holds one of them only").format(
				user, held
			),
			exc=DutySeparationError,
		)
	if reason == rules.OWN_ROLES:
		frappe.throw(_("Nobody may add roles to themselves"), exc=DutySeparationError)
	if reason == rules.NOT_THE_SECURITY_OFFICER:
		frappe.throw(
			_("Only the security officer grants or withdraws the archive's roles ({0})").format(
				", ".join(_(r) for r in sorted((new ^ old) & set(GRANTED_BY_SECURITY_OFFICER)))
			),
			exc=DutySeparationError,
		)


def record(user: str, old: set[str], new: set[str]) -> None:
	if old == new:
		return
	detail = _("Added: {0}; removed: {1}").format(
		", ".join(_(r) for r in sorted(new - old)) or "-", ", ".join(_(r) for r in sorted(old - new)) or "-"
	)
	access_log.record_change(access_log.ROLE_CHANGE, "User", user, detail)
	clearance.clear_cache()


# --- hooks -----------------------------------------------------------------------------------------


def validate_user(doc, method=None):
	"""doc_events validate of User (after Frappe's own, so a role profile's roles are in the table)."""
	old = set() if doc.is_new() else stored_roles(doc.name)
	keep_one_duty_in_setup(doc)
	new = {row.role for row in doc.get("roles") or [] if row.role}
	check(doc.name, old, new)
	doc.flags.archive_role_change = (old, new)


def keep_one_duty_in_setup(doc) -> None:
	"""Frappe's setup wizard gives the first user every role (add_all_roles_to): they become the System
	Manager (the first duty they get) and not the security officer or auditor, who are other people."""
	if not frappe.flags.in_setup_wizard:
		return
	held = rules.duties_held((row.role for row in doc.get("roles") or []), DUTIES)
	if len(held) > 1:
		doc.set("roles", [row for row in doc.roles if row.role not in held[1:]])


def record_user(doc, method=None):
	"""doc_events on_update of User: the role change made, into the audit chain."""
	change = doc.flags.pop("archive_role_change", None) if doc.flags else None
	if change:
		record(doc.name, *change)


def validate_has_role_insert(doc, method=None):
	"""doc_events before_insert of Has Role: a role row inserted on its own (not through its User)."""
	if doc.parenttype != "User" or not doc.parent:
		return
	old = stored_roles(doc.parent)
	check(doc.parent, old, old | {doc.role})
	doc.flags.archive_role_change = (old, old | {doc.role})


def record_has_role_insert(doc, method=None):
	if doc.parenttype == "User" and doc.flags.get("archive_role_change"):
		record(doc.parent, *doc.flags.pop("archive_role_change"))


def validate_has_role_delete(doc, method=None):
	"""doc_events on_trash of Has Role: a role row deleted on its own."""
	if doc.parenttype != "User" or not doc.parent or not frappe.db.exists("User", doc.parent):
		return
	old = stored_roles(doc.parent)
	check(doc.parent, old, old - {doc.role})
	record(doc.parent, old, old - {doc.role})


def validate_role_profile(doc, method=None):
	"""doc_events validate of Role Profile: a profile never hands out two duties."""
	roles = {row.role for row in doc.get("roles") or []}
	held = rules.duties_held(roles, DUTIES)
	if len(held) > 1:
		frappe.throw(
			_(
				"Role Profile {0} would give two of the separated duties ({1}): a user holds one of them only"
			).format(doc.name or doc.get("role_profile"), ", ".join(_(d) for d in held)),
			exc=DutySeparationError,
		)
