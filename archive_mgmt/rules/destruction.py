"""Appraisal and destruction (鉴定销毁): which items may be destroyed, and what a batch needs.

Pure rules: the site gathers the facts (status, expiry, holds, other batches) and asks here.
"""

from collections.abc import Iterable
from datetime import date

from archive_mgmt.rules.retention import is_shorter, is_valid
from archive_mgmt.rules.status import DESTROYED, DRAFT, ON_LOAN, TRANSFERRED

DESTROY = "Destroy"
EXTEND = "Extend"
KEEP_PERMANENTLY = "Keep Permanently"
TRANSFER = "Transfer"
DECISIONS = (DESTROY, EXTEND, KEEP_PERMANENTLY, TRANSFER)
# Decisions that take the item out of the archive: everything that barred adding it bars these too.
REMOVING_DECISIONS = (DESTROY, TRANSFER)

# Why an item cannot be destroyed (or handed over) now.
NOT_FILED = "draft"
ALREADY_DESTROYED = "destroyed"
ALREADY_TRANSFERRED = "transferred"
ON_LOAN_NOW = "on loan"
HELD = "held"
PERMANENT = "permanent"
UNEXPIRED = "unexpired"
IN_OTHER_BATCH = "in another batch"
OTHER_FONDS = "other fonds"
# Extend or Keep Permanently leave the item in the archive: only these bar applying them.
BARRING_KEEPING = frozenset({NOT_FILED, ALREADY_DESTROYED, ALREADY_TRANSFERRED, IN_OTHER_BATCH, OTHER_FONDS})

MIN_APPRAISERS = 3
MIN_SUPERVISORS = 2


def is_expired(expiry: date | None, today: date) -> bool:
	"""Retention has ended: the expiry day (first day after the period) has come. Permanent never ends."""
	return expiry is not None and expiry <= today


def refusals(
	status: str | None,
	expiry: date | None,
	today: date,
	held: bool = False,
	other_batch: bool = False,
	other_fonds: bool = False,
) -> list[str]:
	"""Every reason an item may not be destroyed today; empty when it may."""
	status = status or DRAFT
	reasons = []
	if status == DRAFT:
		reasons.append(NOT_FILED)
	elif status == DESTROYED:
		reasons.append(ALREADY_DESTROYED)
	elif status == TRANSFERRED:
		reasons.append(ALREADY_TRANSFERRED)
	elif status == ON_LOAN:
		reasons.append(ON_LOAN_NOW)
	if held:
		reasons.append(HELD)
	if status not in (DRAFT, DESTROYED, TRANSFERRED):
		if expiry is None:
			reasons.append(PERMANENT)
		elif not is_expired(expiry, today):
			reasons.append(UNEXPIRED)
	if other_batch:
		reasons.append(IN_OTHER_BATCH)
	if other_fonds:
		reasons.append(OTHER_FONDS)
	return reasons


def blocking(reasons: Iterable[str], decision: str | None) -> list[str]:
	"""The reasons that bar carrying out ``decision``: all of them unless the item stays in the archive."""
	reasons = list(reasons)
	if decision in (EXTEND, KEEP_PERMANENTLY):
		return [r for r in reasons if r in BARRING_KEEPING]
	return reasons


def decision_problems(decision: str | None, current: str | None, new_period: str | None) -> list[str]:
	"""What is wrong with one item's appraisal decision (empty when it is complete)."""
	if not decision:
		return ["undecided"]
	if decision not in DECISIONS:
		return ["unknown decision"]
	if decision == EXTEND:
		if not new_period or not is_valid(new_period):
			return ["extend needs a new retention period"]
		if current and is_valid(current) and not is_shorter(current, new_period):
			return ["extend needs a longer retention period"]
	return []


def group_problems(members: Iterable[str], appraisers: set[str], managers: set[str]) -> list[str]:
	"""What the appraisal group (鉴定小组) lacks: three distinct appraisers including an archive manager."""
	members = [m for m in members if m]
	problems = []
	if len(set(members)) != len(members):
		problems.append("duplicate member")
	if lacking_role(members, appraisers):
		problems.append("member without the Appraisal Member role")
	if len(set(members)) < MIN_APPRAISERS:
		problems.append("fewer than three members")
	if not set(members) & managers:
		problems.append("no archive manager")
	return problems


def lacking_role(members: Iterable[str], appraisers: set[str]) -> list[str]:
	"""The group's members who do not hold the Appraisal Member role, in order, each once (an archive manager
	in the group needs that role too)."""
	return list(dict.fromkeys(m for m in members if m and m not in appraisers))


def enough_supervisors(supervisors: Iterable[str]) -> bool:
	"""At least two distinct people witness destruction (监销人)."""
	return len({s for s in supervisors if s}) >= MIN_SUPERVISORS
