"""The three catalogue exports from the buttons archivists look for: 归档文件目录 on the Archive Item list and
the Fonds form, 案卷目录 on the Dossier list and form, 卷内目录 on the Dossier form. Each button's download is
fetched as the logged-in user and read as the workbook it is."""

import io

import openpyxl
from playwright.sync_api import expect

from tests.e2e import seed


def capture_downloads(user) -> None:
	"""The buttons open the download in a new tab; keep the address instead, to fetch it as this user."""
	user.js("() => { window.__opened = []; window.open = (url) => { window.__opened.push(url); }; }")


def fetched_sheet(user) -> list[tuple]:
	user.page.wait_for_function("() => window.__opened && window.__opened.length")
	url = user.js("() => window.__opened.pop()")
	response = user.context.request.get(url)
	assert response.ok, (url, response.status, response.text()[:300])
	assert "spreadsheetml" in response.headers["content-type"] or response.body()[:2] == b"PK"
	book = openpyxl.load_workbook(io.BytesIO(response.body()))
	return [tuple(r) for r in book.active.iter_rows(values_only=True)]


def press(user, group: str, label: str) -> None:
	"""A button in a group of the page head (导出目录 ▾ → label)."""
	user.page.locator(".page-head .inner-group-button:visible button", has_text=group).first.click()
	user.page.locator(".page-head .inner-group-button .dropdown-menu a:visible", has_text=label).first.click()


def dialog_submit(user) -> None:
	user.page.locator(".modal.show .btn-primary").first.click()
	expect(user.page.locator(".modal.show")).to_have_count(0)


def test_manager_exports_the_filing_catalogue_from_the_item_list_and_the_fonds(desk, people, shot):
	tag, year = seed.token(), seed.free_year()
	items = [seed.filed_item(f"{tag}目录文件{n}", year=year, retention_period="Y") for n in (1, 2)]

	manager = desk(people.manager)
	manager.go(f"archive-item?fonds={people.fonds}")
	manager.page.wait_for_function(
		"() => window.cur_list && cur_list.filter_area && cur_list.filter_area.get().some((f) => f[1] === 'fonds')"
	)
	capture_downloads(manager)
	press(manager, "导出目录", "归档文件目录")
	dialog = manager.page.locator(".modal.show")
	expect(dialog.locator(".modal-title")).to_have_text("导出归档文件目录")
	manager.page.wait_for_function("f => cur_dialog && cur_dialog.get_value('fonds') === f", arg=people.fonds)
	manager.type_into(dialog.locator('[data-fieldname="year"] input'), year)
	manager.type_into(dialog.locator('[data-fieldname="retention_period"] input'), "Y", link=True)
	manager.page.wait_for_function("() => cur_dialog.get_value('retention_period') === 'Y'")
	shot(manager, "test_filing_catalogue_dialog")
	dialog_submit(manager)
	sheet = fetched_sheet(manager)
	assert sheet[0][0] == "归档文件目录" and sheet[2][:4] == ("年度", year, "保管期限", "永久")
	codes = [seed.fresh("Archive Item", i.name).reference_code for i in items]
	assert [r[1] for r in sheet[5:]] == codes
	assert [r[4] for r in sheet[5:]] == [f"{tag}目录文件1", f"{tag}目录文件2"]

	manager.open_form("Fonds", people.fonds)
	capture_downloads(manager)
	press(manager, "导出目录", "归档文件目录")
	manager.page.wait_for_function("f => cur_dialog && cur_dialog.get_value('fonds') === f", arg=people.fonds)
	dialog = manager.page.locator(".modal.show")
	manager.type_into(dialog.locator('[data-fieldname="year"] input'), year)
	manager.type_into(dialog.locator('[data-fieldname="retention_period"] input'), "Y", link=True)
	manager.page.wait_for_function("() => cur_dialog.get_value('retention_period') === 'Y'")
	dialog_submit(manager)
	assert [r[1] for r in fetched_sheet(manager)[5:]] == codes


def test_manager_exports_contents_list_and_dossier_catalogue(desk, people, shot):
	tag = seed.token()
	items = [seed.filed_item(f"{tag}卷内文件{n}", pages=n + 1).name for n in (1, 2)]
	dossier = seed.dossier(f"{tag}导出卷", items)

	manager = desk(people.manager)
	manager.open_form("Dossier", dossier)
	capture_downloads(manager)
	press(manager, "导出目录", "卷内目录")
	sheet = fetched_sheet(manager)
	assert sheet[0][0] == "卷内目录"
	assert [r[3] for r in sheet[3:]] == [f"{tag}卷内文件1", f"{tag}卷内文件2"]
	assert [r[5] for r in sheet[3:]] == ["1-2", "3-5"]

	press(manager, "导出目录", "案卷目录")
	manager.page.wait_for_function("() => cur_dialog && cur_dialog.get_value('year') === 2024")
	dialog_submit(manager)
	sheet = fetched_sheet(manager)
	assert sheet[0][0] == "案卷目录"
	code = seed.fresh("Dossier", dossier).reference_code
	assert (code, f"{tag}导出卷") in [r[1:3] for r in sheet[3:]]

	manager.go("dossier")
	capture_downloads(manager)
	press(manager, "导出目录", "案卷目录")
	dialog = manager.page.locator(".modal.show")
	expect(dialog.locator(".modal-title")).to_have_text("导出案卷目录")
	manager.type_into(dialog.locator('[data-fieldname="fonds"] input'), people.fonds, link=True)
	shot(manager, "test_dossier_catalogue_dialog")
	dialog_submit(manager)
	assert code in [r[1] for r in fetched_sheet(manager)[3:]]
