"""Handover lists (移交清单): a unit's drafts handed over, checked, and filed all together or not at all."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from archive_mgmt.exceptions import HandoverError
from tests.integration.factories import act, as_user, make_filed_item, make_handover, make_item


def drafts(world, n=3, **values):
	with as_user(world.clerk):
		return [
			make_item(world, title=f"移交测试文件{i}", doc_number=f"办发〔2024〕{i}号", pages=i + 1, **values)
			for i in range(n)
		]


def check_all(handover, **overrides):
	doc = frappe.get_doc("Handover List", handover.name)
	for row in doc.items:
		row.present, row.page_count_ok, row.condition = 1, 1, "完好"
		for key, value in overrides.get(row.archive_item, {}).items():
			row.set(key, value)
	doc.save()
	return doc


def submitted(world, items):
	handover = make_handover(world, items)
	with as_user(world.clerk):
		return act(handover, "Submit Handover")


def test_handover_counts_items_and_pages(world):
	items = drafts(world)
	handover = make_handover(world, items)
	assert handover.item_count == 3
	assert handover.total_pages == 1 + 2 + 3
	assert handover.fonds == world.fonds


def test_received_handover_files_every_item_in_list_order(world):
	items = drafts(world)
	handover = submitted(world, list(reversed(items)))
	assert handover.handed_over_by == world.clerk
	with as_user(world.manager):
		check_all(handover)
		received = act(frappe.get_doc("Handover List", handover.name), "Receive Handover")
	assert received.workflow_state == "Handover Received"
	assert received.received_by == world.manager
	codes = [row.reference_code for row in received.items]
	assert all(codes)
	numbers = [frappe.db.get_value("Archive Item", row.archive_item, "item_no") for row in received.items]
	assert numbers == sorted(numbers) and numbers[-1] - numbers[0] == 2
	for row in received.items:
		assert frappe.db.get_value("Archive Item", row.archive_item, ["status", "reference_code"]) == (
			"Filed",
			row.reference_code,
		)


def test_items_with_a_reason_stay_drafts_on_receipt(world):
	items = drafts(world)
	handover = submitted(world, items)
	with as_user(world.manager):
		check_all(handover, **{items[1].name: {"present": 0, "return_reason": "原件缺失"}})
		act(frappe.get_doc("Handover List", handover.name), "Receive Handover")
	statuses = [frappe.db.get_value("Archive Item", i.name, "status") for i in items]
	assert statuses == ["Filed", "Draft", "Filed"]


def test_receipt_needs_every_item_checked(world):
	items = drafts(world, 2)
	handover = submitted(world, items)
	with as_user(world.manager):
		doc = frappe.get_doc("Handover List", handover.name)
		doc.items[0].present, doc.items[0].page_count_ok, doc.items[0].condition = 1, 1, "完好"
		doc.save()
		with pytest.raises(HandoverError):
			act(frappe.get_doc("Handover List", handover.name), "Receive Handover")
	assert frappe.db.get_value("Handover List", handover.name, "workflow_state") == "Handover Submitted"
	assert {frappe.db.get_value("Archive Item", i.name, "status") for i in items} == {"Draft"}


def test_receipt_files_all_or_none(world):
	"""The second item cannot be filed (no 责任者, DA/T 18): the first one is not filed either."""
	with as_user(world.clerk):
		good = make_item(world, title="完整的文件", doc_number="甲1")
		bad = make_item(world, title="缺责任者的文件", doc_number="甲2", responsible_party=None)
		third = make_item(world, title="另一完整文件", doc_number="甲3")
	handover = submitted(world, [good, bad, third])
	sequence_before = frappe.db.sql("select name, last_value from `tabArchive Code Sequence`")
	with as_user(world.manager):
		check_all(handover)
		with pytest.raises(frappe.ValidationError):
			act(frappe.get_doc("Handover List", handover.name), "Receive Handover")
	for item in (good, bad, third):
		assert frappe.db.get_value("Archive Item", item.name, ["status", "reference_code"]) == ("Draft", None)
	assert frappe.db.get_value("Handover List", handover.name, "workflow_state") == "Handover Submitted"
	assert frappe.db.sql("select name, last_value from `tabArchive Code Sequence`") == sequence_before


def test_returned_for_correction_goes_back_to_draft_with_reasons(world):
	items = drafts(world, 2)
	handover = submitted(world, items)
	with as_user(world.manager):
		with pytest.raises(HandoverError):
			act(frappe.get_doc("Handover List", handover.name), "Return for Correction")
		check_all(handover, **{items[0].name: {"page_count_ok": 0, "return_reason": "页数与清单不符"}})
		returned = act(frappe.get_doc("Handover List", handover.name), "Return for Correction")
	assert returned.workflow_state == "Draft"
	assert returned.items[0].return_reason == "页数与清单不符"
	assert {frappe.db.get_value("Archive Item", i.name, "status") for i in items} == {"Draft"}
	with as_user(world.clerk):
		again = act(frappe.get_doc("Handover List", handover.name), "Submit Handover")
	assert again.workflow_state == "Handover Submitted"
	assert not any(row.return_reason or row.present for row in again.items)


def test_clerk_cannot_receive_own_handover(world):
	items = drafts(world, 1)
	handover = submitted(world, items)
	with as_user(world.clerk):
		with pytest.raises(frappe.ValidationError):
			apply_workflow(frappe.get_doc("Handover List", handover.name).as_dict(), "Receive Handover")
	assert frappe.db.get_value("Archive Item", items[0].name, "status") == "Draft"


def test_only_drafts_of_the_unit_can_be_handed_over(world):
	filed = make_filed_item(world, title="已归档文件")
	with pytest.raises(HandoverError):
		make_handover(world, [filed])
	with as_user(world.manager):
		other = make_item(world, filing_unit=world.other_unit, title="别的部门的文件")
	# another unit's draft, which the clerk may not see, is refused as a missing item is
	with pytest.raises(frappe.ValidationError, match=other.name):
		make_handover(world, [other])
	assert not frappe.db.exists("Handover List", {"filing_unit": world.unit})


def test_an_item_is_on_one_open_handover_list(world):
	items = drafts(world, 1)
	make_handover(world, items)
	with pytest.raises(HandoverError):
		make_handover(world, items)
	assert frappe.db.count("Handover List Item", {"archive_item": items[0].name}) == 1


def test_received_list_cannot_change(world):
	items = drafts(world, 1)
	handover = submitted(world, items)
	with as_user(world.manager):
		check_all(handover)
		act(frappe.get_doc("Handover List", handover.name), "Receive Handover")
		doc = frappe.get_doc("Handover List", handover.name)
		doc.notes = "改动"
		with pytest.raises(HandoverError):
			doc.save()
