"""A report rule split by a filter (总账、明细账 per account): one item per (period, value), the filter set to the
value, once each; a value without rows skipped; one value's error recorded, the others captured; bad split
settings refused. And the report an item was captured from, opened as it was captured."""

import json
from io import BytesIO

import frappe
import pytest
from openpyxl import load_workbook

from archive_mgmt.api import capture as api
from archive_mgmt.capture import batch as batches
from archive_mgmt.exceptions import CaptureError, CaptureRuleError
from tests.integration.capture.capture_factories import PARTY, make_clerk, make_party, make_rule, make_voucher
from tests.integration.capture.test_report_output import (
	QUERY,
	content,
	files_of,
	items_of,
	make_batch,
	make_report,
	report_rule,
)
from tests.integration.factories import as_user, make_user

# The test report takes its parties as a list, as ERPNext's General Ledger takes its accounts
SPLIT_QUERY = QUERY.replace("order by", "and party_name in %(party)s order by")
SPLIT = {
	"report_filters": json.dumps(
		{
			"company": "{company}",
			"from_date": "{from_date}",
			"to_date": "{to_date}",
			"party": ["{split_value}"],
		}
	),
	"split_filter": "party",
	"split_doctype": PARTY,
	"split_conditions": json.dumps({"is_group": 0, "company": "{company}"}),
	"title_template": "{company} {period}明细账 {split_value}",
}


def split_rule(world, **values):
	return report_rule(world, make_report(query=SPLIT_QUERY), **{**SPLIT, **values})


def parties() -> dict[str, str]:
	"""Two parties with vouchers in 2024 Q1, one without, and a group and another company's party (no
	values of the split)."""
	tag = frappe.generate_hash(length=6)
	names = {key: make_party(f"{key}-{tag}") for key in ("east", "west", "idle")}
	make_party(f"group-{tag}", is_group=1)
	make_party(f"other-{tag}", company="另一公司")
	for month, key in ((1, "east"), (2, "east"), (3, "west")):
		make_voucher(posting_date=f"2024-0{month}-10", party_name=names[key], amount=100 * month)
	make_voucher(posting_date="2024-04-10", party_name=names["east"])  # another quarter
	return names


def item_of(rule, value: str) -> str | None:
	return frappe.db.get_value(
		"Archive Item", {"capture_rule": rule.name, "source_name": ("like", f"%/{value}")}
	)


def sheet_rows(item: str) -> list[list]:
	xlsx = next(f for f in files_of(item) if f.file_name.endswith(".xlsx"))
	return [list(r) for r in load_workbook(BytesIO(content(xlsx.name))).active.iter_rows(values_only=True)][
		1:
	]


def test_a_split_period_is_one_item_per_value_with_its_own_rows(world):
	names = parties()
	rule = split_rule(world)
	batch = make_batch(rule)
	batches.start(batch)
	batch.reload()
	assert (batch.status, batch.total_count, batch.captured_count, batch.error_count) == (
		"Completed",
		3,
		2,
		0,
	)
	rows = {
		r.source_name.rsplit("/", 1)[-1]: r
		for r in frappe.get_all("Capture Batch Document", {"parent": batch.name}, ["*"])
	}
	assert {v: r.outcome for v, r in rows.items()} == {
		names["east"]: "Captured",
		names["west"]: "Captured",
		names["idle"]: "Skipped",  # no rows in the quarter: no item
	}
	east, west = item_of(rule, names["east"]), item_of(rule, names["west"])
	assert sorted(items_of(rule)) == sorted([east, west])
	item = frappe.get_doc("Archive Item", east)
	assert item.title == f"示例公司 2024年第1季度明细账 {names['east']}"
	assert item.source_name == f"{rule.report}/2024-01-01–2024-03-31/{names['east']}"
	assert [r[2] for r in sheet_rows(east)] == [names["east"]] * 2 and [r[3] for r in sheet_rows(east)] == [
		100.0,
		200.0,
	]
	assert [r[2] for r in sheet_rows(west)] == [names["west"]]
	handover = frappe.get_doc("Handover List", batch.handover_list)
	assert sorted(r.archive_item for r in handover.items) == sorted([east, west])


def test_a_split_period_captured_again_makes_nothing_new(world):
	names = parties()
	rule = split_rule(world)
	batch = make_batch(rule)
	batches.start(batch)
	made = sorted(items_of(rule))
	files = {i: len(files_of(i)) for i in made}
	# the batch run again as if it had recorded nothing, the API for the period and for one value
	frappe.db.delete("Capture Batch Document", {"parent": batch.name})
	batches.run(batch.name, commit=False)
	outcomes = api.capture_report_period(rule.name, 2024, 3)
	assert {o["value"]: o["archive_item"] for o in outcomes} == {
		names["east"]: item_of(rule, names["east"]),
		names["west"]: item_of(rule, names["west"]),
		names["idle"]: None,
	}
	assert all(o["error"] is None for o in outcomes)
	assert api.capture_report_period(rule.name, 2024, 1, names["west"]) == item_of(rule, names["west"])
	assert sorted(items_of(rule)) == made and {i: len(files_of(i)) for i in made} == files


# A report that fails for one value, as ERPNext's General Ledger does for an account it cannot report on: the
# database refuses a subquery of two rows, which this one has for a party whose name starts with 坏
FAILING_QUERY = SPLIT_QUERY.replace(
	"order by",
	"and 1 = (select 1 from dual union all select 2 from dual where %(party)s like '坏%%') order by",
)


def test_one_values_error_is_recorded_and_the_others_captured(world):
	names = parties()
	bad = make_party(f"坏账-{frappe.generate_hash(length=6)}")
	make_voucher(posting_date="2024-02-20", party_name=bad)
	rule = report_rule(world, make_report(query=FAILING_QUERY), **SPLIT)
	batch = make_batch(rule)
	batches.start(batch)
	batch.reload()
	assert (batch.status, batch.captured_count, batch.error_count) == ("Completed with Errors", 2, 1)
	[error] = frappe.get_all(
		"Capture Batch Document", {"parent": batch.name, "outcome": "Error"}, ["source_name", "error"]
	)
	assert error.source_name.endswith(bad) and bad in error.error
	assert item_of(rule, names["east"]) and item_of(rule, names["west"]) and not item_of(rule, bad)
	# the API reports the value's error the same way and keeps the others
	outcomes = {o["value"]: o for o in api.capture_report_period(rule.name, 2024, 2)}
	assert outcomes[bad]["archive_item"] is None and outcomes[bad]["error"]
	assert outcomes[names["east"]]["archive_item"] == item_of(rule, names["east"])
	assert not item_of(rule, bad)


def test_a_value_too_long_for_a_source_name_is_captured_once_under_a_shortened_name(world):
	long_name = make_party("长" * 130)
	make_voucher(posting_date="2024-02-20", party_name=long_name)
	rule = split_rule(world)
	item = api.capture_report_period(rule.name, 2024, 2, long_name)
	assert item and len(frappe.db.get_value("Archive Item", item, "source_name")) <= 140
	assert [r[2] for r in sheet_rows(item)] == [long_name]
	assert api.capture_report_period(rule.name, 2024, 2, long_name) == item and items_of(rule) == [item]


def test_a_value_the_rule_does_not_split_by_is_refused(world):
	names = parties()
	rule = split_rule(world)
	group = frappe.get_all(PARTY, {"is_group": 1, "party_name": ("like", "group-%")}, pluck="name")[0]
	for value in ("没有这个单位", group):
		with pytest.raises(CaptureError):
			api.capture_report_period(rule.name, 2024, 2, value)
	unsplit = report_rule(world, make_report())
	with pytest.raises(CaptureError):
		api.capture_report_period(unsplit.name, 2024, 2, names["east"])
	assert items_of(rule) == [] and items_of(unsplit) == []


def test_the_split_values_are_those_the_rules_owner_may_read(world):
	parties()
	rule = split_rule(world)
	owner = make_user("Archive Reader", prefix="nosplit")
	frappe.db.set_value("Archive Capture Rule", rule.name, "owner", owner)
	with pytest.raises(frappe.PermissionError):
		api.capture_report_period(rule.name, 2024, 2)
	# the period's batch fails, saying why, and takes nothing
	batch = make_batch(rule)
	batches.start(batch)
	batch.reload()
	assert batch.status == "Failed" and PARTY in batch.message and owner in batch.message
	assert items_of(rule) == [] and frappe.session.user == "Administrator"


@pytest.mark.parametrize(
	"values",
	[
		{"split_doctype": "没有这个类型"},
		{"split_doctype": None},
		{"split_conditions": "{not json"},
		{"split_conditions": json.dumps({"colour": "red"})},
		{"split_conditions": json.dumps({"party_name": "{split_value}"})},
		# the split filter fixed in the filters: every value's output would be the same
		{"report_filters": json.dumps({"company": "{company}", "party": ["华东供应商"]})},
		# {split_value} on a rule that does not split
		{"split_filter": None, "title_template": "{period} {split_value}", "report_filters": None},
		{"split_filter": None, "title_template": "{period}"},
	],
)
def test_a_bad_split_is_refused_and_nothing_written(world, values):
	report = make_report(query=SPLIT_QUERY)
	before = frappe.db.count("Archive Capture Rule")
	with pytest.raises(CaptureRuleError):
		report_rule(world, report, **{**SPLIT, **values})
	assert frappe.db.count("Archive Capture Rule") == before


def test_a_report_item_opens_its_report_with_the_filters_it_was_captured_with(world):
	names = parties()
	rule = split_rule(world)
	item = api.capture_report_period(rule.name, 2024, 2, names["east"])
	assert api.report_source(item) == {
		"report": rule.report,
		"filters": {
			"company": "示例公司",
			"from_date": "2024-01-01",
			"to_date": "2024-03-31",
			"party": [names["east"]],
		},
	}
	# an item of a document has a document to open, not a report
	document_rule = make_rule(world, render_pdf=0, include_attachments=0)
	voucher = make_voucher()
	with pytest.raises(CaptureError):
		api.report_source(api.capture_document(document_rule.name, voucher.name))
	with as_user(make_clerk()), pytest.raises(frappe.PermissionError):
		api.report_source(item)
