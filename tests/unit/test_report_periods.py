"""Report-output capture's pure parts: the period a date falls in, its placeholders and the filled filters."""

from datetime import date

import pytest

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
