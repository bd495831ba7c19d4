"""Flow 6: a user without clearance looks for a secret item and does not find it.

The departmental archivist of the item's own unit reads that unit's catalogue, but their archive clearance
is 内部: the 秘密 item must not show in the list, the search bar or at its URL, while an 内部 item filed
beside it does (so the search itself works).
"""

from playwright.sync_api import expect

from tests.e2e import seed


def test_user_without_clearance_does_not_find_a_secret_item(desk, people, shot):
	tag = seed.token()
	secret = seed.filed_item(f"{tag}秘密项目会议纪要", secrecy_level="秘密")
	known = seed.filed_item(f"{tag}内部工作简报", secrecy_level="内部")
	seed.set_clearance(people.clerk, "内部")

	looker = desk(people.clerk)  # reads the unit's catalogue, cleared to 内部
	# The list, filtered by the title as a user would type it.
	looker.go(f"archive-item?title=%25{tag}%25")
	looker.page.wait_for_selector(".frappe-list .result")
	expect(looker.page.locator(".frappe-list")).to_contain_text(known.title)
	expect(looker.page.locator(".frappe-list")).not_to_contain_text(secret.title)

	# The search bar (awesome bar): no hit for the title.
	bar = looker.page.locator("#navbar-search")
	bar.click()
	bar.fill(secret.title)
	looker.page.wait_for_selector("#navbar-search + ul, .awesomplete ul", state="attached")
	looker.page.wait_for_function("() => !frappe.search.utils.searching")
	expect(looker.page.locator(".awesomplete:has(#navbar-search) [role=option]")).not_to_contain_text(
		[secret.name]
	)
	bar.press("Escape")

	# The direct URL: the desk answers as for a record that does not exist (its name tells nothing).
	looker.page.goto(f"/app/archive-item/{secret.name}")
	expect(looker.page.locator(".message-page .lead").first).to_contain_text("抱歉，无法找你要的信息。")
	assert looker.page.evaluate(
		"n => !(window.cur_frm && cur_frm.doc && cur_frm.doc.name === n)", secret.name
	)
	assert secret.title not in looker.page.content()
	# What the search bar's full-text search would list for the title: nothing of the secret item.
	hits = looker.call("frappe.utils.global_search.search", text=secret.title, limit=20)
	assert not [h for h in hits or [] if h.get("name") == secret.name], hits
	shot(looker)
