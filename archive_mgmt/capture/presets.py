"""Accounting archives (会计档案) as shipped data: capture-rule presets for ERPNext's vouchers, disabled until
the administrator completes and enables them, and the retention rules of 《会计档案管理办法》 for the 会计
category (KU), so that any accounting record's title finds its retention.

Seeding only adds what is missing: an administrator's edits (a preset enabled, a fonds chosen) stay. A ledger
preset shipped before it was split by account, and still disabled (never put to use), takes the split."""

import json
from pathlib import Path

import frappe

from archive_mgmt.rules.capture import ACCOUNTING_RETENTION

PRESETS = Path(__file__).with_name("accounting_presets.json")
# The period outputs: 总账、明细账、日记账 and the financial statements, from ERPNext's reports.
REPORT_PRESETS = Path(__file__).with_name("accounting_report_presets.json")
ACCOUNTING_CATEGORY = "KU"
# The kinds whose names are keywords of a title; the monthly/quarterly/half-year line is split into its parts.
KEYWORDS = {
	"月度、季度、半年度财务会计报告": "月度财务会计报告，季度财务会计报告，半年度财务会计报告",
	"记账凭证": "记账凭证",
	"原始凭证": "原始凭证",
}


def presets() -> list[dict]:
	return [
		*json.loads(PRESETS.read_text(encoding="utf-8")),
		*json.loads(REPORT_PRESETS.read_text(encoding="utf-8")),
	]


# What a split preset brings to its unsplit, unused predecessor.
SPLIT_FIELDS = ("split_filter", "split_doctype", "split_conditions", "report_filters", "title_template")


def install_presets() -> None:
	if not frappe.db.table_exists("Archive Capture Rule"):
		return
	for preset in presets():
		if frappe.db.exists("Archive Capture Rule", preset["rule_name"]):
			split_unused_preset(preset)
			continue
		doc = frappe.get_doc(preset)
		doc.flags.ignore_links = (
			True  # ERPNext's DocTypes and Reports need not be installed for a disabled preset
		)
		doc.insert(ignore_permissions=True)
	install_accounting_retention_rules()


def split_unused_preset(preset: dict) -> None:
	if not preset.get("split_filter"):
		return
	current = frappe.db.get_value(
		"Archive Capture Rule", preset["rule_name"], ["enabled", "is_preset", "split_filter"], as_dict=True
	)
	if current.enabled or not current.is_preset or current.split_filter:
		return
	frappe.db.set_value(
		"Archive Capture Rule",
		preset["rule_name"],
		{f: preset[f] for f in SPLIT_FIELDS},
		update_modified=False,
	)


def install_accounting_retention_rules() -> None:
	if not frappe.db.exists("Archive Category", ACCOUNTING_CATEGORY):
		return
	for kind, period in ACCOUNTING_RETENTION.items():
		description = f"《会计档案管理办法》：{kind}"
		if frappe.db.exists("Retention Rule", {"category": ACCOUNTING_CATEGORY, "description": description}):
			continue
		frappe.get_doc(
			{
				"doctype": "Retention Rule",
				"category": ACCOUNTING_CATEGORY,
				"description": description,
				"keywords": KEYWORDS.get(kind, kind),
				"retention_period": period,
				"filing_deadline": "Annual",
				"disposition": "Appraise",
			}
		).insert(ignore_permissions=True)
