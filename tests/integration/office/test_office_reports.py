"""督办台账 (overdue first) and 办理时效 (by unit and month) read what the documents record."""

import frappe
import pytest

from archive_mgmt.office.deadlines import chase_deadlines
from tests.integration.factories import as_user
from tests.integration.office_factories import (
	INCOMING,
	conclude,
	make_office,
	register,
	to_handling,
)


@pytest.fixture
def office():
	return make_office()


def run_report(name, filters=None):
	from frappe.desk.query_report import run

	return run(name, filters=filters or {}, ignore_prepared_report=True)["result"]


def test_supervision_ledger_puts_the_most_overdue_first(office):
	late = to_handling(office, register(office, deadline="2026-03-05", title="早已逾期"))
	later = to_handling(office, register(office, deadline="2026-03-15", title="刚逾期"))
	supervised = to_handling(office, register(office, deadline="2099-12-31", title="督办未到期"))
	with as_user(office.director):
		d = frappe.get_doc(INCOMING, supervised.name)
		d.update({"is_supervised": 1, "supervision_matter": "重点督办"})
		d.append("supervision_rounds", {"requirement": "第一次反馈", "due_date": "2099-01-01"})
		d.save()
	chase_deadlines(on="2026-03-20")
	rows = [r for r in run_report("Supervision Ledger", {"handling_unit": office.unit})]
	names = [r["name"] for r in rows]
	assert names.index(late.name) < names.index(later.name) < names.index(supervised.name)
	row = next(r for r in rows if r["name"] == supervised.name)
	assert row["rounds"] == 1 and row["rounds_open"] == 1


def test_handling_timeliness_by_unit_and_month(office):
	on_time = to_handling(office, register(office, receipt_date="2026-03-02", deadline="2099-12-31"))
	conclude(office, on_time)
	late = to_handling(office, register(office, receipt_date="2026-03-03", deadline="2026-03-04"))
	conclude(office, late)
	open_late = to_handling(office, register(office, receipt_date="2026-03-05", deadline="2026-03-06"))
	assert open_late
	rows = run_report("Handling Timeliness", {"handling_unit": office.unit})
	row = next(r for r in rows if r["month"] == "2026-03")
	assert (row["received"], row["concluded"], row["on_time"], row["overdue"]) == (3, 2, 1, 2)
	assert row["on_time_rate"] == 50.0


@pytest.mark.parametrize(
	"report",
	["Incoming Document Register", "Outgoing Document Register", "Supervision Ledger", "Handling Timeliness"],
)
def test_every_report_opens_for_the_office_roles(office, report):
	for user in (office.clerk, office.director, office.leader):
		with as_user(user):
			assert isinstance(run_report(report), list)
