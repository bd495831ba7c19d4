"""The statistics and the set-up as the archive manager meets them: every statistics report in Chinese (合计,
申请数, no raw option values), 馆藏统计 as the classification tree, and the onboarding with what exists ticked."""

import re

import frappe
import pytest
from playwright.sync_api import expect

from archive_mgmt import roles
from tests.e2e import seed
from tests.e2e.test_role_desks import open_workspace
from tests.integration import factories

COMPLETE = re.compile(r"\bcomplete\b")
REPORTS = (
	"Holdings Statistics",
	"Additions Statistics",
	"Use Statistics",
	"Appraisal Statistics",
	"Quality Statistics",
	"Due for Appraisal",
	"Loan Register",
)


def open_report(d, name: str) -> None:
	# Frappe makes a report a background one for good after one run over 15 s (a loaded machine); the app's
	# reports run at once on this site's data
	factories.run_app_reports_at_once()
	frappe.db.commit()
	d.go(f"query-report/{name}")
	d.page.wait_for_function(
		"n => frappe.query_report && frappe.query_report.report_name === n && frappe.query_report.data",
		arg=name,
	)
	d.page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def classified():
	"""An item filed under a class of 文书 beside those filed under 文书 itself."""
	seed.filed_item(f"{seed.token()}行政类文件", category="XZ")
	seed.filed_item(f"{seed.token()}文书类文件")


@pytest.mark.parametrize("report", REPORTS)
def test_each_statistics_report_speaks_chinese(desk, people, classified, report, shot):
	manager = desk(people.manager)
	open_report(manager, report)
	manager.check_words(report)
	if report == "Holdings Statistics":
		table = manager.page.locator(".dt-scrollable")
		expect(table).to_contain_text("WS 文书（未细分类目）")
		expect(table).to_contain_text("XZ 行政")
		expect(manager.page.locator(".dt-footer, .dt-scrollable").first).to_contain_text("合计")
	shot(manager, f"report-{report}")


def test_the_onboarding_ticks_what_exists(desk, people, shot):
	# The administrator gives a new colleague an archive role: that ticks 添加用户并分配角色.
	frappe.db.set_value("Onboarding Step", "Add Users with Roles", "is_complete", 0)
	colleague = frappe.get_doc(
		{
			"doctype": "User",
			"email": f"e2e-colleague-{seed.token().lower()}@archive.test",
			"first_name": "新同事",
			"send_welcome_email": 0,
			"user_type": "System User",
		}
	).insert(ignore_permissions=True)
	colleague.add_roles(roles.ARCHIVE_READER)
	frappe.db.commit()
	manager = desk(people.manager)
	open_workspace(manager)
	steps = manager.page.locator(".onboarding-step")
	for title in ("建立全宗", "建立机构（问题）", "添加用户并分配角色"):
		expect(steps.filter(has_text=title).first).to_have_class(COMPLETE)
	expect(steps.filter(has_text="核对保管期限表").first).not_to_have_class(COMPLETE)
	manager.check_words("onboarding")
	shot(manager)
