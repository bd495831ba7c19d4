"""Archive straight from the business (前端控制): the archive manager defines a capture rule in the desk,
a voucher is submitted, and it is found archived, its form saying so; a report period's item opens its report
with the filters it was captured with."""

from types import SimpleNamespace

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


def test_a_report_item_opens_its_report_with_the_filters_it_was_captured_with(desk, people, shot):
	from archive_mgmt.api import capture as api
	from tests.integration.capture.capture_factories import make_voucher
	from tests.integration.capture.test_report_output import make_report, report_rule

	ensure_doctypes()
	frappe.get_doc("User", people.manager).add_roles(CLERK_ROLE)
	report = make_report(
		filters=[
			{"fieldname": "company", "label": "Company", "fieldtype": "Data"},
			{"fieldname": "from_date", "label": "From Date", "fieldtype": "Date"},
			{"fieldname": "to_date", "label": "To Date", "fieldtype": "Date"},
		]
	)
	rule = report_rule(SimpleNamespace(fonds=seed.FONDS, unit=seed.UNIT), report)
	make_voucher(posting_date="2024-02-15")
	item = api.capture_report_period(rule.name, 2024, 2)
	frappe.db.commit()

	manager = desk(people.manager)
	manager.open_form("Archive Item", item)
	manager.page.locator(".page-actions button", has_text="按归档时的条件打开报表").click()
	manager.page.wait_for_function(
		"(report) => frappe.get_route_str() === `query-report/${report}` && frappe.query_report"
		" && frappe.query_report.report_name === report"
		" && frappe.query_report.get_filter_value('from_date') === '2024-01-01'",
		arg=report,
	)
	filters = manager.page.evaluate(
		"() => ['company', 'from_date', 'to_date'].map((f) => frappe.query_report.get_filter_value(f))"
	)
	assert filters == ["示例公司", "2024-01-01", "2024-03-31"]
	shot(manager)
