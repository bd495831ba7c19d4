"""Flow 5: the archive manager previews a dossier's 卷内目录 (contents list) and 备考表 (note sheet)."""

from playwright.sync_api import expect

from tests.e2e import seed


def test_manager_previews_contents_list_and_note_sheet(desk, people, shot):
	tag = seed.token()
	items = [seed.item(f"{tag}卷内文件{n}", pages=n + 1).name for n in (1, 2, 3)]
	dossier = seed.dossier(f"{tag}年度工作文件", items)

	manager = desk(people.manager)
	manager.open_form("Dossier", dossier)
	manager.page.locator("body").press("Control+p")  # the form's print shortcut opens the print view
	manager.page.wait_for_url(f"**/app/print/Dossier/{dossier}*")

	chooser = manager.page.locator('.print-preview-sidebar [data-fieldname="print_format"] input')
	preview = manager.page.frame_locator("iframe.print-format-container").locator("body")

	manager.type_into(chooser, "卷内目录", link=True)
	expect(preview).to_contain_text("卷内目录")
	for n in (1, 2, 3):
		expect(preview).to_contain_text(f"{tag}卷内文件{n}")
	expect(preview).to_contain_text("6-9")  # page numbers run on: 2, 3 and 4 pages → 1-2, 3-5, 6-9
	shot(manager, "test_dossier_contents_list")

	manager.type_into(chooser, "备考表", link=True)
	expect(preview).to_contain_text("备考表")
	expect(preview).to_contain_text("本卷文件齐全，无破损。")
	expect(preview).to_contain_text("本卷共 3 件，9 页")
	shot(manager)
