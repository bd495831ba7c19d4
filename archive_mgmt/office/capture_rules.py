"""The office's documents go to the archive through capture rules (archive_mgmt/capture), one per DocType:
收文归档 and 发文归档, seeded on install and migrate (disabled until the office names the filing unit of the
archived documents in Office Document Settings, which enables them). 办结 documents within the filing scope
are archived in one click (api/office.archive) or by the rule's monthly capture batch; never twice."""

import frappe

from archive_mgmt.office.documents import INCOMING, OUTGOING

RULE = "Archive Capture Rule"
RULES = {
	INCOMING: {
		"rule_name": "收文归档",
		"record_kind": "收文",
		"print_format": "收文处理笺",
		"title_template": "{title}",
		"doc_number_template": "{sender_doc_number}",
		"responsible_party_template": "{sender_organisation}",
	},
	OUTGOING: {
		"rule_name": "发文归档",
		"record_kind": "发文",
		"print_format": "发文稿纸",
		"title_template": "{title}",
		"doc_number_template": "{doc_number}",
		"responsible_party_template": "",
	},
}
SHARED = {
	"doctype": RULE,
	"capture_on": "Period Batch",
	"batch_frequency": "Monthly",
	"date_field": "concluded_on",
	"condition": '[["within_filing_scope", "=", 1]]',
	"category": "WS",
	"secrecy_level": "内部",
	"open_status": "控制",
	"render_pdf": 1,
	"include_attachments": 1,
	"file_directly": 0,
}


def rule_name(doctype: str) -> str:
	return RULES[doctype]["rule_name"]


def install() -> None:
	"""Seed the two rules when missing; an administrator's edits stay."""
	if not frappe.db.table_exists(RULE):
		return
	unit = frappe.db.get_single_value("Office Document Settings", "archive_filing_unit")
	for doctype, values in RULES.items():
		if frappe.db.exists(RULE, values["rule_name"]):
			continue
		doc = frappe.get_doc(
			{**SHARED, **values, "source_doctype": doctype, "filing_unit": unit, "enabled": int(bool(unit))}
		)
		doc.flags.ignore_links = True
		doc.insert(ignore_permissions=True)


def enable(filing_unit: str) -> None:
	"""The office named the filing unit of its archived documents: the rules take it and are enabled."""
	install()
	for values in RULES.values():
		rule = frappe.get_doc(RULE, values["rule_name"])
		if rule.filing_unit != filing_unit or not rule.enabled:
			rule.filing_unit = filing_unit
			rule.enabled = 1
			rule.save(ignore_permissions=True)
