from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules.deadlines import ANNUAL, IMMEDIATE, MONTHLY, days_overdue, due_date, is_due


def test_immediate_documents_are_due_the_day_they_are_dated():
	assert due_date(IMMEDIATE, date(2024, 5, 9)) == date(2024, 5, 9)


@pytest.mark.parametrize(
	"doc_date, due",
	[
		(date(2024, 5, 1), date(2024, 5, 25)),
		(date(2024, 5, 25), date(2024, 5, 25)),
		(date(2024, 5, 26), date(2024, 6, 25)),
		(date(2024, 12, 31), date(2025, 1, 25)),
	],
)
def test_monthly_documents_are_due_on_the_25th(doc_date, due):
	assert due_date(MONTHLY, doc_date) == due


def test_annual_documents_are_due_by_31_march_next_year():
	assert due_date(ANNUAL, date(2024, 1, 1)) == date(2025, 3, 31)
	assert due_date(ANNUAL, date(2024, 12, 31)) == date(2025, 3, 31)


def test_unknown_deadline_is_refused():
	with pytest.raises(ValueError):
		due_date("Weekly", date(2024, 1, 1))


def test_overdue_and_due_soon():
	assert days_overdue(MONTHLY, date(2024, 5, 2), date(2024, 5, 27)) == 2
	assert not is_due(MONTHLY, date(2024, 5, 2), date(2024, 5, 20))
	assert is_due(MONTHLY, date(2024, 5, 2), date(2024, 5, 20), warn_days=5)


@given(
	st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
	st.sampled_from([IMMEDIATE, MONTHLY, ANNUAL]),
)
def test_due_date_is_never_before_the_document_and_within_15_months(doc_date, deadline):
	due = due_date(deadline, doc_date)
	assert doc_date <= due <= doc_date + timedelta(days=456)
