"""Flow 1: a departmental archivist catalogues items and hands them over; the archive manager receives
the list and the items are filed with reference codes."""

import re

from playwright.sync_api import expect

from tests.e2e import seed


def test_archivist_hands_over_and_manager_files_with_reference_codes(desk, people, shot):
	tag = seed.token()
	clerk = desk(people.clerk)
	items = []
	for n in (1, 2):
		clerk.new_form("Archive Item")
		clerk.fill("fonds", people.fonds, link=True)
		clerk.fill("category", "WS", link=True)
		clerk.fill("filing_unit", people.unit, link=True)
		clerk.fill("year", 2024)
		clerk.fill("title", f"关于{tag}第{n}次办公会议记录")
		# The Retention Rule for 会议记录 (二级) sets the retention period: the clerk does not choose it.
		clerk.wait_value("retention_period", "D5")
		clerk.fill("pages", 4)
		clerk.fill("responsible_party", "办公室")
		clerk.fill_date("doc_date", "2024-03-0" + str(n))
		items.append(clerk.save())
		clerk.expect_indicator(
			"草稿"
		)  # the workflow state "Draft", in the app's Chinese (Frappe's own says 草案)
		# Before filing, the form previews the reference code the item would get.
		message = clerk.page.locator(".form-message:visible").first
		expect(message).to_contain_text("如现在归档，档号将为")
		clerk.page.wait_for_load_state("networkidle")  # every refresh's preview has answered
		assert message.inner_text().count("如现在归档") == 1

	clerk.new_form("Handover List")
	clerk.wait_value("filing_unit", people.unit)  # the clerk's only unit is the default
	for name in items:
		row = clerk.add_row("items")
		clerk.fill_row("items", row, "archive_item", name, link=True)
	handover = clerk.save()
	clerk.action("提交移交")
	clerk.expect_indicator("已提交移交")

	manager = desk(people.manager)
	manager.open_form("Handover List", handover)
	manager.page.get_by_role("button", name="全部核对无误").click()
	manager.page.wait_for_function(
		"() => !cur_frm.is_dirty() && !frappe.dom.freeze_count"
		" && cur_frm.doc.items.every((r) => r.present && r.page_count_ok && r.condition)"
	)
	manager.action("接收移交")
	manager.expect_indicator("已接收")

	codes = manager.js("() => cur_frm.doc.items.map((r) => r.reference_code)")
	assert all(re.fullmatch(rf"{people.fonds}-WS·2024-D5-{people.unit}-\d{{4}}", c or "") for c in codes), (
		codes
	)
	for name, code in zip(items, codes, strict=True):
		item = seed.fresh("Archive Item", name)
		assert (item.status, item.reference_code) == ("Filed", code)
	manager.open_form("Archive Item", items[0])
	manager.expect_indicator("已归档")
	expect(manager.control("reference_code")).to_contain_text(codes[0])
	shot(manager)
