"""Every statistics report against a small world counted by hand; who may see totals."""

import io
import re

import frappe
import frappe.desk.query_report
import openpyxl
import pytest
from frappe.utils import getdate, today

from archive_mgmt.api import statistics as number_cards
from archive_mgmt.filing import item_status
from archive_mgmt.statistics import annual_report
from archive_mgmt.statistics.report.additions_statistics import additions_statistics
from archive_mgmt.statistics.report.appraisal_statistics import appraisal_statistics
from archive_mgmt.statistics.report.holdings_statistics import holdings_statistics
from archive_mgmt.statistics.report.quality_statistics import quality_statistics
from archive_mgmt.statistics.report.use_statistics import use_statistics
from tests.integration.destruction_factories import (
	approved_batch,
	execute,
	make_destruction_world,
	make_expired_item,
)
from tests.integration.factories import (
	act,
	as_user,
	file_item,
	make_filed_item,
	make_handover,
	make_item,
	make_user,
	make_world,
)
from tests.integration.integrity_factories import electronic_item, pdf_bytes
from tests.integration.loan_factories import issued_loan, make_loan_world

USE_YEAR = 2031  # loans are moved to a year no other data uses


def rows(result, key="label"):
	return {r[key]: r for r in result[1]}


@pytest.fixture
def counted():
	"""The hand-counted world (pages in brackets):

	unit A: i1 WS 2020 永久 纸质 内部 (3) in a dossier; i2 WS 2020 30年 电子 公开 (5), description made incomplete;
		i5 WS 2021 10年 纸质 内部 (4) on loan; i6 a draft WS 2022 (7); h1 (1) and h2 (2) WS 2024 30年 handed over,
		h1 dated 2024-03-01 (late), h2 dated today (on time)
	unit B: i3 KJ 2021 永久 纸质 秘密 (10); i4 KJ 2021 10年 纸质 内部 (2) destroyed
	loans (moved to 2031): L1 借出 of i5 in March, still out and overdue; L2 阅览 of i2 in May, returned
	"""
	w = make_loan_world(make_world())
	a, b = w.unit, w.other_unit
	i1 = make_filed_item(
		w, category="WS", year=2020, retention_period="Y", carrier="纸质", secrecy_level="内部", pages=3
	)
	i2, _pdf = electronic_item(
		w, pdf_bytes(5), category="WS", year=2020, retention_period="D30", secrecy_level="公开", pages=5
	)
	i2 = file_item(w, i2)
	i3 = make_filed_item(
		w, category="KJ", year=2021, retention_period="Y", secrecy_level="秘密", pages=10, filing_unit=b
	)
	i4 = make_filed_item(w, category="KJ", year=2021, retention_period="D10", pages=2, filing_unit=b)
	i5 = make_filed_item(w, category="WS", year=2021, retention_period="D10", pages=4)
	with as_user(w.manager):
		make_item(w, year=2022, retention_period="Y", pages=7, responsible_party="")
		doc = frappe.get_doc("Archive Item", i2.name)
		doc.responsible_party = ""
		doc.save()
	item_status.change(i4.name, "Destroyed", {"destroyed_on": "2026-01-05 10:00:00"})
	with as_user(w.clerk):
		h1 = make_item(w, title="移交测试文件1", pages=1, doc_date="2024-03-01")
		h2 = make_item(w, title="移交测试文件2", pages=2, doc_date=today())
	handover = make_handover(w, [h1, h2])
	with as_user(w.clerk):
		handover = act(handover, "Submit Handover")
	with as_user(w.manager):
		doc = frappe.get_doc("Handover List", handover.name)
		for row in doc.items:
			row.present, row.page_count_ok, row.condition = 1, 1, "完好"
		doc.save()
		act(frappe.get_doc("Handover List", handover.name), "Receive Handover")
		frappe.get_doc(
			{
				"doctype": "Dossier",
				"title": "2020年文书",
				"fonds": w.fonds,
				"category": "WS",
				"year": 2020,
				"retention_period": "Y",
				"filing_unit": a,
				"items": [{"archive_item": i1.name}],
			}
		).insert()
	l1 = issued_loan(w, [i5.name], use_mode="借出")
	l2 = issued_loan(w, [i2.name], use_mode="阅览")
	with as_user(w.manager):
		from archive_mgmt.api.utilization import return_items

		return_items(l2.name, [i2.name])
	for loan, day in ((l1, f"{USE_YEAR}-03-10"), (l2, f"{USE_YEAR}-05-20")):
		frappe.db.set_value("Loan Request", loan.name, "request_date", day)
		for row in frappe.get_all("Loan Request Item", {"parent": loan.name}, pluck="name"):
			frappe.db.set_value("Loan Request Item", row, "issued_on", day + " 09:00:00")
	frappe.db.set_value("Loan Request", l1.name, "due_date", "2020-01-01")
	w.items = {"i1": i1, "i2": i2, "i3": i3, "i4": i4, "i5": i5}
	return w


def test_holdings_by_any_dimensions_with_totals_and_dossiers(counted):
	result = holdings_statistics.execute({"fonds": counted.fonds, "row_dimension": "category"})
	by = rows(result)
	assert (by["WS 文书"]["items"], by["WS 文书"]["pages"], by["WS 文书"]["dossiers"]) == (5, 15, 1)
	assert (by["KJ 科技"]["items"], by["KJ 科技"]["pages"], by["KJ 科技"]["dossiers"]) == (1, 10, 0)
	total = result[1][-1]
	assert (total["items"], total["pages"], total["dossiers"]) == (6, 25, 1)
	assert result[3]["data"]["datasets"][0]["values"] == [5, 1]

	# any dimension as columns: category × retention period
	columns, data = holdings_statistics.execute(
		{"fonds": counted.fonds, "row_dimension": "category", "column_dimension": "retention_period"}
	)[:2]
	labels = {c["fieldname"]: c["label"] for c in columns}
	table = {r["label"]: {labels[k]: v for k, v in r.items() if k.startswith("c")} for r in data}
	assert table["WS 文书"] == {"永久": 1, "30年": 3, "10年": 1}
	assert table["KJ 科技"] == {"永久": 1}
	assert data[-1]["items"] == 6

	# drafts, destroyed items, by carrier
	drafts = rows(holdings_statistics.execute({"fonds": counted.fonds, "status": "Draft"}))
	assert (drafts["WS 文书"]["items"], drafts["WS 文书"]["pages"]) == (1, 7)
	destroyed = rows(holdings_statistics.execute({"fonds": counted.fonds, "status": "Destroyed"}))
	assert (destroyed["KJ 科技"]["items"], destroyed["KJ 科技"]["pages"]) == (1, 2)
	carriers = rows(holdings_statistics.execute({"fonds": counted.fonds, "row_dimension": "carrier"}))
	assert {k: v["items"] for k, v in carriers.items() if not v.get("is_total_row")} == {"纸质": 5, "电子": 1}
	assert carriers["纸质"]["dossiers"] is None  # dossiers have no carrier


def test_holdings_by_category_read_as_the_classification_tree(counted):
	"""门类 WS heads its classes: its row is the subtotal, its classes (XZ 行政) indented beneath, the items
	filed under WS itself on their own row; the total counts each item once."""
	make_filed_item(counted, category="XZ", year=2020, retention_period="Y", pages=6)
	frappe.local.lang = "zh"
	try:
		result = holdings_statistics.execute({"fonds": counted.fonds, "row_dimension": "category"})
	finally:
		frappe.local.lang = "en"
	shown = [(r["label"], r.get("indent"), r["items"], r["pages"]) for r in result[1]]
	assert shown == [
		("WS 文书", 0, 6, 21),
		("WS 文书（未细分类目）", 1, 5, 15),
		("XZ 行政", 1, 1, 6),
		("KJ 科技", 0, 1, 10),
		("合计", None, 7, 31),
	]
	assert result[3]["data"]["labels"] == ["WS 文书（未细分类目）", "XZ 行政", "KJ 科技"]

	columns, data = holdings_statistics.execute(
		{"fonds": counted.fonds, "row_dimension": "category", "column_dimension": "retention_period"}
	)[:2]
	labels = {c["fieldname"]: c["label"] for c in columns}
	table = {r["label"]: {labels[k]: v for k, v in r.items() if k.startswith("c") and v} for r in data}
	assert table["WS 文书"] == {"永久": 2, "30年": 3, "10年": 1}
	assert table["XZ 行政"] == {"永久": 1}
	assert data[-1]["items"] == 7

	with as_user(counted.manager):
		book = openpyxl.load_workbook(io.BytesIO(annual_report.build(2020, counted.fonds)))
	sheet = book["馆藏统计（门类×保管期限）"]
	indents = {r[0].value: r[0].alignment.indent for r in sheet.iter_rows(min_row=5) if r[0].value}
	assert indents["WS 文书"] == 0 and indents["XZ 行政"] == 2


def test_additions_per_year_and_unit_with_handovers(counted):
	this_year = getdate(today()).year
	result = additions_statistics.execute(
		{"fonds": counted.fonds, "year_from": this_year, "year_to": this_year}
	)
	by = {r.get("filing_unit"): r for r in result[1]}
	a, b = by[counted.unit], by[counted.other_unit]
	assert (a["year"], a["items"], a["pages"]) == (this_year, 5, 15)
	assert (a["lists"], a["handed_over"], a["on_time"], a["late"], a["late_lists"]) == (1, 2, 1, 1, 1)
	assert (b["items"], b["pages"], b["lists"]) == (2, 12, 0)
	assert result[1][-1]["items"] == 7
	assert result[3]["data"]["datasets"][0]["values"] == [7]


def test_use_per_month_mode_and_overdue(counted):
	result = use_statistics.execute({"year": USE_YEAR})
	by = rows(result, "group")
	assert (by[f"{USE_YEAR}-03"]["internal"], by[f"{USE_YEAR}-03"]["items"]) == (1, 1)
	assert (by[f"{USE_YEAR}-05"]["requests"], by[f"{USE_YEAR}-05"]["items"]) == (1, 1)
	assert by[f"{USE_YEAR}-04"]["requests"] == 0
	assert (result[1][-1]["requests"], result[1][-1]["external"]) == (2, 0)
	requests, overdue = (s["value"] for s in result[4])
	assert requests == 2
	assert overdue >= 1  # L1, due 2020-01-01 and still out
	modes = rows(use_statistics.execute({"year": USE_YEAR, "group_by": "Use Mode"}), "group")
	assert (modes["借出"]["requests"], modes["阅览"]["requests"]) == (1, 1)
	used = use_statistics.execute({"year": USE_YEAR, "group_by": "Most-Used Items"})[1]
	assert sorted(r.archive_item for r in used) == sorted(
		[counted.items["i2"].name, counted.items["i5"].name]
	)


def test_most_used_items_list_only_what_the_user_may_read(counted):
	other_clerk = counted.other_clerk  # Departmental Archivist of unit B: may not read unit A's items
	with as_user(other_clerk):
		_columns, data = use_statistics.most_used(USE_YEAR)
	assert data == []


def test_quality_by_unit(counted):
	result = quality_statistics.execute({"fonds": counted.fonds, "year": USE_YEAR})
	by = {r.get("filing_unit"): r for r in result[1]}
	a, b, total = by[counted.unit], by[counted.other_unit], result[1][-1]
	assert (a["held"], a["complete"], a["complete_share"], a["used"], a["usage_rate"]) == (
		5,
		4,
		80.0,
		2,
		40.0,
	)
	assert (b["held"], b["complete"], b["complete_share"], b["used"], b["usage_rate"]) == (
		1,
		1,
		100.0,
		0,
		0.0,
	)
	assert (total["held"], total["complete_share"], total["usage_rate"]) == (6, 83.3, 33.3)
	# filed through the workflow, each item passed its four-property check (paper: file tests 不适用)
	assert (a["checked_ok"], b["checked_ok"], total["checked_share"]) == (5, 1, 100.0)


def test_appraisal_and_destruction_per_year():
	w = make_destruction_world()
	e1, e2, e3, _e4 = (make_expired_item(w).name for _ in range(4))
	batch = approved_batch(w, {e1: "Destroy", e2: ("Extend", "D30"), e3: "Keep Permanently"})
	execute(w, batch)
	data = appraisal_statistics.execute({"fonds": w.fonds, "year_from": 2011, "year_to": 2031})[1]
	by = {r["year"]: r for r in data}
	assert by[2011]["expired"] == 2  # e1 (destroyed) and e4; e2 now expires in 2031, e3 never
	assert by[2031]["expired"] == 1
	assert {
		k: by[2026][k] for k in ("appraised", "destroyed", "extended", "kept_permanently", "transferred")
	} == {
		"appraised": 3,
		"destroyed": 1,
		"extended": 1,
		"kept_permanently": 1,
		"transferred": 0,
	}
	assert data[-1]["expired"] == 3


def test_annual_report_has_a_sheet_per_table_under_the_organisation_header(counted):
	wb = openpyxl.load_workbook(io.BytesIO(annual_report.build(USE_YEAR, counted.fonds)))
	assert len(wb.sheetnames) == len(annual_report.sheets(USE_YEAR, counted.fonds))
	ws = wb["馆藏统计（门类×保管期限）"]
	assert ws["A1"].value == f"测试全宗{counted.fonds} 档案工作年报（{USE_YEAR}年度）"
	values = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
	assert values[-1][-1] == 6


def test_annual_report_in_chinese_has_no_english_header(counted):
	"""Every column of every sheet is named in Chinese (利用统计 once said "Requests")."""
	frappe.local.lang = "zh"
	try:
		wb = openpyxl.load_workbook(io.BytesIO(annual_report.build(USE_YEAR, counted.fonds)))
	finally:
		frappe.local.lang = "en"
	english = {
		(ws.title, c.value)
		for ws in wb.worksheets
		for c in ws[4]
		if c.value and re.search(r"[A-Za-z]{2,}", str(c.value))
	}
	assert not english
	assert "申请数" in [c.value for c in wb["利用统计（按月）"][4]]


def test_users_without_full_clearance_see_no_totals(counted):
	for role in ("Departmental Archivist", "Archive Reader", "Office Director"):
		assert_no_totals(make_user(role, units=[counted.unit]), counted)
	with as_user(counted.manager):
		assert number_cards.items_held()["value"] >= 6


def assert_no_totals(user, counted):
	with as_user(user):
		for module in (
			holdings_statistics,
			additions_statistics,
			use_statistics,
			appraisal_statistics,
			quality_statistics,
		):
			with pytest.raises(frappe.PermissionError):
				module.execute({"fonds": counted.fonds})
		with pytest.raises(frappe.PermissionError):
			frappe.desk.query_report.run("Holdings Statistics", filters={"fonds": counted.fonds})
		with pytest.raises(frappe.PermissionError):
			annual_report.build(USE_YEAR, counted.fonds)
		for card in (
			number_cards.items_held,
			number_cards.filed_this_year,
			number_cards.on_loan,
			number_cards.overdue_loans,
		):
			with pytest.raises(frappe.PermissionError):
				card()
	assert frappe.local.response.get("filecontent") is None


@pytest.mark.parametrize(
	"report",
	[
		"Holdings Statistics",
		"Additions Statistics",
		"Use Statistics",
		"Appraisal Statistics",
		"Quality Statistics",
	],
)
def test_each_statistics_report_script_carries_the_shared_annual_report_button(report):
	from frappe.desk.query_report import get_script

	script = get_script(report)["script"]
	assert "function archive_mgmt_statistics_onload" in script and "{% include" not in script
	assert "archive_mgmt.api.statistics.download" in script
