"""Archive straight from the business (前端控制): the archive manager defines a capture rule in the desk,
a voucher is submitted, and it is found archived, its form saying so."""

import frappe
from playwright.sync_api import expect

from tests.e2e import seed
from tests.integration.capture.capture_factories import CLERK_ROLE, VOUCHER, ensure_doctypes


def test_manager_defines_a_rule_submits_a_voucher_and_finds_it_archived(desk, people, shot):
	ensure_doctypes()
	frappe.get_doc("User", people.manager).add_roles(CLERK_ROLE)
	frappe.db.commit()
	tag = seed.token()

	manager = desk(people.manager)
	manager.new_form("Archive Capture Rule")
	manager.fill("rule_name", f"凭证归档{tag}")
	manager.fill("source_doctype", VOUCHER, link=True)
	manager.fill("category", "WS", link=True)
	manager.fill("filing_unit", people.unit, link=True)
	manager.fill("retention_period", "D30", link=True)
	manager.fill("title_template", "{party_name} 记账凭证 {name}")
	rule = manager.save()
	# the templates' and the condition's examples name fields as a template writes them ({customer}, status = Paid)
	manager.check_words("归档规则", allow=("Paid", "customer", "name", "status"))

	manager.new_form(VOUCHER)
	manager.fill_date("posting_date", "2024-05-06")
	manager.fill("party_name", f"供应商{tag}")
	voucher = manager.save()
	manager.page.locator(".page-actions .primary-action:visible").first.click()  # 提交
	manager.confirm()
	manager.page.wait_for_function("() => cur_frm && cur_frm.doc.docstatus === 1 && !frappe.dom.freeze_count")

	item = frappe.db.get_value(
		"Archive Item",
		{"capture_rule": rule, "source_name": voucher},
		["name", "title", "carrier"],
		as_dict=True,
	)
	assert item and item.title == f"供应商{tag} 记账凭证 {voucher}" and item.carrier == "电子"
	expect(manager.page.locator(".layout-main-section")).to_contain_text("已归档")
	expect(manager.page.locator(f'a[href="/app/archive-item/{item.name}"]').first).to_be_visible()

	manager.open_form("Archive Item", item.name)
	expect(manager.page.locator('[data-fieldname="source_name"]').first).to_contain_text(voucher)
	shot(manager)
