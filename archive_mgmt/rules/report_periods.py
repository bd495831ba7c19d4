"""Capture of a report's output for a period (总账、明细账、日记账, 财务会计报告): the period a date falls in and
the report filters a rule's template gives for it, and, for a rule split by a filter (总账 per account), the
filters and the name of each value's output. No frappe import."""

import hashlib
import json
from datetime import date, timedelta

from archive_mgmt.rules.capture import TemplateError, template_fields

MONTHLY, QUARTERLY, HALF_YEARLY, ANNUAL = "Monthly", "Quarterly", "Half-yearly", "Annual"
PERIODS = (MONTHLY, QUARTERLY, HALF_YEARLY, ANNUAL)
MONTHS_IN = {MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, ANNUAL: 12}
# What a filter template or a title template may name: the period's values and the rule's company.
SPLIT_VALUE = "split_value"
PLACEHOLDERS = (
	"from_date",
	"to_date",
	"fiscal_year",
	"year",
	"month",
	"quarter",
	"half",
	"period",
	"company",
	"report",
	"name",
	SPLIT_VALUE,
)
NAME_LENGTH = 140  # an item's source name, a batch row's


class FilterTemplateError(ValueError):
	"""The filters are not a JSON object whose text values are templates of known placeholders."""


def period_of(kind: str, day: date) -> tuple[date, date]:
	"""The first and last day of the month, quarter, half-year or year that ``day`` falls in."""
	if kind not in MONTHS_IN:
		raise ValueError(kind)
	months = MONTHS_IN[kind]
	first_month = (day.month - 1) // months * months + 1
	start = date(day.year, first_month, 1)
	end_month = first_month + months  # the month after the period, 13 for December
	following = date(day.year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
	return start, following - timedelta(days=1)


def period_values(kind: str, start: date, end: date) -> dict[str, str]:
	"""The placeholders of a period (all text): its dates, year, number within the year and Chinese name."""
	number = (start.month - 1) // MONTHS_IN[kind] + 1
	label = {
		MONTHLY: f"{start.year}年{start.month}月",
		QUARTERLY: f"{start.year}年第{number}季度",
		HALF_YEARLY: f"{start.year}年{'上' if number == 1 else '下'}半年",
		ANNUAL: f"{start.year}年度",
	}[kind]
	return {
		"from_date": start.isoformat(),
		"to_date": end.isoformat(),
		"fiscal_year": str(start.year),
		"year": str(start.year),
		"month": str(start.month) if kind == MONTHLY else "",
		"quarter": str((start.month - 1) // 3 + 1) if kind == QUARTERLY else "",
		"half": str(number) if kind == HALF_YEARLY else "",
		"period": label,
	}


def source_name(report: str, start: date, end: date, value: str | None = None) -> str:
	"""The name a period's output is known by, one per (rule, period): ``<Report>/<from>–<to>``; a split
	rule's output of one value adds it: ``<Report>/<from>–<to>/<value>``, a value too long for that cut and
	ended by a digest of it (still one name per value)."""
	name = f"{report}/{start.isoformat()}–{end.isoformat()}"
	if not value:
		return name
	full = f"{name}/{value}"
	if len(full) <= NAME_LENGTH:
		return full
	digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]
	return f"{full[: NAME_LENGTH - len(digest) - 1]}~{digest}"


def parse_filters(text: str | None) -> dict:
	"""The filter template as a JSON object; every placeholder in its text values known."""
	try:
		filters = json.loads(text or "{}")
	except ValueError as e:
		raise FilterTemplateError(str(e)) from e
	if not isinstance(filters, dict):
		raise FilterTemplateError(text)
	try:
		unknown = [f for f in filter_placeholders(filters) if f not in PLACEHOLDERS]
	except TemplateError as e:
		raise FilterTemplateError(str(e)) from e
	if unknown:
		raise FilterTemplateError(", ".join(unknown))
	return filters


def parse_split_conditions(text: str | None) -> dict:
	"""Which records give a split's values: a JSON object of {field: value} (Frappe's filter format, such
	as ``{"is_group": 0, "company": "{company}"}``); its text values may name the period's placeholders, not
	the split value itself."""
	conditions = parse_filters(text)
	if SPLIT_VALUE in filter_placeholders(conditions):
		raise FilterTemplateError(SPLIT_VALUE)
	return conditions


def check_split_filter(filters: dict, split_filter: str | None) -> None:
	"""Only a split rule's filters name {split_value}; a split filter the template sets takes it (a filter
	set to a fixed value would make every value's output the same)."""
	named = SPLIT_VALUE in filter_placeholders(filters)
	if not split_filter:
		if named:
			raise FilterTemplateError(SPLIT_VALUE)
		return
	if split_filter in filters and SPLIT_VALUE not in filter_placeholders(
		{split_filter: filters[split_filter]}
	):
		raise FilterTemplateError(split_filter)


def split_filters(filters: dict, split_filter: str, value: str, values: dict) -> dict:
	"""One value's filters: the template filled with the period and the value; the split filter set to the
	value where the template does not give it (a template may give it as a list, ``["{split_value}"]``, for a
	report whose filter takes several values, such as the General Ledger's account)."""
	filled = fill_filters(filters, {**values, SPLIT_VALUE: value})
	if split_filter not in filled:
		filled[split_filter] = value
	return filled


def filter_placeholders(filters: dict) -> list[str]:
	"""The placeholders the text values of a filter template name, in order, once each (a text that is not a
	template, such as ``{x:>3}``, raises TemplateError)."""
	found: list[str] = []
	for value in filters.values():
		for text in value if isinstance(value, list) else [value]:
			if isinstance(text, str):
				found += [f for f in template_fields(text) if f not in found]
	return found


def fill_filters(filters: dict, values: dict) -> dict:
	"""The report's filters for one period: each text value (and each text in a list) filled in."""

	def fill(value):
		if isinstance(value, str):
			fields = template_fields(value)
			return value.format(**{f: values.get(f) or "" for f in fields})
		return value

	return {
		key: [fill(v) for v in value] if isinstance(value, list) else fill(value)
		for key, value in filters.items()
	}
