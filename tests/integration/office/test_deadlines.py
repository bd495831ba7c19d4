"""催办/督办: the daily job reminds before and on the deadline and escalates after it (dates moved, not waited)."""

import frappe
import pytest

from archive_mgmt.office.deadlines import chase_deadlines
from tests.integration.factories import act, as_user
from tests.integration.office_factories import INCOMING, make_office, register, to_handling


@pytest.fixture
def office():
	return make_office()


def chased(on) -> set[str]:
	"""Every document the job chased that day, whatever the stage."""
	return {name for names in chase_deadlines(on=on).values() for name in names}


def notified(user, name) -> list[str]:
	return frappe.get_all(
		"Notification Log", filters={"for_user": user, "document_name": name}, pluck="subject"
	)


def test_reminders_before_and_on_the_deadline_then_escalation(office):
	doc = to_handling(office, register(office, deadline="2026-03-20"))
	before = set(notified(office.handler, doc.name))
	assert doc.name not in chase_deadlines(on="2026-03-10")["before"]  # ten days ahead: quiet
	assert doc.name in chase_deadlines(on="2026-03-18")["before"]
	assert any("催办" in s for s in set(notified(office.handler, doc.name)) - before)
	assert doc.name not in chased("2026-03-18")  # once a day
	assert doc.name in chase_deadlines(on="2026-03-20")["due"]
	assert not notified(office.director, doc.name) or not any(
		"督办" in s for s in notified(office.director, doc.name)
	)
	assert doc.name in chase_deadlines(on="2026-03-21")["overdue"]
	assert frappe.db.get_value(INCOMING, doc.name, ["is_overdue", "escalated_on"]) == (
		1,
		frappe.utils.getdate("2026-03-21"),
	)
	for user in (office.director, office.leader, office.handler):
		assert any("督办" in s for s in notified(user, doc.name)), user


def test_concluded_documents_are_not_chased(office):
	doc = to_handling(office, register(office, deadline="2026-03-20"))
	with as_user(office.handler):
		d = frappe.get_doc(INCOMING, doc.name)
		d.handling_result = "已办"
		d.save()
		act(d, "Conclude")
	assert doc.name not in chased("2026-03-25")


def test_an_open_supervision_round_is_chased_by_its_own_date(office):
	doc = to_handling(office, register(office, deadline="2026-04-30"))
	with as_user(office.director):
		d = frappe.get_doc(INCOMING, doc.name)
		d.update({"is_supervised": 1, "supervision_matter": "督促按期上报"})
		d.append("supervision_rounds", {"requirement": "报送进展", "due_date": "2026-03-10"})
		d.save()
	assert doc.name in chase_deadlines(on="2026-03-11")["overdue"]


def test_the_job_is_scheduled_daily():
	from archive_mgmt import hooks

	assert "archive_mgmt.office.deadlines.chase_deadlines" in hooks.scheduler_events["daily"]
