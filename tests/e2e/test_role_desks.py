"""Each role's desk (issue #21): every role user lands on the 档案管理 workspace, which loads without a
refusal or a console error and shows only the cards they may load; what waits for an approver is in their
inbox (待我审批 → Workflow Action) and opens, though its item is above their default clearance; the screens
speak Chinese."""

import time

import pytest
from playwright.sync_api import expect

from tests.e2e import seed

WORKSPACE = "档案管理"
TOTALS_CARDS = ("馆藏件数", "本年归档件数", "借出未还件数", "逾期借阅", "到期待鉴定件数")


STILL_LOADING = (
	"() => [...document.querySelectorAll('.layout-main-section .widget')]"
	".filter(w => w.innerText.includes('载入中')).map(w => w.innerText.split('\\n')[0])"
)


def open_workspace(d) -> list[str]:
	"""Opens the landing page and waits for its number cards and charts; returns the titles of the widgets
	still loading after a minute (a refused or broken card stays at 载入中…)."""
	d.go("")
	d.page.wait_for_function("() => frappe.get_route()[0] === 'Workspaces'")
	d.page.locator(".widget.number-widget-box").first.wait_for()
	deadline = time.monotonic() + 60
	while (loading := d.js(STILL_LOADING)) and time.monotonic() < deadline:
		d.page.wait_for_timeout(500)
	# Frappe's charts draw after their data arrives; leaving mid-draw logs negative <rect> widths (theirs)
	d.page.wait_for_load_state("networkidle")
	d.page.wait_for_timeout(1000)
	return loading


@pytest.mark.parametrize(
	"key", ["clerk", "borrower", "director", "leader", "principal", "appraiser", "manager"]
)
def test_each_role_lands_on_a_workspace_that_loads_cleanly(desk, people, key, shot):
	d = desk(getattr(people, key))
	still_loading = open_workspace(d)
	assert d.js("() => frappe.get_route()[1]") == WORKSPACE
	cards = d.page.locator(".widget.number-widget-box")
	expect(cards.filter(has_text="待我审批")).to_have_count(1)
	expect(d.page.locator(".msgprint:visible")).to_have_count(0)
	# totals over the whole archive only for whoever is cleared for 绝密 (the manager and the principal by
	# default; a leader at their default 内部 sees neither the cards nor the charts, issue #16)
	totals = key in ("manager", "principal")
	for label in TOTALS_CARDS:
		expect(cards.filter(has_text=label)).to_have_count(1 if totals else 0)
	expect(d.page.locator(".widget.dashboard-widget-box")).to_have_count(3 if totals else 0)
	assert still_loading == []
	d.check_words()
	shot(d, f"workspace-{key}")


def test_the_director_finds_a_secret_request_in_the_inbox_and_decides_it(desk, people, shot):
	tag = seed.token()
	item = seed.filed_item(f"{tag}密件合同", secrecy_level="秘密")
	seed.set_clearance(people.borrower, "秘密")  # the archive manager cleared this borrower
	try:
		borrower = desk(people.borrower)
		borrower.new_form("Loan Request")
		borrower.fill("purpose", f"{tag}核对合同")
		borrower.fill_date("due_date", seed.in_days(7))
		row = borrower.add_row("items")
		borrower.fill_row("items", row, "archive_item", item.name, link=True)
		loan = borrower.save()
		borrower.action("提交")
	finally:
		seed.set_clearance(people.borrower, "内部")

	director = desk(people.director)
	open_workspace(director)
	director.page.locator(".widget.number-widget-box", has_text="待我审批").click()
	director.page.wait_for_function("() => frappe.get_route().join('/') === 'List/Workflow Action/List'")
	entry = director.page.locator(".list-row-container", has_text=loan)
	expect(entry).to_have_count(1)
	director.check_words("inbox")
	director.open_form("Loan Request", loan)
	expect(director.control("items")).to_contain_text(f"{tag}密件合同")
	director.check_words("loan request")
	director.action("批准")
	director.expect_indicator("待主管领导审批")
	shot(director)


@pytest.mark.parametrize("key", ["manager", "appraiser"])
def test_the_due_list_opens_and_refilters_without_a_page_error(desk, people, key, shot):
	"""到期档案鉴定清单 from the workspace, then filtered by two years in quick succession (each a re-render of
	its table and chart): no page error, in Chinese."""
	seed.expired_item(f"{seed.token()}到期待鉴定文件", seed.free_year())  # the list has a row to render
	d = desk(getattr(people, key))
	open_workspace(d)
	d.page.locator(".layout-main-section a", has_text="到期档案鉴定清单").first.click()
	d.page.wait_for_function(
		"() => frappe.query_report && frappe.query_report.report_name === 'Due for Appraisal'"
		" && !frappe.query_report.$report.is(':empty')"
	)
	year_box = d.page.locator('.page-form .frappe-control[data-fieldname="year"] input')
	for year in (str(seed.free_year()), ""):
		year_box.fill(year)
		year_box.press("Tab")
	d.page.wait_for_function(
		"() => !frappe.query_report.get_filter_value('year') && frappe.query_report.data"
	)
	d.check_words("due for appraisal")
	shot(d, f"due-for-appraisal-{key}")
