"""Ctrl+P opens a record in the app's own print format, not Frappe's "Standard": an item in its 归档章, a box
in its 档案盒标签 (盒号 and 起止件号)."""

import frappe
from playwright.sync_api import expect

from tests.e2e import seed


def print_view(user, doctype, name):
	user.open_form(doctype, name)
	# Frappe's Ctrl+P is ignored while a field has the focus (it may be autofocused): click off it first
	user.js("() => document.activeElement && document.activeElement.blur()")
	user.page.keyboard.press("Control+p")
	user.page.wait_for_function(
		"([dt, name]) => { const r = frappe.get_route(); return r[0] === 'print' && r[1] === dt && r[2] === name; }",
		arg=[doctype, name],
	)
	chooser = user.page.locator('.print-preview-sidebar [data-fieldname="print_format"] input')
	preview = user.page.frame_locator("iframe.print-format-container").locator("body")
	return chooser, preview


def test_ctrl_p_opens_the_stamp_and_the_box_label(desk, people, shot):
	tag = seed.token()
	box = frappe.get_doc(
		{
			"doctype": "Archive Location",
			"location_code": f"H{tag}",
			"location_name": f"{tag}号档案盒",
			"location_type": "盒",
		}
	).insert()
	items = [seed.filed_item(f"{tag}装盒文件{n}", location=box.name) for n in (1, 2)]
	first, last = sorted(i.item_no for i in items)

	manager = desk(people.manager)
	chooser, preview = print_view(manager, "Archive Item", items[0].name)
	expect(chooser).to_have_value("归档章")
	expect(preview).to_contain_text(f"{items[0].item_no:04}")
	shot(manager, "test_default_print_stamp")

	chooser, preview = print_view(manager, "Archive Location", box.name)
	expect(chooser).to_have_value("档案盒标签")
	expect(preview).to_contain_text("起止件号")
	expect(preview).to_contain_text(f"{first:04}—{last:04}")
	expect(preview).to_contain_text(box.name)
	shot(manager)


def test_ctrl_p_opens_a_destruction_batch_in_its_register(desk, people):
	"""The batch prints as 销毁清册, the name a user types to find it."""
	batch = frappe.get_doc(
		{"doctype": "Destruction Batch", "fonds": people.fonds, "batch_title": f"{seed.token()}销毁批次"}
	).insert()
	frappe.db.commit()
	manager = desk(people.manager)
	chooser, preview = print_view(manager, "Destruction Batch", batch.name)
	expect(chooser).to_have_value("销毁清册")
	expect(preview).to_contain_text("销毁清册")
	manager.check_words("destruction register")
