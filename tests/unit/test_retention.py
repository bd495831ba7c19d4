from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules import retention as r


def test_codes_and_their_chinese_names():
	assert r.years_of("Y") is None
	assert r.years_of("D30") == 30
	assert r.label_of("Y") == "永久"
	assert r.label_of("D10") == "10年"
	assert r.code_for_years(3) == "D3"
	assert r.code_for_years(None) == "Y"


@pytest.mark.parametrize("bad", ["", None, "D", "D0", "d30", "30", "Y1", "D1000", "永久"])
def test_bad_codes_are_refused(bad):
	with pytest.raises(r.RetentionCodeError):
		r.years_of(bad)
	assert not r.is_valid(bad)


def test_longest_treats_permanent_as_longest():
	assert r.longest(["D10", "Y", "D30"]) == "Y"
	assert r.longest(["D10", "D3", "D30"]) == "D30"
	assert r.longest([]) is None
	assert r.is_shorter("D10", "D30") and not r.is_shorter("Y", "D30")


def test_expiry_counts_from_first_january_after_the_year():
	assert r.expiry_date(2011, "D10") == date(2022, 1, 1)
	assert r.expiry_date(2011, "Y") is None


def test_expiry_can_count_from_the_document_date():
	assert r.expiry_date(2020, "D3", r.COUNT_FROM_DOCUMENT_DATE, date(2020, 2, 29)) == date(2023, 2, 28)
	assert r.expiry_date(2020, "D3", r.COUNT_FROM_DOCUMENT_DATE, date(2020, 5, 4)) == date(2023, 5, 4)


@given(st.integers(1950, 2100), st.integers(1, 100))
def test_expiry_is_exactly_the_period_after_the_start(year, years):
	expiry = r.expiry_date(year, f"D{years}")
	assert expiry == date(year + 1 + years, 1, 1)
	assert r.kept_years(year, expiry) == years


def test_kept_years():
	assert r.kept_years(2011, date(2021, 12, 31)) == 9
	assert r.kept_years(2011, date(2022, 1, 1)) == 10
	assert r.kept_years(2030, date(2025, 1, 1)) == 0


RULES = [
	r.RuleCandidate("R1", "WS", "D30"),
	r.RuleCandidate("R2", "WS", "Y", r.split_keywords("合同，规章制度、任免")),
	r.RuleCandidate("R3", "WS", "D3", r.split_keywords("考勤;钥匙登记")),
	r.RuleCandidate("R4", "XZ", "D10"),
]


def test_rule_matching_prefers_keywords_then_the_longest():
	assert r.match_rule(RULES, ["WS"], "2024年采购合同").name == "R2"
	assert r.match_rule(RULES, ["WS"], "员工考勤表").name == "R3"
	assert r.match_rule(RULES, ["WS"], "合同与考勤").name == "R2"
	assert r.match_rule(RULES, ["WS"], "工作总结").name == "R1"


def test_rule_matching_uses_the_nearest_category_with_rules():
	assert r.match_rule(RULES, ["XZ", "WS"], "采购合同").name == "R4"
	assert r.match_rule(RULES, ["AB", "WS"], "采购合同").name == "R2"
	assert r.match_rule(RULES, ["KJ"], "图纸") is None
