"""Retention periods (保管期限): codes, comparison, expiry, and matching a Retention Rule.

Codes are stored verbatim: ``Y`` (永久, permanent) or ``D`` followed by a number of years
(``D30``, ``D10``, ``D5``, ``D3`` …).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

PERMANENT = "Y"
COUNT_FROM_FOLLOWING_YEAR = "Following Year"
COUNT_FROM_DOCUMENT_DATE = "Document Date"
COUNT_FROM_CHOICES = (COUNT_FROM_FOLLOWING_YEAR, COUNT_FROM_DOCUMENT_DATE)

_CODE = re.compile(r"Y|D([1-9][0-9]{0,2})")


class RetentionCodeError(ValueError):
	"""Not a retention code."""


def years_of(code: str) -> int | None:
	"""Years a code keeps a record; None for permanent."""
	match = _CODE.fullmatch(code or "")
	if not match:
		raise RetentionCodeError(code)
	return None if code == PERMANENT else int(match.group(1))


def is_valid(code: str) -> bool:
	return bool(_CODE.fullmatch(code or ""))


def code_for_years(years: int | None) -> str:
	if years is None:
		return PERMANENT
	if not 1 <= int(years) <= 999:
		raise RetentionCodeError(str(years))
	return f"D{int(years)}"


def label_of(code: str) -> str:
	"""The Chinese name archivists use: 永久, 30年 …"""
	years = years_of(code)
	return "永久" if years is None else f"{years}年"


def sort_key(code: str) -> float:
	years = years_of(code)
	return float("inf") if years is None else float(years)


def longest(codes: Iterable[str]) -> str | None:
	codes = [c for c in codes if c]
	return max(codes, key=sort_key) if codes else None


def is_shorter(code: str, than: str) -> bool:
	return sort_key(code) < sort_key(than)


def counting_start(
	year: int, count_from: str = COUNT_FROM_FOLLOWING_YEAR, doc_date: date | None = None
) -> date:
	"""The day retention starts counting: 1 January after the record's year, or its document date."""
	if count_from == COUNT_FROM_DOCUMENT_DATE and doc_date:
		return doc_date
	if count_from not in COUNT_FROM_CHOICES:
		raise ValueError(count_from)
	return date(int(year) + 1, 1, 1)


def expiry_date(
	year: int, code: str, count_from: str = COUNT_FROM_FOLLOWING_YEAR, doc_date: date | None = None
) -> date | None:
	"""The day a record's retention ends; None for permanent records."""
	years = years_of(code)
	if years is None:
		return None
	start = counting_start(year, count_from, doc_date)
	try:
		return start.replace(year=start.year + years)
	except ValueError:  # 29 February into a common year
		return start.replace(year=start.year + years, day=28)


def kept_years(year: int, on: date, count_from: str = COUNT_FROM_FOLLOWING_YEAR, doc_date=None) -> int:
	"""Whole years a record has been kept on a day (已保管期限)."""
	start = counting_start(year, count_from, doc_date)
	years = on.year - start.year - ((on.month, on.day) < (start.month, start.day))
	return max(years, 0)


@dataclass(frozen=True)
class RuleCandidate:
	"""What matching needs of a Retention Rule."""

	name: str
	category: str
	retention_period: str
	keywords: Sequence[str] = field(default_factory=tuple)


def split_keywords(text: str | None) -> tuple[str, ...]:
	return tuple(k.strip() for k in re.split(r"[,，、;；\n]+", text or "") if k.strip())


def match_rule(
	rules: Iterable[RuleCandidate], category_chain: Sequence[str], title: str
) -> RuleCandidate | None:
	"""The rule for a record: the nearest category (own, then ancestors) with rules decides.

	Within it, rules whose keywords occur in the title win over rules without keywords; where
	several fit, the longest retention wins, because keeping too long is recoverable and
	destroying too early is not.
	"""
	rules = list(rules)
	title = title or ""
	for category in category_chain:
		own = [r for r in rules if r.category == category]
		if not own:
			continue
		by_keyword = [r for r in own if r.keywords and any(k in title for k in r.keywords)]
		general = [r for r in own if not r.keywords]
		pool = by_keyword or general
		if pool:
			return max(pool, key=lambda r: (sort_key(r.retention_period), r.name))
	return None
