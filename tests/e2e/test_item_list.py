"""The Archive Item list reads as the 归档文件目录: in 档号 order, 档号 and 题名 in full, and on a phone the
first screen shows items, not a wall of filters."""

from playwright.sync_api import expect

from tests.e2e import seed

# Every cell of a row that clips its text: wider content than box, as Frappe's one-line ellipsis does.
CLIPPED = """() => [...document.querySelectorAll('.list-row-container .list-row .ellipsis')]
	.filter((el) => el.offsetParent && el.scrollWidth > el.clientWidth + 1)
	.map((el) => el.textContent.trim())"""


def open_list(user) -> None:
	user.go("archive-item")
	user.page.wait_for_function("() => window.cur_list && cur_list.doctype === 'Archive Item'")
	expect(user.page.locator(".list-row-container:visible").first).to_be_visible()


def test_the_item_list_reads_as_the_filing_catalogue(desk, people, shot):
	tag = seed.token()
	title = f"{tag}关于印发《档案工作规范化管理实施细则（二〇二四年修订版）》及配套表格的通知"
	item = seed.filed_item(title)

	manager = desk(people.manager)
	open_list(manager)
	manager.js(
		"() => cur_list.filter_area.clear().then(() => cur_list.filter_area.add('Archive Item', 'status', '=', 'Filed'))"
	)
	manager.page.wait_for_function(
		"() => cur_list.data.length >= 2 && cur_list.data.every((d) => d.status === 'Filed')"
	)
	assert manager.js("() => [cur_list.sort_by, cur_list.sort_order.toLowerCase()]") == [
		"reference_code",
		"asc",
	]
	codes = manager.js("() => cur_list.data.map((d) => d.reference_code)")
	assert all(codes) and codes == sorted(codes)
	shown = manager.page.locator('.list-row-container:visible [data-filter^="reference_code,"]')
	expect(shown.first).to_have_text(codes[0])

	manager.js(
		f"() => cur_list.filter_area.clear().then(() => cur_list.filter_area.add('Archive Item', 'name', '=', '{item.name}'))"
	)
	manager.page.wait_for_function(
		f"() => cur_list.data.length === 1 && cur_list.data[0].name === '{item.name}'"
	)
	row = manager.page.locator(".list-row-container:visible").first
	expect(row).to_contain_text(title)
	expect(row).to_contain_text(item.reference_code)
	assert manager.js(CLIPPED) == []
	manager.check_words("the item list")
	shot(manager)


def test_on_a_phone_the_first_screen_shows_items(desk, people, shot):
	seed.filed_item(f"{seed.token()}手机查看文件")
	manager = desk(people.manager)
	manager.page.set_viewport_size({"width": 390, "height": 844})
	open_list(manager)
	manager.js("() => cur_list.filter_area.clear()")  # the list keeps the last test's filter
	expect(manager.page.locator(".list-row-container:visible").nth(1)).to_be_visible()
	shown = manager.js(
		"() => [...document.querySelectorAll('.standard-filter-section .frappe-control')]"
		".filter((el) => el.offsetParent).map((el) => el.dataset.fieldname)"
	)
	# Frappe's own two (ID, 题名) and four of ours; 全宗, 机构, 密级 and 载体 wait under 筛选
	assert sorted(shown) == sorted(["name", "title", "category", "year", "retention_period", "status"])
	first = manager.page.locator(".list-row-container:visible").first.bounding_box()
	assert first and first["y"] + first["height"] <= 844
	shot(manager)
