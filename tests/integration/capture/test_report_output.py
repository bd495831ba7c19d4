"""A report's output for a period (总账, 财务会计报告) captured as one electronic item: Excel and PDF with
fixity, once per (rule, period), by a batch or the API; bad rules refused; the accounting presets."""

import json
from io import BytesIO

import frappe
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from archive_mgmt.api import capture as api
from archive_mgmt.capture import batch as batches
from archive_mgmt.capture import presets
from archive_mgmt.exceptions import CaptureError, CaptureRuleError
from archive_mgmt.preservation import fixity
from archive_mgmt.rules.capture import ACCOUNTING_RETENTION
from tests.integration.capture.capture_factories import VOUCHER, make_clerk, make_voucher
from tests.integration.factories import as_user, make_user

QUERY = f"""select name as "Voucher:Link/{VOUCHER}:140", posting_date as "Posting Date:Date:100",
	party_name as "Party:Data:160", amount as "Amount:Currency:120"
	from `tab{VOUCHER}`
	where docstatus = 1 and company = %(company)s and posting_date between %(from_date)s and %(to_date)s
	order by posting_date, name"""
FILTERS = {"company": "{company}", "from_date": "{from_date}", "to_date": "{to_date}"}


def make_report(**values) -> str:
	name = f"测试账簿-{frappe.generate_hash(length=8)}"
	frappe.get_doc(
		{
			"doctype": "Report",
			"report_name": name,
			"ref_doctype": VOUCHER,
			"report_type": "Query Report",
			"is_standard": "No",
			"module": "Custom",
			"query": QUERY,
			"prepared_report": 0,
			**values,
		}
	).insert()
	return name


def report_rule(world, report: str, **values):
	return frappe.get_doc(
		{
			"doctype": "Archive Capture Rule",
			"rule_name": f"测试报表规则-{frappe.generate_hash(length=8)}",
			"source_kind": "Report Output",
			"report": report,
			"report_period": "Quarterly",
			"report_company": "示例公司",
			"report_filters": json.dumps(FILTERS),
			"fonds": world.fonds,
			"category": "KU",
			"filing_unit": world.unit,
			"retention_period": "D10",
			"secrecy_level": "内部",
			"open_status": "控制",
			"title_template": "{company} {period}财务会计报告",
			"doc_number_template": "",
			"responsible_party_template": "{company}",
			**values,
		}
	).insert()


def first_quarter_vouchers():
	"""Three vouchers of 2024 Q1 for the company, and three the period's report must leave out."""
	q1 = [make_voucher(posting_date=f"2024-0{m}-15", amount=100 * m) for m in (1, 2, 3)]
	make_voucher(posting_date="2024-04-01")
	make_voucher(posting_date="2024-02-01", company="另一公司")
	make_voucher(posting_date="2024-03-01", submit=False)
	return q1


def make_batch(rule, year=2024, month=2):
	return frappe.get_doc(
		{"doctype": "Capture Batch", "capture_rule": rule.name, "fiscal_year": year, "month": month}
	).insert()


def items_of(rule) -> list[str]:
	return frappe.get_all("Archive Item", filters={"capture_rule": rule.name}, pluck="name")


def files_of(item: str):
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Archive Item", "attached_to_name": item},
		fields=["name", "file_name", "is_private"],
		order_by="creation asc",
	)


def content(file_name: str) -> bytes:
	data = frappe.get_doc("File", file_name).get_content()
	return data.encode() if isinstance(data, str) else data


def test_a_quarter_is_captured_as_one_item_with_excel_pdf_and_fixity(world):
	q1 = first_quarter_vouchers()
	rule = report_rule(world, make_report())
	batch = make_batch(rule)
	assert (str(batch.period_from), str(batch.period_to)) == ("2024-01-01", "2024-03-31")
	batches.start(batch)
	batch.reload()
	assert (batch.status, batch.total_count, batch.captured_count, batch.error_count) == (
		"Completed",
		1,
		1,
		0,
	)
	[name] = items_of(rule)
	item = frappe.get_doc("Archive Item", name)
	assert item.title == "示例公司 2024年第1季度财务会计报告"
	assert (item.source_doctype, item.source_name) == ("Report", f"{rule.report}/2024-01-01–2024-03-31")
	assert (item.year, str(item.doc_date), item.carrier, item.retention_period) == (
		2024,
		"2024-03-31",
		"电子",
		"D10",
	)
	assert (item.responsible_party, item.fonds, item.filing_unit) == ("示例公司", world.fonds, world.unit)

	files = files_of(name)
	assert [f.file_name.rsplit(".", 1)[-1] for f in files] == ["pdf", "xlsx", "xml"]
	assert {f.is_private for f in files} == {1}
	for f in files:
		record = fixity.active_record(f.name)
		assert record and len(record.sha256) == 64 and len(record.sm3) == 64

	sheet = load_workbook(BytesIO(content(files[1].name))).active
	header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
	# the report's columns as the desk shows them to the batch's (Chinese) reader
	assert header == [frappe._(label, lang="zh") for label in ("Voucher", "Posting Date", "Party", "Amount")]
	assert [r[0] for r in rows] == [v.name for v in q1]
	assert [r[3] for r in rows] == [100.0, 200.0, 300.0]  # numbers, not text

	pdf = content(files[0].name)
	assert pdf.startswith(b"%PDF-") and item.pages >= 1
	text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
	assert all(v.name in text for v in q1) and "2024-01-01" in text
	assert "示例公司" in text and "华东供应商" in text  # the title and cells in Chinese, as searchable text

	handover = frappe.get_doc("Handover List", batch.handover_list)
	assert [r.archive_item for r in handover.items] == [name]


def test_the_same_period_twice_makes_nothing_new(world):
	first_quarter_vouchers()
	rule = report_rule(world, make_report())
	batch = make_batch(rule, month=1)
	batches.start(batch)
	[name] = items_of(rule)
	files = len(files_of(name))
	# the batch run again, and the API for another month of the same quarter, return the same item
	frappe.db.delete("Capture Batch Document", {"parent": batch.name})  # as if the run had not recorded it
	batches.run(batch.name, commit=False)
	assert frappe.get_all("Capture Batch Document", {"parent": batch.name}, pluck="archive_item") == [name]
	assert api.capture_report_period(rule.name, 2024, 3) == name
	# a second batch of the quarter is refused: the first is the one to run again
	with pytest.raises(CaptureError, match=batch.name):
		make_batch(rule, month=2)
	assert items_of(rule) == [name] and len(files_of(name)) == files
	# another quarter is another item
	other = api.capture_report_period(rule.name, 2024, 5)
	assert other != name and frappe.db.get_value("Archive Item", other, "source_name").endswith(
		"2024-04-01–2024-06-30"
	)


def test_an_annual_rule_captures_the_year_and_runs_as_its_owner_sees_it(world):
	first_quarter_vouchers()
	rule = report_rule(world, make_report(), report_period="Annual", title_template="{company} {period}总账")
	name = api.capture_report_period(rule.name, 2024)
	item = frappe.get_doc("Archive Item", name)
	assert item.title == "示例公司 2024年度总账" and item.source_name.endswith("2024-01-01–2024-12-31")
	xlsx = next(f for f in files_of(name) if f.file_name.endswith(".xlsx"))
	rows = list(load_workbook(BytesIO(content(xlsx.name))).active.iter_rows(values_only=True))
	assert len(rows) == 1 + 4  # the header, Q1's three and April's one
	xml = content(next(f for f in files_of(name) if f.file_name.endswith(".xml")).name).decode()
	assert f'run_as="{rule.owner}"' in xml and '"from_date": "2024-01-01"' in xml


def test_the_report_runs_as_the_rules_owner_would_see_it(world):
	first_quarter_vouchers()
	rule = report_rule(world, make_report())
	# the rule's owner may not run the report (no role of its DocType): the period is an error, no item
	frappe.db.set_value(
		"Archive Capture Rule", rule.name, "owner", make_user("Archive Reader", prefix="norep")
	)
	batch = make_batch(rule)
	batches.start(batch)
	batch.reload()
	assert (batch.status, batch.captured_count, batch.error_count) == ("Completed with Errors", 0, 1)
	[row] = frappe.get_all("Capture Batch Document", {"parent": batch.name}, ["outcome", "error"])
	assert row.outcome == "Error" and rule.report in row.error
	assert items_of(rule) == [] and frappe.session.user == "Administrator"


def test_only_who_may_edit_rules_captures_a_period(world):
	rule = report_rule(world, make_report())
	with as_user(make_clerk()), pytest.raises(frappe.PermissionError):
		api.capture_report_period(rule.name, 2024, 2)
	assert items_of(rule) == []


@pytest.mark.parametrize(
	("year", "month", "error"),
	[
		("abc", 3, frappe.FrappeTypeError),  # Frappe checks the whitelisted method's argument types
		(24, 3, CaptureError),
		(2024, 13, CaptureError),
		(2024, None, CaptureError),
	],
)
def test_a_period_asked_for_badly_gets_a_clear_error_and_no_item(world, year, month, error):
	rule = report_rule(world, make_report())  # quarterly: it needs a month
	with pytest.raises(error):
		api.capture_report_period(rule.name, year, month)
	assert items_of(rule) == []


@pytest.mark.parametrize(
	"values",
	[
		{"report": "没有这个报表"},
		{"report_filters": "{not json"},
		{"report_filters": "[1, 2]"},
		{"report_filters": json.dumps({"from_date": "{start_date}"})},
		{"title_template": "{party_name} 总账"},
		{"report_period": "Weekly"},
	],
)
def test_a_bad_report_rule_is_refused_and_nothing_written(world, values):
	report = make_report()
	before = frappe.db.count("Archive Capture Rule")
	with pytest.raises(CaptureRuleError):
		report_rule(world, **{"report": report, **values})
	assert frappe.db.count("Archive Capture Rule") == before


def test_a_report_of_another_kind_is_refused(world):
	builder = make_report(report_type="Report Builder", query=None)
	before = frappe.db.count("Archive Capture Rule")
	with pytest.raises(CaptureRuleError, match="Script Report or a Query Report"):
		report_rule(world, builder)
	assert frappe.db.count("Archive Capture Rule") == before


def test_the_accounting_report_presets_install_disabled_with_their_retention():
	presets.install_presets()
	presets.install_presets()  # seeding twice adds nothing
	shipped = [p for p in presets.presets() if p.get("source_kind") == "Report Output"]
	assert {p["report"] for p in shipped} >= {"General Ledger", "Balance Sheet", "Profit and Loss Statement"}
	for preset in shipped:
		assert frappe.db.count("Archive Capture Rule", {"rule_name": preset["rule_name"]}) == 1
		rule = frappe.get_doc("Archive Capture Rule", preset["rule_name"])
		assert (rule.enabled, rule.is_preset, rule.source_kind, rule.category) == (
			0,
			1,
			"Report Output",
			"KU",
		)
		assert rule.retention_period == ACCOUNTING_RETENTION[rule.record_kind]
	ledger = frappe.get_doc("Archive Capture Rule", "会计档案·总账·General Ledger")
	assert (ledger.report_period, ledger.retention_period) == ("Annual", "D30")
	annual = frappe.get_doc("Archive Capture Rule", "会计档案·年度财务会计报告·Balance Sheet")
	assert annual.retention_period == "Y"
	monthly = frappe.get_doc("Archive Capture Rule", "会计档案·月度财务会计报告·Profit and Loss Statement")
	assert (monthly.report_period, monthly.retention_period) == ("Monthly", "D10")
	# 半年度财务会计报告: both statements, half-yearly, kept 10 years
	for report in ("Balance Sheet", "Profit and Loss Statement"):
		half = frappe.get_doc("Archive Capture Rule", f"会计档案·半年度财务会计报告·{report}")
		assert (half.enabled, half.report_period, half.retention_period) == (0, "Half-yearly", "D10")
		assert json.loads(half.report_filters)["periodicity"] == "Half-Yearly"
	# 总账、明细账、日记账: one item per account (the General Ledger's account filter takes a list)
	for kind in ("总账", "明细账", "日记账"):
		ledger = frappe.get_doc("Archive Capture Rule", f"会计档案·{kind}·General Ledger")
		assert (ledger.split_filter, ledger.split_doctype) == ("account", "Account")
		assert json.loads(ledger.report_filters)["account"] == ["{split_value}"]
		assert json.loads(ledger.split_conditions)["is_group"] == 0


def test_an_unused_ledger_preset_shipped_before_the_split_takes_it_and_a_used_one_is_kept():
	presets.install_presets()
	unused, used = "会计档案·总账·General Ledger", "会计档案·明细账·General Ledger"
	old = {"split_filter": None, "split_doctype": None, "split_conditions": None, "report_filters": "{}"}
	frappe.db.set_value("Archive Capture Rule", unused, old)
	frappe.db.set_value("Archive Capture Rule", used, {**old, "enabled": 1})  # an administrator uses it
	presets.install_presets()
	assert frappe.db.get_value("Archive Capture Rule", unused, "split_filter") == "account"
	assert frappe.db.get_value("Archive Capture Rule", used, ["split_filter", "report_filters"]) == (
		None,
		"{}",
	)


def test_a_preset_is_checked_when_enabled(world):
	presets.install_presets()
	ledger = frappe.get_doc("Archive Capture Rule", "会计档案·总账·General Ledger")
	if frappe.db.exists("Report", "General Ledger"):
		pytest.skip("ERPNext is installed: its General Ledger exists")
	ledger.update(
		{"enabled": 1, "fonds": world.fonds, "filing_unit": world.unit, "report_company": "示例公司"}
	)
	with pytest.raises(CaptureRuleError, match="General Ledger"):
		ledger.save()
	assert frappe.db.get_value("Archive Capture Rule", ledger.name, "enabled") == 0
