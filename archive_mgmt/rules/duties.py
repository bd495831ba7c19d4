"""三员分立 (separated duties): which role changes are allowed, as rules over role names.

Three duties no single user combines: 系统管理员 (Frappe's System Manager: users, roles, settings),
安全保密员 (clearances and grants of the archive's roles) and 安全审计员 (reads the audit trail). A user
never raises their own roles, and the archive's roles are granted or withdrawn by a 安全保密员 only.
"""

from collections.abc import Iterable

# Why a role change is refused (the caller words it for people).
TWO_DUTIES = "two_duties"
OWN_ROLES = "own_roles"
NOT_THE_SECURITY_OFFICER = "not_the_security_officer"


def duties_held(roles: Iterable[str], duties: Iterable[str]) -> list[str]:
	"""The duties among the roles, in the order of `duties`."""
	roles = set(roles)
	return [d for d in duties if d in roles]


def refusal(
	*,
	old_roles: Iterable[str],
	new_roles: Iterable[str],
	duties: Iterable[str],
	granted_by_officer: Iterable[str],
	actor_roles: Iterable[str],
	officer_role: str,
	own: bool,
) -> str | None:
	"""Why changing a user's roles from `old_roles` to `new_roles` is refused, or None.

	- no user holds two duties once the change is made (only a change that adds a role is refused, so that
	withdrawing one of two duties from a user who held both before the rule is always possible);
	- nobody adds a role to themselves;
	- the roles in `granted_by_officer` (the archive's) are added or removed only by the security officer.
	"""
	old, new = set(old_roles), set(new_roles)
	added, removed = new - old, old - new
	if not added and not removed:
		return None
	duties = list(duties)
	if added and len(duties_held(new, duties)) > 1:
		return TWO_DUTIES
	if own and added:
		return OWN_ROLES
	if (added | removed) & set(granted_by_officer) and officer_role not in set(actor_roles):
		return NOT_THE_SECURITY_OFFICER
	return None
