"""Clearance rules: which secrecy levels a clearance may see, and the clearance a user has by default.

A clearance is one of the secrecy levels (公开 … 绝密). A user sees a record whose level ranks at or
below their clearance; a record whose level is unknown or empty is seen only with the top clearance.
"""

from collections.abc import Iterable

from archive_mgmt.rules.description import SECRECY_LEVELS, is_classified, secrecy_rank

PUBLIC = SECRECY_LEVELS[0]  # 公开: anyone who is not staff
STAFF = SECRECY_LEVELS[1]  # 内部: staff of the unit
TOP = SECRECY_LEVELS[-1]  # 绝密: the archive manager and the principal


def is_clearance(value) -> bool:
	return value in SECRECY_LEVELS


def visible_levels(clearance: str) -> tuple[str, ...]:
	"""The secrecy levels a clearance sees, lowest first (公开 only for an unknown clearance)."""
	rank = secrecy_rank(clearance) if is_clearance(clearance) else 0
	return SECRECY_LEVELS[: rank + 1]


def may_see(clearance: str, level: str | None) -> bool:
	"""Whether a holder of `clearance` may learn of a record at `level`."""
	if level not in SECRECY_LEVELS:
		return clearance == TOP
	return level in visible_levels(clearance)


def default_clearance(
	roles: Iterable[str], desk_user: bool, top_roles: Iterable[str], staff_roles: Iterable[str]
) -> str:
	"""绝密 for a top role, 内部 for staff (a staff role or any desk user), 公开 for anyone else."""
	roles = set(roles)
	if roles & set(top_roles):
		return TOP
	if desk_user or roles & set(staff_roles):
		return STAFF
	return PUBLIC


def within_duty(clearance: str, roles: Iterable[str], duty_roles: Iterable[str]) -> str:
	"""三员分立: a holder of one of the separated duties (系统管理员, 安全保密员, 安全审计员) reads no archive record
	above 公开, whatever their record or other roles say."""
	return PUBLIC if set(roles) & set(duty_roles) else clearance


def raises(old: str, new: str) -> bool:
	"""Whether changing a clearance from `old` to `new` raises it."""
	return secrecy_rank(new) > secrecy_rank(old)


def is_audited(level: str | None) -> bool:
	"""Views, prints, exports and downloads of a record at this level are logged."""
	return is_classified(level)
