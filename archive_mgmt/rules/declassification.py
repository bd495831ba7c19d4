"""Declassification and opening (解密/开放): what a review changes on an item, and how secret the review is."""

from archive_mgmt.rules.description import OPEN_STATUSES, SECRECY_LEVELS, secrecy_rank

LOWER, RAISE, SAME = "lower", "raise", "same"


def changes_for(current: dict, new_secrecy_level: str | None, new_open_status: str | None) -> dict:
	"""The fields a review would change on an item with ``current`` values (only what differs)."""
	changes = {}
	if new_secrecy_level and new_secrecy_level != current.get("secrecy_level"):
		changes["secrecy_level"] = new_secrecy_level
	if new_open_status and new_open_status != current.get("open_status"):
		changes["open_status"] = new_open_status
	return changes


def proposal_problem(new_secrecy_level: str | None, new_open_status: str | None) -> str | None:
	"""Why a proposal is not one, or None."""
	if not new_secrecy_level and not new_open_status:
		return "Propose a new secrecy level, a new open status, or both"
	if new_secrecy_level and new_secrecy_level not in SECRECY_LEVELS:
		return "Unknown secrecy level"
	if new_open_status and new_open_status not in OPEN_STATUSES:
		return "Unknown open status"
	return None


def direction(old_level: str | None, new_level: str | None) -> str:
	"""Whether a new secrecy level lowers (解密/降密) or raises (升密) the old one."""
	if not new_level or new_level == old_level:
		return SAME
	return LOWER if secrecy_rank(new_level) < secrecy_rank(old_level) else RAISE
