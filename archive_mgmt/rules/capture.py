"""Capture from business documents (前端控制): field templates, the period a batch covers and the finance
custody period of accounting archives. No frappe import."""

import re
from datetime import date, timedelta
from string import Formatter

# 《会计档案管理办法》(财政部、国家档案局令第79号) 附表一 企业和其他组织会计档案保管期限表.
ACCOUNTING_RETENTION = {
	"记账凭证": "D30",
	"原始凭证": "D30",
	"总账": "D30",
	"明细账": "D30",
	"日记账": "D30",
	"会计档案移交清册": "D30",
	"年度财务会计报告": "Y",
	"会计档案保管清册": "Y",
	"会计档案销毁清册": "Y",
	"会计档案鉴定意见书": "Y",
	"月度、季度、半年度财务会计报告": "D10",
	"银行存款余额调节表": "D10",
	"银行对账单": "D10",
	"纳税申报表": "D10",
}
# Finance keeps a year's archives one year after the year ends (at most three) before the handover.
CUSTODY_YEARS, CUSTODY_MAX_YEARS = 1, 3
MONTHLY, ANNUAL = "Monthly", "Annual"

_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class TemplateError(ValueError):
	"""A template is not in the form ``{fieldname} text {other_field}``."""


def template_fields(template: str | None) -> list[str]:
	"""The field names a template such as ``{customer_name} {name}`` reads, in order, once each."""
	found: list[str] = []
	try:
		parsed = list(Formatter().parse(template or ""))
	except ValueError as e:
		raise TemplateError(str(e)) from e
	for _literal, field, spec, conversion in parsed:
		if field is None:
			continue
		if not _FIELD.match(field) or spec or conversion:
			raise TemplateError(field)
		if field not in found:
			found.append(field)
	return found


def render(template: str | None, values: dict) -> str:
	"""The template filled from ``values``; an empty value leaves nothing, not ``None``."""
	fields = template_fields(template)
	return (template or "").format(**{f: _text(values.get(f)) for f in fields}).strip()


def _text(value) -> str:
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	return str(value)


def period_range(frequency: str, year: int, month: int | None = None) -> tuple[date, date]:
	"""The first and last day a batch covers: a month of a year, or the whole year."""
	if frequency == MONTHLY:
		if not month or not 1 <= int(month) <= 12:
			raise ValueError(month)
		start = date(int(year), int(month), 1)
		following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
		return start, following - timedelta(days=1)
	return date(int(year), 1, 1), date(int(year), 12, 31)


def proposed_handover(fiscal_year_end: date, custody_years: int = CUSTODY_YEARS) -> date:
	"""The day finance hands a year's accounting archives to the archive: custody_years after the year
	ends (one by default, never more than three)."""
	years = max(1, min(int(custody_years or CUSTODY_YEARS), CUSTODY_MAX_YEARS))
	try:
		return fiscal_year_end.replace(year=fiscal_year_end.year + years)
	except ValueError:  # 29 February
		return fiscal_year_end.replace(year=fiscal_year_end.year + years, day=28)


def is_unsettled(value) -> bool:
	"""An outstanding amount that is not zero: a claim or debt not yet settled (未结清的债权债务)."""
	try:
		return abs(float(value or 0)) >= 0.005
	except (TypeError, ValueError):
		return False
