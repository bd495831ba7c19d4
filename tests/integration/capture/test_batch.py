"""A period's documents captured by a batch: progress, errors per document and retry, resume, handover,
the finance custody period and holds on unsettled vouchers."""

import os

import frappe
import pytest

from archive_mgmt.appraisal import holds
from archive_mgmt.capture import batch as batches
from archive_mgmt.capture import capture
from archive_mgmt.exceptions import CaptureError
from tests.integration.capture.capture_factories import make_rule, make_voucher
from tests.integration.factories import as_user


def batch_rule(world, **values):
	return make_rule(world, **{"capture_on": "Period Batch", "batch_frequency": "Monthly", **values})


def make_batch(rule, year=2024, month=3):
	return frappe.get_doc(
		{"doctype": "Capture Batch", "capture_rule": rule.name, "fiscal_year": year, "month": month}
	).insert()


def march_vouchers(n, **values):
	return [make_voucher(posting_date=f"2024-03-{day:02d}", **values) for day in range(1, n + 1)]


def rows(batch):
	return frappe.get_all(
		"Capture Batch Document",
		filters={"parent": batch.name},
		fields=["source_name", "outcome", "archive_item", "error"],
		order_by="idx asc",
	)


def test_a_batch_captures_its_period_and_ends_as_a_handover_list(world):
	rule = batch_rule(world, condition='[["amount", ">", 0]]')
	march = march_vouchers(3)
	make_voucher(posting_date="2024-04-01")
	make_voucher(posting_date="2024-03-20", amount=0)
	assert capture.items_of(march[0].doctype, march[0].name) == []  # batch rules do not capture on submit
	batch = make_batch(rule)
	assert (str(batch.period_from), str(batch.period_to)) == ("2024-03-01", "2024-03-31")
	batches.start(batch)
	batch.reload()
	assert (batch.status, batch.total_count, batch.captured_count, batch.error_count, batch.progress) == (
		"Completed",
		3,
		3,
		0,
		100,
	)
	assert sorted(r.source_name for r in rows(batch)) == sorted(v.name for v in march)
	handover = frappe.get_doc("Handover List", batch.handover_list)
	assert handover.item_count == 3 and handover.filing_unit == world.unit
	assert {r.archive_item for r in handover.items} == {r.archive_item for r in rows(batch)}


def test_a_resumed_batch_ends_with_each_document_once(world):
	rule = batch_rule(world)
	march = march_vouchers(5)
	batch = make_batch(rule)
	batches.run(batch.name, commit=False, stop_after=2)  # the worker is killed after two documents
	assert len(rows(batch)) == 2
	batches.run(batch.name, commit=False)
	batches.run(batch.name, commit=False)  # a second resume takes nothing more
	names = [r.source_name for r in rows(batch)]
	assert sorted(names) == sorted(v.name for v in march)
	items = frappe.get_all("Archive Item", filters={"capture_rule": rule.name}, pluck="name")
	assert len(items) == 5 and len(set(items)) == 5


def test_errors_are_listed_per_document_in_chinese_and_retried(world):
	rule = batch_rule(world)
	_good, bad = march_vouchers(2)
	broken = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "丢失的附件.txt",
			"attached_to_doctype": bad.doctype,
			"attached_to_name": bad.name,
			"is_private": 1,
			"content": b"lost",
		}
	).insert()
	path = broken.get_full_path()
	os.rename(path, path + ".away")
	try:
		batch = make_batch(rule)
		batches.start(batch)
		batch.reload()
		assert (batch.status, batch.captured_count, batch.error_count) == ("Completed with Errors", 1, 1)
		[error] = [r for r in rows(batch) if r.outcome == "Error"]
		assert error.source_name == bad.name and "未归档" in error.error
		assert capture.items_of(bad.doctype, bad.name) == []
	finally:
		os.rename(path + ".away", path)
	batches.start(batch)
	batch.reload()
	assert (batch.status, batch.captured_count, batch.error_count) == ("Completed", 2, 0)
	assert {r.outcome for r in rows(batch)} == {"Captured"} and len(rows(batch)) == 2
	handover = frappe.get_doc("Handover List", batch.handover_list)
	assert handover.item_count == 2


def test_a_running_batch_is_not_started_twice(world):
	batch = make_batch(batch_rule(world))
	batch.db_set("status", "Running")
	with pytest.raises(CaptureError):
		batches.start(batch)


def test_fiscal_year_batch_proposes_the_handover_after_the_custody_year_and_reminds(world):
	rule = batch_rule(world, custody_years=1, batch_frequency="Annual")
	march_vouchers(1)
	batch = make_batch(rule, month=None)
	batches.start(batch)
	batch.reload()
	assert str(batch.proposed_handover_date) == "2025-12-31"
	assert batch.name in batches.remind_custody_due()
	assert frappe.db.exists(
		"Notification Log",
		{"for_user": world.manager, "document_name": batch.name, "document_type": "Capture Batch"},
	)
	assert batch.name not in batches.remind_custody_due()  # once


def test_vouchers_of_unsettled_matters_are_held_until_settled(world):
	rule = make_rule(world, unsettled_field="outstanding_amount")
	unsettled, settled = make_voucher(outstanding_amount=800), make_voucher(outstanding_amount=0)
	[held_item] = capture.items_of(unsettled.doctype, unsettled.name)
	[free_item] = capture.items_of(settled.doctype, settled.name)
	assert holds.is_held(held_item["name"]) and not holds.is_held(free_item["name"])
	[hold] = holds.holds_on([held_item["name"]])[held_item["name"]]
	assert "未结清的债权债务" in frappe.db.get_value("Archive Hold", hold, "reason")
	assert capture.release_settled_holds() == []
	frappe.db.set_value(unsettled.doctype, unsettled.name, "outstanding_amount", 0)
	assert capture.release_settled_holds() == [hold]
	assert not holds.is_held(held_item["name"])
	assert rule.name


def test_only_the_archive_manager_runs_batches(world):
	batch = make_batch(batch_rule(world))
	from archive_mgmt.api.capture import start_batch

	with as_user(world.clerk), pytest.raises(frappe.PermissionError):
		start_batch(batch.name)
	assert frappe.db.get_value("Capture Batch", batch.name, "status") == "Draft"
