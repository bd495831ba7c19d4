"""档案检索: the archive manager searches in Chinese, sees the dossier of a found item, narrows by a facet and
within the results, opens an item, and adds the found items to a new loan request; the items found in the
search snapshot."""

from playwright.sync_api import expect

from tests.e2e import seed


def test_manager_searches_narrows_opens_and_adds_to_a_loan_request(desk, people, shot):
	tag = seed.token()
	notice = seed.filed_item(f"{tag}关于安全生产检查的通知", year=2023)
	minutes = seed.filed_item(f"{tag}安全生产会议纪要", year=2024)
	seed.filed_item(f"{tag}财务预算报告", year=2024)
	dossier = seed.dossier("年度会议案卷", [minutes.name])
	seed.search_snapshot()  # the items are found in the snapshot, not among the changes since

	manager = desk(people.manager)
	manager.go("archive-search")
	box = manager.page.locator(".archive-search-box")
	box.fill(f"{tag} 安全")
	box.press("Enter")
	results = manager.page.locator(".archive-search-result")

	def back_to_the_first_search():
		manager.page.go_back()
		manager.wait_ready()
		box = manager.page.locator(".archive-search-box")
		box.fill(f"{tag} 安全")
		box.press("Enter")
		expect(results).to_have_count(2)
		return box

	expect(results).to_have_count(2)
	expect(manager.page.locator(".archive-search-summary")).to_contain_text("共 2 条结果")
	expect(results.first.locator("mark").first).to_contain_text(tag)
	manager.check_words("search results")

	# the dossier holding a found item, listed above the items
	found = manager.page.locator(".archive-search-dossier")
	expect(found).to_have_count(1)
	expect(found).to_contain_text("年度会议案卷")
	expect(found).to_contain_text("卷内1件命中")
	expect(manager.page.locator(".archive-search-dossiers")).to_contain_text("案卷（1）")
	found.locator(".archive-search-open-dossier").click()
	manager.wait_form("Dossier", dossier)
	box = back_to_the_first_search()

	# a facet: the year 2024 (with its count)
	year = manager.page.locator('.archive-search-facet-value[data-field="year"][data-value="2024"]')
	expect(year).to_contain_text("1")
	year.click()
	expect(results).to_have_count(1)
	expect(results.first).to_contain_text("会议纪要")
	manager.page.locator(".archive-search-filter").click()  # the facet taken off again
	expect(results).to_have_count(2)

	# search within the results
	box.fill("通知")
	manager.page.locator(".archive-search-within").click()
	expect(results).to_have_count(1)
	expect(results.first).to_contain_text("检查的通知")
	expect(manager.page.locator(".archive-search-chips")).to_contain_text("在结果中")

	# open the item
	results.first.locator(".archive-search-open").click()
	manager.wait_form("Archive Item", notice.name)

	# the two items of the first search into a new loan request
	back_to_the_first_search()
	for item in (notice, minutes):
		manager.page.locator(f'.archive-search-check[data-name="{item.name}"]').check()
	manager.page.locator(".page-actions .actions-btn-group:visible button").first.click()
	manager.page.locator(".actions-btn-group .dropdown-menu a", has_text="添加到借阅申请").click()
	manager.page.locator(".modal.show .btn-primary").click()
	manager.page.wait_for_function(
		"() => window.cur_frm && cur_frm.doctype === 'Loan Request' && cur_frm.is_new()"
		" && cur_frm.doc.items.filter((r) => r.archive_item).length === 2"
	)
	items = manager.page.evaluate("() => cur_frm.doc.items.map((r) => r.archive_item).sort()")
	assert items == sorted([notice.name, minutes.name])
	shot(manager)
