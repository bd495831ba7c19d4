from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules import destruction as rules
from archive_mgmt.rules.status import STATUSES

TODAY = date(2026, 6, 30)


def test_an_expired_filed_unheld_item_may_be_destroyed():
	assert rules.refusals("Filed", date(2011, 1, 1), TODAY) == []


def test_the_expiry_day_itself_counts_as_expired():
	assert rules.refusals("Filed", TODAY, TODAY) == []
	assert rules.refusals("Filed", TODAY + timedelta(days=1), TODAY) == [rules.UNEXPIRED]


def test_each_reason_is_given():
	assert rules.refusals("Draft", None, TODAY) == [rules.NOT_FILED]
	assert rules.refusals("Destroyed", date(2011, 1, 1), TODAY) == [rules.ALREADY_DESTROYED]
	assert rules.refusals("Transferred", date(2011, 1, 1), TODAY) == [rules.ALREADY_TRANSFERRED]
	assert rules.refusals("On Loan", date(2011, 1, 1), TODAY) == [rules.ON_LOAN_NOW]
	assert rules.refusals("Filed", None, TODAY) == [rules.PERMANENT]
	assert rules.refusals("Filed", date(2011, 1, 1), TODAY, held=True) == [rules.HELD]
	assert rules.refusals("Filed", date(2011, 1, 1), TODAY, other_batch=True) == [rules.IN_OTHER_BATCH]
	assert rules.refusals("Filed", date(2011, 1, 1), TODAY, other_fonds=True) == [rules.OTHER_FONDS]


def test_several_reasons_are_all_given():
	assert rules.refusals("On Loan", date(2030, 1, 1), TODAY, held=True) == [
		rules.ON_LOAN_NOW,
		rules.HELD,
		rules.UNEXPIRED,
	]


@given(
	status=st.sampled_from(STATUSES),
	expiry=st.none() | st.dates(date(1990, 1, 1), date(2100, 1, 1)),
	held=st.booleans(),
	other=st.booleans(),
)
def test_no_reason_only_for_an_expired_filed_unheld_item(status, expiry, held, other):
	allowed = not rules.refusals(status, expiry, TODAY, held=held, other_batch=other)
	assert allowed == (
		status == "Filed" and expiry is not None and expiry <= TODAY and not held and not other
	)


def test_keeping_decisions_are_barred_only_by_what_makes_them_impossible():
	reasons = [rules.ON_LOAN_NOW, rules.HELD, rules.UNEXPIRED]
	assert rules.blocking(reasons, rules.KEEP_PERMANENTLY) == []
	assert rules.blocking(reasons, rules.EXTEND) == []
	assert rules.blocking(reasons, rules.DESTROY) == reasons
	assert rules.blocking(reasons, rules.TRANSFER) == reasons
	assert rules.blocking([rules.ALREADY_DESTROYED], rules.EXTEND) == [rules.ALREADY_DESTROYED]


def test_decisions():
	assert rules.decision_problems(None, "D10", None) == ["undecided"]
	assert rules.decision_problems("Destroy", "D10", None) == []
	assert rules.decision_problems("Keep Permanently", "D10", None) == []
	assert rules.decision_problems("Extend", "D10", "D30") == []
	assert rules.decision_problems("Extend", "D10", "Y") == []
	assert rules.decision_problems("Extend", "D10", None) == ["extend needs a new retention period"]
	assert rules.decision_problems("Extend", "D10", "D10") == ["extend needs a longer retention period"]
	assert rules.decision_problems("Extend", "D10", "D5") == ["extend needs a longer retention period"]
	assert rules.decision_problems("Burn", "D10", None) == ["unknown decision"]


def test_appraisal_group():
	appraisers = {"a", "b", "c", "m"}
	assert rules.group_problems(["m", "a", "b"], appraisers, {"m"}) == []
	assert rules.group_problems(["a", "b", "c"], appraisers, {"m"}) == ["no archive manager"]
	assert rules.group_problems(["m", "a"], appraisers, {"m"}) == ["fewer than three members"]
	assert rules.group_problems(["m", "a", "a"], appraisers, {"m"}) == [
		"duplicate member",
		"fewer than three members",
	]
	assert "member without the Appraisal Member role" in rules.group_problems(
		["m", "a", "x"], appraisers, {"m"}
	)


def test_supervisors_are_two_different_people():
	assert rules.enough_supervisors(["a", "b"])
	assert not rules.enough_supervisors(["a", "a"])
	assert not rules.enough_supervisors(["a", None])
