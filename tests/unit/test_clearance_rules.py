import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules.clearance import (
	PUBLIC,
	STAFF,
	TOP,
	default_clearance,
	is_audited,
	may_see,
	raises,
	visible_levels,
)
from archive_mgmt.rules.description import SECRECY_LEVELS, highest_secrecy, secrecy_rank

TOPS = {"Archive Manager", "Principal"}
STAFF_ROLES = {"Archive Manager", "Principal", "Departmental Archivist", "Archive Reader"}
levels = st.sampled_from(SECRECY_LEVELS)


def test_each_clearance_sees_its_level_and_below():
	assert visible_levels("公开") == ("公开",)
	assert visible_levels("内部") == ("公开", "内部")
	assert visible_levels("秘密") == ("公开", "内部", "秘密")
	assert visible_levels("绝密") == SECRECY_LEVELS


def test_an_unknown_clearance_sees_only_public():
	assert visible_levels("") == ("公开",)
	assert visible_levels("Top Secret") == ("公开",)


@given(levels, levels)
def test_may_see_is_a_rank_comparison(clearance, level):
	assert may_see(clearance, level) == (secrecy_rank(level) <= secrecy_rank(clearance))


@pytest.mark.parametrize("level", [None, "", "unknown"])
def test_a_record_of_unknown_level_is_seen_only_with_top_clearance(level):
	assert may_see(TOP, level)
	assert not may_see("机密", level)
	assert not may_see(PUBLIC, level)


def test_archive_manager_and_principal_default_to_top_secret():
	assert default_clearance({"Archive Manager"}, True, TOPS, STAFF_ROLES) == TOP
	assert default_clearance({"Principal", "Archive Reader"}, False, TOPS, STAFF_ROLES) == TOP


def test_staff_and_desk_users_default_to_internal():
	assert default_clearance({"Departmental Archivist"}, False, TOPS, STAFF_ROLES) == STAFF
	assert default_clearance(set(), True, TOPS, STAFF_ROLES) == STAFF


def test_anyone_else_defaults_to_public():
	assert default_clearance({"Customer"}, False, TOPS, STAFF_ROLES) == PUBLIC
	assert default_clearance(set(), False, TOPS, STAFF_ROLES) == PUBLIC


@given(levels, levels)
def test_raises_only_when_the_rank_goes_up(old, new):
	assert raises(old, new) == (SECRECY_LEVELS.index(new) > SECRECY_LEVELS.index(old))


def test_highest_level_of_a_set():
	assert highest_secrecy(["内部", "机密", "秘密"]) == "机密"
	assert highest_secrecy([None, "", "不明"], default="内部") == "内部"


def test_secret_and_above_are_audited():
	assert [is_audited(level) for level in SECRECY_LEVELS] == [False, False, True, True, True]
	assert not is_audited(None)
