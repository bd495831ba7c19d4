"""The Archive Item list's bulk actions: the archive manager puts a selection into a dossier and prints
its 归档章 (archival stamps); the item form's connections then show the dossier."""

from playwright.sync_api import expect

from tests.e2e import seed


def test_manager_adds_selection_to_dossier_and_prints_stamps(desk, people, shot):
	tag = seed.token()
	items = [seed.filed_item(f"{tag}年度总结{n}") for n in (1, 2)]
	dossier = seed.dossier(f"{tag}年度总结卷", [])

	manager = desk(people.manager)
	manager.go(f"archive-item?title=%25{tag}%25")
	rows = manager.page.locator(".frappe-list .list-row-container")
	expect(rows).to_have_count(2)
	for item in items:
		manager.page.locator(f'.list-row-checkbox[data-name="{item.name}"]').check()
	manager.page.locator(".page-actions .actions-btn-group:visible button").first.click()
	manager.page.locator(".actions-btn-group .dropdown-menu a", has_text="添加到案卷").click()
	dialog = manager.page.locator(".modal.show")
	manager.type_into(dialog.locator('[data-fieldname="name"] input'), dossier, link=True)
	dialog.locator(".btn-primary").click()
	expect(manager.page.locator(".modal.show .msgprint")).to_contain_text(f"已将 2 件档案添加到 {dossier}")
	assert sorted(r.archive_item for r in seed.fresh("Dossier", dossier).items) == sorted(
		i.name for i in items
	)
	manager.page.locator(".modal.show .btn-modal-close").first.click()

	manager.page.locator(".page-actions .actions-btn-group:visible button").first.click()
	with manager.context.expect_page() as opened:
		manager.page.locator(".actions-btn-group .dropdown-menu a", has_text="打印归档章").click()
	stamps = opened.value
	stamps.wait_for_load_state()
	for item in items:
		expect(stamps.locator("body")).to_contain_text(
			seed.fresh("Archive Item", item.name).reference_code.split("-")[0]
		)
	stamps.close()

	manager.open_form("Archive Item", items[0].name)
	connections = manager.page.locator(".form-dashboard")
	expect(connections).to_contain_text("案卷")
	expect(connections.locator('.document-link[data-doctype="Dossier"] .count')).to_have_text("1")
	shot(manager)
