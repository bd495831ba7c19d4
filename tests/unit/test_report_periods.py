"""Report-output capture's pure parts: the period a date falls in, its placeholders and the filled filters."""

import json
from datetime import date
from pathlib import Path

import pytest

from archive_mgmt.rules import capture as capture_rules
from archive_mgmt.rules import report_periods as periods


@pytest.mark.parametrize(
	"kind, day, expected",
	[
		(periods.MONTHLY, date(2024, 2, 10), (date(2024, 2, 1), date(2024, 2, 29))),
		(periods.MONTHLY, date(2024, 12, 31), (date(2024, 12, 1), date(2024, 12, 31))),
		(periods.QUARTERLY, date(2024, 5, 31), (date(2024, 4, 1), date(2024, 6, 30))),
		(periods.QUARTERLY, date(2024, 11, 1), (date(2024, 10, 1), date(2024, 12, 31))),
		(periods.HALF_YEARLY, date(2024, 6, 30), (date(2024, 1, 1), date(2024, 6, 30))),
		(periods.HALF_YEARLY, date(2024, 7, 1), (date(2024, 7, 1), date(2024, 12, 31))),
		(periods.ANNUAL, date(2024, 7, 1), (date(2024, 1, 1), date(2024, 12, 31))),
	],
)
def test_the_period_a_date_falls_in(kind, day, expected):
	assert periods.period_of(kind, day) == expected


def test_an_unknown_period_is_refused():
	with pytest.raises(ValueError):
		periods.period_of("Weekly", date(2024, 1, 1))


def test_period_values_name_the_period_in_chinese():
	q2 = periods.period_values(periods.QUARTERLY, date(2024, 4, 1), date(2024, 6, 30))
	assert q2["from_date"] == "2024-04-01" and q2["to_date"] == "2024-06-30"
	assert (q2["fiscal_year"], q2["quarter"], q2["period"]) == ("2024", "2", "2024年第2季度")
	assert (
		periods.period_values(periods.MONTHLY, date(2024, 3, 1), date(2024, 3, 31))["period"] == "2024年3月"
	)
	assert periods.period_values(periods.HALF_YEARLY, date(2024, 7, 1), date(2024, 12, 31))["period"] == (
		"2024年下半年"
	)
	assert periods.period_values(periods.ANNUAL, date(2024, 1, 1), date(2024, 12, 31))["period"] == "2024年度"


def test_filters_are_filled_per_period_and_other_values_kept():
	template = periods.parse_filters(
		'{"company": "{company}", "from_date": "{from_date}", "to_date": "{to_date}",'
		' "group_by": "Group by Account", "merge": 1, "years": ["{fiscal_year}"]}'
	)
	values = {
		**periods.period_values(periods.ANNUAL, date(2024, 1, 1), date(2024, 12, 31)),
		"company": "示例",
	}
	assert periods.fill_filters(template, values) == {
		"company": "示例",
		"from_date": "2024-01-01",
		"to_date": "2024-12-31",
		"group_by": "Group by Account",
		"merge": 1,
		"years": ["2024"],
	}


@pytest.mark.parametrize(
	"bad", ["not json", "[1, 2]", '{"from_date": "{start}"}', '{"x": "{from_date:>3}"}', '{"x": "{unclosed"}']
)
def test_a_bad_filter_template_is_refused(bad):
	with pytest.raises(periods.FilterTemplateError):
		periods.parse_filters(bad)


def test_no_filters_is_an_empty_template():
	assert periods.parse_filters("") == {} and periods.parse_filters(None) == {}


def test_a_period_output_is_known_by_report_and_dates():
	assert periods.source_name("General Ledger", date(2024, 1, 1), date(2024, 12, 31)) == (
		"General Ledger/2024-01-01–2024-12-31"
	)


REPORT_PRESETS = (
	Path(__file__).resolve().parents[2] / "archive_mgmt" / "capture" / "accounting_report_presets.json"
)
# The GL report's filters (ERPNext, erpnext/accounts/report/general_ledger/general_ledger.js) the presets set.
GENERAL_LEDGER_FILTERS = {"company", "from_date", "to_date", "account", "group_by"}
GROUP_BY = {"Group by Voucher", "Group by Voucher (Consolidated)", "Group by Account", "Group by Party"}


def test_report_presets_are_disabled_with_the_retention_of_their_kind():
	presets = json.loads(REPORT_PRESETS.read_text(encoding="utf-8"))
	kinds = {p["record_kind"] for p in presets}
	assert {"总账", "明细账", "日记账", "年度财务会计报告", "月度、季度、半年度财务会计报告"} <= kinds
	for preset in presets:
		assert preset["enabled"] == 0 and preset["is_preset"] == 1 and preset["category"] == "KU"
		assert preset["source_kind"] == "Report Output" and preset["report_period"] in periods.PERIODS
		assert preset["retention_period"] == capture_rules.ACCOUNTING_RETENTION[preset["record_kind"]]
		periods.parse_filters(preset["report_filters"])
		for key in ("title_template", "doc_number_template", "responsible_party_template"):
			assert set(capture_rules.template_fields(preset.get(key))) <= set(periods.PLACEHOLDERS)
		# the title carries its kind, so the Retention Rules of 《会计档案管理办法》 agree with the rule
		keywords = preset["record_kind"].replace("、", "财务会计报告、").split("、")
		assert any(k in preset["title_template"] for k in keywords), preset["rule_name"]


def test_ledger_presets_set_the_general_ledgers_own_filters():
	for preset in json.loads(REPORT_PRESETS.read_text(encoding="utf-8")):
		if preset["report"] != "General Ledger":
			continue
		filters = json.loads(preset["report_filters"])
		assert set(filters) <= GENERAL_LEDGER_FILTERS and filters["group_by"] in GROUP_BY
		assert preset["report_period"] == periods.ANNUAL and preset["retention_period"] == "D30"
		# per account: the GL's account filter is a list (MultiSelectList); a leaf account cannot be
		# filtered while grouped by account (ERPNext refuses it)
		assert preset["split_filter"] == "account" and preset["split_doctype"] == "Account"
		assert filters["account"] == ["{split_value}"] and filters["group_by"] != "Group by Account"
		conditions = periods.parse_split_conditions(preset["split_conditions"])
		assert conditions["is_group"] == 0 and conditions["company"] == "{company}"
		assert "{split_value}" in preset["title_template"]
		if preset["record_kind"] == "日记账":  # the cash and bank journals
			assert conditions["account_type"] == ["in", ["Cash", "Bank"]]


# The financial statements' filters (ERPNext, erpnext/public/js/financial_statements.js).
STATEMENT_FILTERS = {
	"company",
	"filter_based_on",
	"period_start_date",
	"period_end_date",
	"from_fiscal_year",
	"to_fiscal_year",
	"periodicity",
}
PERIODICITY = {
	periods.MONTHLY: "Monthly",
	periods.QUARTERLY: "Quarterly",
	periods.HALF_YEARLY: "Half-Yearly",
	periods.ANNUAL: "Yearly",
}


def test_statement_presets_set_the_statements_own_filters_for_their_period():
	for preset in json.loads(REPORT_PRESETS.read_text(encoding="utf-8")):
		if preset["report"] not in ("Balance Sheet", "Profit and Loss Statement"):
			continue
		filters = json.loads(preset["report_filters"])
		assert set(filters) <= STATEMENT_FILTERS and filters["filter_based_on"] == "Date Range"
		assert filters["periodicity"] == PERIODICITY[preset["report_period"]]
		assert preset["retention_period"] == ("Y" if preset["report_period"] == periods.ANNUAL else "D10")


def test_half_yearly_statements_are_shipped_for_both_statements():
	half = [
		p
		for p in json.loads(REPORT_PRESETS.read_text(encoding="utf-8"))
		if p["report_period"] == periods.HALF_YEARLY
	]
	assert {p["report"] for p in half} == {"Balance Sheet", "Profit and Loss Statement"}
	for preset in half:
		assert (
			preset["record_kind"] == "月度、季度、半年度财务会计报告" and preset["retention_period"] == "D10"
		)
		assert "半年度财务会计报告" in preset["title_template"] and preset["enabled"] == 0


def test_a_split_output_is_known_by_report_dates_and_value():
	start, end = date(2024, 1, 1), date(2024, 12, 31)
	name = periods.source_name("General Ledger", start, end, "1001 - 库存现金 - 示例")
	assert name == "General Ledger/2024-01-01–2024-12-31/1001 - 库存现金 - 示例"
	# a value too long for an item's source name: cut, and told apart from another with the same start
	long_a, long_b = "长" * 120 + "甲", "长" * 120 + "乙"
	names = {periods.source_name("General Ledger", start, end, v) for v in (long_a, long_b)}
	assert len(names) == 2 and all(len(n) <= periods.NAME_LENGTH for n in names)
	assert periods.source_name("General Ledger", start, end, long_a) in names  # the same name each time


def test_a_values_filters_set_the_split_filter_as_the_template_gives_it():
	values = {
		**periods.period_values(periods.ANNUAL, date(2024, 1, 1), date(2024, 12, 31)),
		"company": "示例",
	}
	as_list = periods.parse_filters('{"company": "{company}", "account": ["{split_value}"]}')
	assert periods.split_filters(as_list, "account", "1001", values) == {
		"company": "示例",
		"account": ["1001"],
	}
	# a template that does not give the split filter: the value itself
	plain = periods.parse_filters('{"company": "{company}"}')
	assert periods.split_filters(plain, "party", "华东", values) == {"company": "示例", "party": "华东"}


@pytest.mark.parametrize(
	"filters, split_filter",
	[
		({"account": ["1001"]}, "account"),  # the split filter fixed: every output the same
		({"account": ["{split_value}"]}, None),  # {split_value} on a rule that does not split
	],
)
def test_a_split_filter_the_template_gets_wrong_is_refused(filters, split_filter):
	with pytest.raises(periods.FilterTemplateError):
		periods.check_split_filter(filters, split_filter)


def test_split_conditions_may_name_the_period_not_the_value():
	assert periods.parse_split_conditions('{"is_group": 0, "company": "{company}"}') == {
		"is_group": 0,
		"company": "{company}",
	}
	for bad in ('{"name": "{split_value}"}', "[1]", "{x"):
		with pytest.raises(periods.FilterTemplateError):
			periods.parse_split_conditions(bad)
