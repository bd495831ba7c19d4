"""Filing deadlines: reminders to departmental archivists, and the Overdue Drafts report."""

import frappe

from archive_mgmt.filing.deadlines import remind_due_drafts
from archive_mgmt.filing.report.overdue_drafts import overdue_drafts
from tests.integration.factories import as_user, make_item


def test_overdue_drafts_report_lists_each_units_late_drafts(world):
	with as_user(world.clerk):
		late = make_item(world, title="会议记录", doc_date="2024-03-01")
		contract = make_item(world, title="采购合同", doc_date="2024-03-01")
	_columns, data, _msg, chart = overdue_drafts.execute({"fonds": world.fonds, "as_of": "2024-03-26"})
	by_item = {r["archive_item"]: r for r in data}
	assert by_item[late.name]["days_overdue"] == 1
	assert str(by_item[late.name]["due_date"]) == "2024-03-25"
	assert by_item[contract.name]["days_overdue"] == 25  # contracts: immediately
	assert chart["data"]["labels"] == [world.unit]


def test_archivists_are_reminded_in_chinese(world):
	frappe.db.set_value("User", world.clerk, "language", "zh")
	with as_user(world.clerk):
		make_item(world, title="会议记录", doc_date="2024-03-01")
	remind_due_drafts()
	logs = frappe.get_all("Notification Log", filters={"for_user": world.clerk}, pluck="subject")
	assert len(logs) == 1 and world.unit in logs[0] and "归档" in logs[0]
	assert not frappe.get_all("Notification Log", filters={"for_user": world.other_clerk})
