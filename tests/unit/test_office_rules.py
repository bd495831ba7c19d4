from datetime import date

import pytest

from archive_mgmt.rules.office import (
	BEFORE,
	DUE,
	OVERDUE,
	NumberPatternError,
	deadline_stage,
	format_number,
	number_group,
	urgency_rank,
)


def test_numbers_follow_the_pattern():
	assert format_number("收〔{year}〕{number:04}", 2026, 12) == "收〔2026〕0012"
	assert format_number("{agency}发〔{year}〕{number}号", 2026, 12, "某办") == "某办发〔2026〕12号"


def test_the_group_is_the_year_and_agency():
	assert number_group("收〔{year}〕{number:04}", 2026) == "收〔2026〕#"
	assert number_group("{agency}发〔{year}〕{number}号", 2027, "某办") == "某办发〔2027〕#号"


@pytest.mark.parametrize("pattern", ["收〔{year}〕", "{number}{foo}", ""])
def test_unusable_patterns_are_refused(pattern):
	with pytest.raises(NumberPatternError):
		format_number(pattern, 2026, 1)


def test_urgent_documents_rank_first():
	assert urgency_rank("特急") > urgency_rank("加急") > urgency_rank("平件") == urgency_rank(None)


def test_deadline_stages():
	today = date(2026, 3, 10)
	assert deadline_stage(date(2026, 3, 20), today, 2) is None
	assert deadline_stage(date(2026, 3, 12), today, 2) == BEFORE
	assert deadline_stage(today, today, 2) == DUE
	assert deadline_stage(date(2026, 3, 9), today, 2) == OVERDUE
	assert deadline_stage(None, today, 2) is None
