"""Loans and consultation (借阅/查阅): the rules that need no database."""

from datetime import date

from archive_mgmt.rules.description import is_classified

INTERNAL = "Internal"  # 本单位
EXTERNAL = "External"  # 外单位

READING_ROOM = "阅览"
TAKE_OUT = "借出"
COPY = "复制"
EXTRACT = "摘录"
USE_MODES = (READING_ROOM, TAKE_OUT, COPY, EXTRACT)
COPYING_MODES = (COPY, EXTRACT)

RETURN_CONDITIONS = ("完整", "损坏", "缺页")
EFFECTS = ("凭证", "参考", "编研", "其他")


# 秘密 and above needs the designated secrecy approver.
def needs_secrecy_approval(levels) -> bool:
	return any(is_classified(level) for level in levels)


def takes_items_out(use_mode: str) -> bool:
	"""Reading-room use keeps the items in the room (status stays Filed); every other mode takes them out."""
	return use_mode != READING_ROOM


def is_overdue(due_date: date | None, today: date, all_returned: bool) -> bool:
	return bool(due_date) and not all_returned and today > due_date


def days_overdue(due_date: date | None, today: date) -> int:
	return max((today - due_date).days, 0) if due_date else 0


def not_returnable(requested, issued, returned) -> list[str]:
	"""Of the items asked to be returned, those that were not issued or are already back."""
	issued, returned = set(issued), set(returned)
	return [item for item in requested if item not in issued or item in returned]


def validate_period(start: date | None, due: date | None) -> str | None:
	"""A message key when the requested period is not a period, else None."""
	if start and due and due < start:
		return "The due date is before the start of the loan"
	return None
