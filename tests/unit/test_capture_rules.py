"""Capture rules' pure parts: templates, batch periods, the finance custody period, the accounting presets."""

import json
from datetime import date
from pathlib import Path

import pytest

from archive_mgmt.rules import capture as rules

REPO = Path(__file__).resolve().parents[2]
PRESETS = REPO / "archive_mgmt" / "capture" / "accounting_presets.json"
ERPNEXT = REPO / "tests" / "data" / "erpnext_accounting_fields.json"
STANDARD_FIELDS = {"name", "owner", "creation", "modified", "docstatus"}


def test_template_fields_are_read_in_order_once():
	assert rules.template_fields("{customer_name} {name} {customer_name}") == ["customer_name", "name"]
	assert rules.template_fields("记账凭证") == []
	assert rules.template_fields(None) == []


@pytest.mark.parametrize("bad", ["{customer name}", "{a.b}", "{x!r}", "{x:>10}", "{unclosed"])
def test_template_refuses_what_is_not_a_field_name(bad):
	with pytest.raises(rules.TemplateError):
		rules.template_fields(bad)


def test_render_fills_fields_and_leaves_empty_values_out():
	values = {"customer_name": "华东公司", "name": "SINV-0001", "amount": 1200.0, "bill_no": None}
	assert rules.render("{customer_name} {name}", values) == "华东公司 SINV-0001"
	assert rules.render("{amount} 元 {bill_no}", values) == "1200 元"


def test_period_range_of_a_month_and_a_year():
	assert rules.period_range(rules.MONTHLY, 2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
	assert rules.period_range(rules.MONTHLY, 2024, 12) == (date(2024, 12, 1), date(2024, 12, 31))
	assert rules.period_range(rules.ANNUAL, 2024) == (date(2024, 1, 1), date(2024, 12, 31))
	with pytest.raises(ValueError):
		rules.period_range(rules.MONTHLY, 2024, 13)


def test_custody_ends_one_year_after_the_fiscal_year_and_never_beyond_three():
	assert rules.proposed_handover(date(2024, 12, 31)) == date(2025, 12, 31)
	assert rules.proposed_handover(date(2024, 12, 31), 3) == date(2027, 12, 31)
	assert rules.proposed_handover(date(2024, 12, 31), 9) == date(2027, 12, 31)
	assert rules.proposed_handover(date(2024, 2, 29)) == date(2025, 2, 28)


def test_unsettled_means_an_outstanding_amount_that_is_not_zero():
	assert rules.is_unsettled(500) and rules.is_unsettled("-20.5")
	assert not rules.is_unsettled(0) and not rules.is_unsettled(None) and not rules.is_unsettled("x")


def test_accounting_retention_is_that_of_the_national_rules():
	r = rules.ACCOUNTING_RETENTION
	assert {r[k] for k in ("记账凭证", "原始凭证", "总账", "明细账", "日记账", "会计档案移交清册")} == {"D30"}
	assert {
		r[k] for k in ("年度财务会计报告", "会计档案保管清册", "会计档案销毁清册", "会计档案鉴定意见书")
	} == {"Y"}
	assert {
		r[k] for k in ("月度、季度、半年度财务会计报告", "银行存款余额调节表", "银行对账单", "纳税申报表")
	} == {"D10"}


def test_presets_name_erpnext_doctypes_and_fields_that_exist():
	erpnext = json.loads(ERPNEXT.read_text(encoding="utf-8"))
	for preset in json.loads(PRESETS.read_text(encoding="utf-8")):
		source = erpnext[preset["source_doctype"]]
		assert source["is_submittable"], preset["rule_name"]
		known = set(source["fields"]) | STANDARD_FIELDS
		used = {preset["date_field"], preset.get("unsettled_field")} - {None}
		for key in ("title_template", "doc_number_template", "responsible_party_template"):
			used |= set(rules.template_fields(preset.get(key)))
		assert used <= known, (preset["rule_name"], used - known)


def test_presets_are_disabled_accounting_rules_with_their_retention():
	for preset in json.loads(PRESETS.read_text(encoding="utf-8")):
		assert preset["enabled"] == 0 and preset["is_preset"] == 1
		assert preset["category"] == "KU"
		assert preset["retention_period"] == rules.ACCOUNTING_RETENTION[preset["record_kind"]]
		assert 1 <= preset["custody_years"] <= rules.CUSTODY_MAX_YEARS
