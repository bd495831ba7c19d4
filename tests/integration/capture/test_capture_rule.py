"""Who defines capture rules and what a rule may say: clear Chinese-translatable errors, nothing saved."""

import frappe
import pytest

from archive_mgmt.capture import capture
from archive_mgmt.exceptions import CaptureRuleError
from tests.integration.capture.capture_factories import NOT_SUBMITTABLE, VOUCHER, make_rule
from tests.integration.factories import as_user


def rule_count():
	return frappe.db.count("Archive Capture Rule")


@pytest.mark.parametrize(
	"values",
	[
		{"source_doctype": NOT_SUBMITTABLE},
		{"source_doctype": "ToDo"},
		{"title_template": "{party_name} {no_such_field}"},
		{"title_template": "{party name}"},
		{"responsible_party_template": "{missing}"},
		{"date_field": "party_name"},
		{"condition": '[["no_such_field", "=", 1]]'},
		{"condition": "not json"},
		{"unsettled_field": "no_such_amount"},
		{"custody_years": 5},
		{"print_format": "归档章"},
		{"capture_on": "Period Batch", "filing_unit": None},
	],
)
def test_a_rule_that_cannot_work_is_refused(world, values):
	before = rule_count()
	with pytest.raises(CaptureRuleError):
		make_rule(world, **values)
	assert rule_count() == before


def test_condition_in_frappe_filter_format_is_kept(world):
	rule = make_rule(world, condition='{"amount": [">", 1000]}')
	assert frappe.parse_json(rule.condition) == [["amount", ">", 1000]]


def test_only_the_archive_manager_defines_rules(world):
	with as_user(world.clerk), pytest.raises(frappe.PermissionError):
		make_rule(world)
	with as_user(world.manager):
		assert make_rule(world).name


def test_the_captured_doctypes_are_cached_and_forgotten_when_a_rule_changes(world):
	capture.forget_captured_doctypes()
	had_voucher = VOUCHER in capture.captured_doctypes()
	rule = make_rule(world)
	assert VOUCHER in capture.captured_doctypes()
	frappe.delete_doc("Archive Capture Rule", rule.name)
	assert (VOUCHER in capture.captured_doctypes()) == had_voucher
	capture.forget_captured_doctypes()


def test_accounting_presets_are_shipped_disabled():
	presets = frappe.get_all(
		"Archive Capture Rule",
		filters={
			"is_preset": 1,
			"source_kind": "Document",
		},  # the vouchers (period outputs: test_report_output)
		fields=["rule_name", "enabled", "source_doctype", "retention_period", "category", "custody_years"],
	)
	by_doctype = {p.source_doctype: p for p in presets}
	assert set(by_doctype) >= {"Journal Entry", "Payment Entry", "Sales Invoice", "Purchase Invoice"}
	assert {p.enabled for p in presets} == {0}
	assert {p.retention_period for p in presets} == {"D30"}
	assert {p.category for p in presets} == {"KU"} and {p.custody_years for p in presets} == {1}


@pytest.mark.parametrize(
	("title", "period"),
	[
		("2024年度财务会计报告", "Y"),
		("2024年3月月度财务会计报告", "D10"),
		("中国银行2024年3月银行对账单", "D10"),
		("2024年3月增值税纳税申报表", "D10"),
		("2024年总账", "D30"),
		("2024年3月记账凭证", "D30"),
		("会计档案销毁清册（2024）", "Y"),
		("会计档案鉴定意见书", "Y"),
	],
)
def test_accounting_records_get_the_retention_of_the_national_rules(title, period):
	from archive_mgmt.archive_setup.retention import matching_rule

	assert matching_rule("KU", title).retention_period == period
