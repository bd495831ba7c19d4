from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules import loans as r
from archive_mgmt.rules.description import SECRECY_LEVELS, highest_secrecy


@pytest.mark.parametrize(
	"levels,expected",
	[
		([], False),
		(["公开", "内部"], False),
		(["公开", "秘密"], True),
		(["机密"], True),
		(["绝密", "内部"], True),
		([None, ""], False),
	],
)
def test_secret_and_above_needs_the_secrecy_approver(levels, expected):
	assert r.needs_secrecy_approval(levels) is expected


@given(st.lists(st.sampled_from(SECRECY_LEVELS)))
def test_secrecy_step_iff_the_highest_level_is_secret(levels):
	top = highest_secrecy(levels)
	assert r.needs_secrecy_approval(levels) == (top in ("秘密", "机密", "绝密"))


def test_reading_room_keeps_items_in_the_room():
	assert not r.takes_items_out("阅览")
	assert all(r.takes_items_out(m) for m in ("借出", "复制", "摘录"))


def test_overdue_only_after_the_due_date_and_while_items_are_out():
	due = date(2025, 3, 1)
	assert not r.is_overdue(due, date(2025, 3, 1), all_returned=False)
	assert r.is_overdue(due, date(2025, 3, 2), all_returned=False)
	assert not r.is_overdue(due, date(2025, 3, 2), all_returned=True)
	assert not r.is_overdue(None, date(2025, 3, 2), all_returned=False)
	assert r.days_overdue(due, date(2025, 3, 11)) == 10
	assert r.days_overdue(due, date(2025, 2, 11)) == 0


def test_only_issued_unreturned_items_can_be_returned():
	assert r.not_returnable(["a", "b", "c"], issued=["a", "b"], returned=["b"]) == ["b", "c"]
	assert r.not_returnable(["a"], issued=["a"], returned=[]) == []


def test_due_date_before_start_is_refused():
	assert r.validate_period(date(2025, 3, 2), date(2025, 3, 1))
	assert r.validate_period(date(2025, 3, 1), date(2025, 3, 1)) is None
