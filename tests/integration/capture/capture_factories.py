"""Submittable DocTypes of a business app, made once per site for the capture tests (ERPNext cannot be
installed here): a voucher with a date, a party, an outstanding amount and rows, and a role that submits it.

DDL commits in MariaDB, so they are made idempotently and committed, outside any test's transaction; their
names cannot clash with a real app's (custom DocTypes, prefixed 'Capture Test')."""

import frappe

from tests.integration.factories import make_user

VOUCHER = "Capture Test Voucher"
VOUCHER_LINE = "Capture Test Voucher Line"
CLERK_ROLE = "Capture Test Clerk"
NOT_SUBMITTABLE = "Capture Test Note"
# What a report rule splits its output by (as ERPNext's Account: a company, groups and leaves)
PARTY = "Capture Test Party"


def ensure_doctypes(voucher: str = VOUCHER) -> None:
	"""The voucher DocType (the benchmark makes one of its own name, so that its rules never meet the
	tests'), its row table, a DocType that is not submittable and the role that submits vouchers."""
	if not frappe.db.exists("Role", CLERK_ROLE):
		frappe.get_doc({"doctype": "Role", "role_name": CLERK_ROLE, "desk_access": 1}).insert()
	if not frappe.db.exists("DocType", VOUCHER_LINE):
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": VOUCHER_LINE,
				"module": "Custom",
				"custom": 1,
				"istable": 1,
				"fields": [
					{"fieldname": "account", "fieldtype": "Data", "label": "Account", "in_list_view": 1},
					{"fieldname": "debit", "fieldtype": "Currency", "label": "Debit", "in_list_view": 1},
				],
			}
		).insert()
	if not frappe.db.exists("DocType", voucher):
		perms = {"read": 1, "write": 1, "create": 1, "submit": 1, "cancel": 1, "amend": 1, "print": 1}
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": voucher,
				"module": "Custom",
				"custom": 1,
				"is_submittable": 1,
				"track_changes": 1,
				"autoname": "".join(word[0] for word in voucher.split()) + "-.#####",  # CTV-00001
				"fields": [
					{"fieldname": "posting_date", "fieldtype": "Date", "label": "Posting Date", "reqd": 1},
					{"fieldname": "company", "fieldtype": "Data", "label": "Company"},
					{"fieldname": "party_name", "fieldtype": "Data", "label": "Party Name"},
					{
						"fieldname": "voucher_type",
						"fieldtype": "Select",
						"label": "Voucher Type",
						"options": "Journal Entry\nBank Entry",
					},
					{"fieldname": "amount", "fieldtype": "Currency", "label": "Amount"},
					{
						"fieldname": "outstanding_amount",
						"fieldtype": "Currency",
						"label": "Outstanding Amount",
						"allow_on_submit": 1,
					},
					{"fieldname": "remarks", "fieldtype": "Small Text", "label": "Remarks"},
					{"fieldname": "lines", "fieldtype": "Table", "label": "Lines", "options": VOUCHER_LINE},
					{
						"fieldname": "amended_from",
						"fieldtype": "Link",
						"label": "Amended From",
						"options": voucher,
						"read_only": 1,
						"no_copy": 1,
					},
				],
				"permissions": [
					{"role": "System Manager", **perms},
					{"role": CLERK_ROLE, **perms},
				],
			}
		).insert()
	if not frappe.db.exists("DocType", NOT_SUBMITTABLE):
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": NOT_SUBMITTABLE,
				"module": "Custom",
				"custom": 1,
				"autoname": "hash",
				"fields": [{"fieldname": "posting_date", "fieldtype": "Date", "label": "Posting Date"}],
				"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
			}
		).insert()
	if not frappe.db.exists("DocType", PARTY):
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": PARTY,
				"module": "Custom",
				"custom": 1,
				"autoname": "field:party_name",
				"fields": [
					{"fieldname": "party_name", "fieldtype": "Data", "label": "Party Name", "unique": 1},
					{"fieldname": "company", "fieldtype": "Data", "label": "Company"},
					{"fieldname": "is_group", "fieldtype": "Check", "label": "Is Group"},
				],
				"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}],
			}
		).insert()
	frappe.db.commit()


def make_party(party_name: str, company: str = "示例公司", is_group: int = 0) -> str:
	return (
		frappe.get_doc({"doctype": PARTY, "party_name": party_name, "company": company, "is_group": is_group})
		.insert()
		.name
	)


def make_rule(world, **values):
	return frappe.get_doc(
		{
			"doctype": "Archive Capture Rule",
			"rule_name": f"测试规则-{frappe.generate_hash(length=8)}",
			"source_doctype": VOUCHER,
			"capture_on": "On Submit",
			"date_field": "posting_date",
			"fonds": world.fonds,
			"category": "WS",
			"filing_unit": world.unit,
			"retention_period": "D30",
			"secrecy_level": "内部",
			"open_status": "控制",
			"title_template": "{party_name} 记账凭证 {name}",
			"doc_number_template": "{name}",
			"responsible_party_template": "{company}",
			"render_pdf": 1,
			"include_attachments": 1,
			**values,
		}
	).insert()


def make_voucher(submit=True, doctype=VOUCHER, **values):
	doc = frappe.get_doc(
		{
			"doctype": doctype,
			"posting_date": "2024-03-15",
			"company": "示例公司",
			"party_name": "华东供应商",
			"voucher_type": "Journal Entry",
			"amount": 1200,
			"outstanding_amount": 0,
			"remarks": "三月份办公用品采购",
			"lines": [{"account": "管理费用", "debit": 1200}],
			**values,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def make_clerk() -> str:
	return make_user(CLERK_ROLE, prefix="bizclerk")
