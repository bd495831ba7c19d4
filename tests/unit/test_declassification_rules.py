from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules import declassification as r
from archive_mgmt.rules.description import OPEN_STATUSES, SECRECY_LEVELS


def test_only_what_differs_is_changed():
	current = {"secrecy_level": "机密", "open_status": "控制"}
	assert r.changes_for(current, "内部", "开放") == {"secrecy_level": "内部", "open_status": "开放"}
	assert r.changes_for(current, "机密", "开放") == {"open_status": "开放"}
	assert r.changes_for(current, None, "控制") == {}
	assert r.changes_for(current, "绝密", None) == {"secrecy_level": "绝密"}


def test_a_proposal_names_a_change():
	assert r.proposal_problem(None, None)
	assert r.proposal_problem("", "")
	assert r.proposal_problem("无", None)
	assert r.proposal_problem(None, "公开")
	assert r.proposal_problem("内部", None) is None
	assert r.proposal_problem(None, "开放") is None


def test_direction():
	assert r.direction("机密", "内部") == r.LOWER
	assert r.direction("内部", "机密") == r.RAISE
	assert r.direction("机密", "机密") == r.SAME
	assert r.direction("机密", None) == r.SAME


@given(
	st.sampled_from(SECRECY_LEVELS),
	st.sampled_from(OPEN_STATUSES),
	st.one_of(st.none(), st.sampled_from(SECRECY_LEVELS)),
	st.one_of(st.none(), st.sampled_from(OPEN_STATUSES)),
)
def test_applying_the_changes_gives_the_proposal(level, status, new_level, new_status):
	current = {"secrecy_level": level, "open_status": status}
	after = {**current, **r.changes_for(current, new_level, new_status)}
	assert after["secrecy_level"] == (new_level or level)
	assert after["open_status"] == (new_status or status)
