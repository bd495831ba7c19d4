"""Flow 3: the archive manager builds a destruction batch from the due list (到期档案鉴定清单), the
appraisal group decides for all rows at once, the office director, the leader in charge and the principal
approve with the workflow buttons, and the archive manager records the execution and carries it out. One
item is 秘密: the appraisers and approvers, at their default clearance (内部), still see and decide it,
because it reaches their step."""

from playwright.sync_api import expect

from tests.e2e import seed


def test_destruction_batch_from_due_list_to_execution(desk, people, shot):
	tag = seed.token()
	year = seed.free_year()
	items = [
		seed.expired_item(f"{tag}到期报表1", year),
		seed.expired_item(f"{tag}到期报表2", year, secrecy_level="秘密"),
	]
	names = sorted(i.name for i in items)

	manager = desk(people.manager)
	manager.new_form("Destruction Batch")
	manager.fill("fonds", people.fonds, link=True)
	manager.fill("batch_title", f"{tag}{year}年到期档案销毁")
	for n, member in enumerate((people.manager, people.appraiser, people.appraiser2), start=1):
		row = manager.add_row("appraisal_members")
		assert row == n
		manager.fill_row("appraisal_members", row, "user", member, link=True)
	batch = manager.save()

	# From the batch to the due list, filtered to this year; the list's button adds into this batch.
	manager.page.get_by_role("button", name="添加到期档案").click()
	manager.page.wait_for_function(
		"() => frappe.query_report && frappe.query_report.report_name === 'Due for Appraisal'"
		" && frappe.query_report.get_filter_value('fonds') === 'E2EA'"
	)
	year_box = manager.page.locator('.page-form .frappe-control[data-fieldname="year"] input')
	year_box.fill(str(year))
	year_box.press("Tab")
	manager.page.wait_for_function(
		"n => frappe.query_report.data && frappe.query_report.data.length === n"
		" && frappe.query_report.get_filter_value('year') == " + str(year),
		arg=len(items),
	)
	expect(manager.page.locator(".report-wrapper")).to_contain_text(items[0].title)
	manager.page.get_by_role("button", name="加入销毁批次").click()
	dialog = manager.page.locator(".modal.show")
	expect(dialog.locator('[data-fieldname="batch"] input')).to_have_value(batch)
	dialog.locator(".btn-primary").click()
	message = manager.page.locator(".modal.show .msgprint")
	expect(message).to_contain_text(f"已将 2 件加入 {batch}")
	message.locator(f'a[href*="{batch}"]').click()
	manager.page.wait_for_function(
		"n => frappe.get_route()[0] === 'Form' && cur_frm.doc.name === n && cur_frm.doc.items.length === 2",
		arg=batch,
	)
	assert sorted(r["archive_item"] for r in manager.doc()["items"]) == names
	manager.action("开始鉴定")
	manager.expect_indicator("鉴定")

	appraiser = desk(people.appraiser)
	appraiser.open_form("Destruction Batch", batch)
	expect(appraiser.control("items")).to_contain_text(items[1].title)  # the 秘密 item, shown to the group
	appraiser.page.get_by_role("button", name="批量设置鉴定意见").click()
	dialog = appraiser.page.locator(".modal.show")
	expect(dialog.locator(".modal-title")).to_have_text("为全部 2 行设置鉴定意见")
	dialog.locator('select[data-fieldname="decision"]').select_option("Destroy")
	appraiser.check_words("decision dialog")
	dialog.get_by_role("button", name="设置").click()
	appraiser.page.wait_for_function(
		"() => cur_frm.doc.items.every(r => r.decision === 'Destroy') && cur_frm.is_dirty()"
	)
	appraiser.save()
	# The timeline names the changed column in Chinese, and an empty old value prints as empty, not "null".
	timeline = appraiser.page.locator(".new-timeline")
	expect(timeline).to_contain_text("鉴定意见")
	assert "Decision" not in timeline.inner_text() and "null" not in timeline.inner_text()
	appraiser.action("提交鉴定意见")
	appraiser.expect_indicator("待办公室主任审核")

	for person in (people.director, people.leader, people.principal):
		approver = desk(person)
		approver.open_form("Destruction Batch", batch)
		expect(approver.control("items")).to_contain_text(items[1].title)
		approver.check_words("destruction batch")
		approver.action("批准")
	approver.expect_indicator("已批准")

	manager.open_form("Destruction Batch", batch)
	manager.fill_datetime("destruction_date", f"{seed.in_days(0)} 10:00:00")
	manager.fill("destruction_place", "档案室销毁间")
	manager.select("destruction_method", "粉碎")
	for n, witness in enumerate(people.witnesses, start=1):
		row = manager.add_row("supervisors")
		assert row == n
		manager.fill_row("supervisors", row, "user", witness, link=True)
	manager.save()
	manager.action("销毁")
	manager.expect_indicator("已销毁")

	for name in names:
		item = seed.fresh("Archive Item", name)
		assert (item.status, item.destruction_batch) == ("Destroyed", batch)
	done = seed.fresh("Destruction Batch", batch)
	assert (done.destroyed_count, done.executed_by) == (2, people.manager)
	assert [done.office_director_approver, done.leader_approver, done.principal_approver] == [
		people.director,
		people.leader,
		people.principal,
	]
	expect(manager.control("destroyed_count")).to_contain_text("2")
	shot(manager)
