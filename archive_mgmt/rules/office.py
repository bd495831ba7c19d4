"""The office's documents (收发文): document numbers, urgency order and deadline stages, as pure rules.

A number pattern is text with placeholders ``{year}``, ``{agency}`` (机关代字) and ``{number}`` (or
``{number:04}``, zero-padded), e.g. ``收〔{year}〕{number:04}`` → 收〔2026〕0012 or ``{agency}发〔{year}〕{number}号``
→ 某办发〔2026〕12号. The number runs gap-free within the group the other placeholders make (its year).
"""

import re
from datetime import date

DEFAULT_INCOMING_PATTERN = "收〔{year}〕{number:04}"
DEFAULT_OUTGOING_PATTERN = "{agency}发〔{year}〕{number}号"
DEFAULT_AGENCY = "某办"
DEFAULT_REMIND_DAYS = 2

URGENCY = ("特急", "加急", "平件")  # 急件优先: the most urgent first
URGENT, EXPEDITED, ORDINARY = URGENCY

# Deadline stages a daily job acts on (催办 before and on the deadline, 督办 escalation after it).
BEFORE, DUE, OVERDUE = "before", "due", "overdue"

_PLACEHOLDER = re.compile(r"\{(year|agency|number)(?::0([0-9]))?\}")


class NumberPatternError(ValueError):
	"""The number pattern is not usable."""


def check_pattern(text: str) -> None:
	if not text or "{number" not in text:
		raise NumberPatternError("the pattern needs {number}")
	rest = _PLACEHOLDER.sub("", text)
	if "{" in rest or "}" in rest:
		raise NumberPatternError("only {year}, {agency} and {number} (or {number:04}) are placeholders")


def number_group(pattern: str, year: int, agency: str = "") -> str:
	"""The sequence group of a pattern for a year: the number runs gap-free inside it."""
	check_pattern(pattern)
	return _PLACEHOLDER.sub(
		lambda m: "#" if m.group(1) == "number" else str(_value(m.group(1), year, agency)), pattern
	)


def format_number(pattern: str, year: int, number: int, agency: str = "") -> str:
	check_pattern(pattern)

	def render(match):
		name, width = match.group(1), match.group(2)
		if name == "number":
			return str(number).zfill(int(width)) if width else str(number)
		return str(_value(name, year, agency))

	return _PLACEHOLDER.sub(render, pattern)


def _value(name: str, year: int, agency: str):
	return year if name == "year" else agency


def urgency_rank(urgency: str | None) -> int:
	"""A sort key, highest first: 特急 3, 加急 2, 平件 (or none) 1."""
	return len(URGENCY) - URGENCY.index(urgency) if urgency in URGENCY else 1


def deadline_stage(deadline: date | None, today: date, remind_days: int) -> str | None:
	"""What a deadline calls for today: a reminder within ``remind_days`` before it, on it, escalation after it."""
	if not deadline:
		return None
	days_left = (deadline - today).days
	if days_left < 0:
		return OVERDUE
	if days_left == 0:
		return DUE
	if days_left <= remind_days:
		return BEFORE
	return None


def days_taken(start: date, end: date) -> int:
	return max((end - start).days, 0)
