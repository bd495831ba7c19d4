import json

import frappe
import pymysql
import pytest
from frappe.model.workflow import WorkflowTransitionError

from archive_mgmt.exceptions import (
	FiledItemLockedError,
	IncompleteDescriptionError,
	MissingRetentionError,
	ReturnReasonRequiredError,
	StatusTransitionError,
)
from tests.integration.factories import act, as_user, make_filed_item, make_item


def stored(doc, *fields):
	return frappe.db.get_value("Archive Item", doc.name, list(fields), as_dict=True)


def test_retention_defaults_from_the_matching_rule(world):
	contract = make_item(world, title="2024年物业服务合同", retention_period=None)
	attendance = make_item(world, title="三月员工考勤表", retention_period=None)
	general = make_item(world, title="工作简讯", retention_period=None)
	assert (contract.retention_period, attendance.retention_period, general.retention_period) == (
		"Y",
		"D3",
		"D30",
	)


def test_a_subcategory_falls_back_to_its_parents_rules(world):
	assert (
		make_item(world, category="XZ", title="行政采购合同", retention_period=None).retention_period == "Y"
	)


def test_no_rule_and_no_period_is_refused_and_nothing_is_written(world):
	before = frappe.db.count("Archive Item")
	with pytest.raises(MissingRetentionError):
		make_item(world, category="KJ", title="设计图纸", retention_period=None)
	assert frappe.db.count("Archive Item") == before


def test_audio_visual_items_need_their_description(world):
	with pytest.raises(IncompleteDescriptionError, match=r"事由|Event"):
		make_item(world, carrier="声像", av_place="礼堂")
	doc = make_item(
		world,
		carrier="声像",
		av_event="年度表彰大会",
		av_time="2024-01-20 上午",
		av_place="礼堂",
		av_people="张三、李四",
		av_background="年度总结",
		av_recorder="王五",
	)
	assert doc.status == "Draft"


def test_users_cannot_set_the_status(world):
	doc = make_item(world)
	doc.status = "Filed"
	with pytest.raises(StatusTransitionError):
		doc.save()
	assert stored(doc, "status").status == "Draft"


def test_bad_year_is_refused(world):
	with pytest.raises(frappe.ValidationError):
		make_item(world, year=24)


def test_clerk_submits_and_manager_files_with_a_reference_code(world):
	with as_user(world.clerk):
		doc = make_item(world)
		doc = act(doc, "Submit for Review")
	assert doc.workflow_state == "Pending Review" and doc.status == "Draft" and not doc.reference_code
	with as_user(world.manager):
		doc = act(frappe.get_doc("Archive Item", doc.name), "File to Archive")
	row = stored(doc, "status", "workflow_state", "item_no", "reference_code", "filed_by", "expiry_date")
	assert row.status == "Filed" and row.workflow_state == "Filed"
	assert row.item_no == 1
	assert row.reference_code == f"{world.fonds}-WS·2024-D30-{world.unit}-0001"
	assert row.filed_by == world.manager
	assert str(row.expiry_date) == "2055-01-01"


def test_clerk_cannot_file(world):
	with as_user(world.clerk):
		doc = make_item(world)
		doc = act(doc, "Submit for Review")
		with pytest.raises(WorkflowTransitionError):
			act(doc, "File to Archive")
	assert stored(doc, "status", "workflow_state", "reference_code") == {
		"status": "Draft",
		"workflow_state": "Pending Review",
		"reference_code": None,
	}


def test_clerk_cannot_skip_the_workflow_by_saving_the_state(world):
	with as_user(world.clerk):
		doc = make_item(world)
		doc.workflow_state = "Filed"
		with pytest.raises(frappe.ValidationError):
			doc.save()
	assert stored(doc, "status", "reference_code") == {"status": "Draft", "reference_code": None}


def test_return_needs_a_reason_then_goes_back_to_the_clerk(world):
	with as_user(world.clerk):
		doc = act(make_item(world), "Submit for Review")
	with as_user(world.manager):
		with pytest.raises(ReturnReasonRequiredError):
			act(frappe.get_doc("Archive Item", doc.name), "Return for Correction")
		assert stored(doc, "workflow_state").workflow_state == "Pending Review"
		frappe.db.set_value("Archive Item", doc.name, "return_reason", "页数与原件不符")
		doc = act(frappe.get_doc("Archive Item", doc.name), "Return for Correction")
	assert doc.workflow_state == "Returned" and doc.status == "Draft"
	with as_user(world.clerk):
		doc = frappe.get_doc("Archive Item", doc.name)
		doc.pages = 4
		doc.save()
		doc = act(doc, "Submit for Review")
	assert doc.workflow_state == "Pending Review"


def test_filing_requires_the_dat18_description_and_uses_no_number(world):
	with as_user(world.manager):
		incomplete = make_item(world, responsible_party=None, doc_date=None)
		with pytest.raises(IncompleteDescriptionError):
			act(incomplete, "File to Archive")
		complete = act(make_item(world), "File to Archive")
	assert stored(incomplete, "status", "reference_code") == {"status": "Draft", "reference_code": None}
	assert complete.item_no == 1


def test_numbers_are_gap_free_per_group(world):
	with as_user(world.manager):
		first = [act(make_item(world), "File to Archive").item_no for _ in range(3)]
		other_year = act(make_item(world, year=2023, doc_date="2023-05-05"), "File to Archive")
		other_unit = act(make_item(world, filing_unit=world.other_unit), "File to Archive")
		permanent = act(make_item(world, retention_period="Y"), "File to Archive")
	assert first == [1, 2, 3]
	assert (other_year.item_no, other_unit.item_no, permanent.item_no) == (1, 1, 1)
	assert permanent.reference_code.endswith("-Y-" + world.unit + "-0001")


def test_code_uses_the_top_level_category(world):
	doc = make_filed_item(world, category="CW", title="2024年财务报表")
	assert doc.reference_code == f"{world.fonds}-WS·2024-Y-{world.unit}-0001"


def test_clerk_sees_and_files_only_their_own_unit(world):
	mine = make_item(world)
	theirs = make_item(world, filing_unit=world.other_unit)
	with as_user(world.clerk):
		visible = set(frappe.get_list("Archive Item", pluck="name", filters={"fonds": world.fonds}))
		assert mine.name in visible and theirs.name not in visible
		assert not frappe.has_permission("Archive Item", "read", theirs.name)
		with pytest.raises(frappe.PermissionError):
			make_item(world, filing_unit=world.other_unit)


def test_filed_items_are_edited_only_by_the_archive_manager_and_tracked(world):
	with as_user(world.clerk):
		doc = act(make_item(world), "Submit for Review")
	with as_user(world.manager):
		act(frappe.get_doc("Archive Item", doc.name), "File to Archive")
	with as_user(world.clerk):
		doc = frappe.get_doc("Archive Item", doc.name)
		doc.title = "改过的题名"
		with pytest.raises((FiledItemLockedError, frappe.PermissionError)):
			doc.save()
	with as_user(world.manager):
		doc = frappe.get_doc("Archive Item", doc.name)
		doc.title = "更正后的题名"
		doc.save(ignore_version=False)  # Frappe skips versions under in_test unless asked
	assert stored(doc, "title").title == "更正后的题名"
	versions = frappe.get_all(
		"Version", filters={"ref_doctype": "Archive Item", "docname": doc.name}, pluck="data"
	)
	changes = [c for v in versions for c in json.loads(v).get("changed", [])]
	assert ["title", "关于开展档案检查工作的通知", "更正后的题名"] in changes


@pytest.mark.parametrize("field,value", [("reference_code", "X"), ("fonds", None), ("year", 2001)])
def test_nobody_changes_what_the_code_was_made_from(world, field, value):
	doc = make_filed_item(world)
	code = doc.reference_code
	if field == "fonds":
		value = (
			frappe.get_doc({"doctype": "Fonds", "fonds_code": "ZZ99", "fonds_name": "另一全宗"}).insert().name
		)
	doc.set(field, value)
	with pytest.raises(FiledItemLockedError):
		doc.save()
	assert stored(doc, "reference_code").reference_code == code


def test_only_drafts_can_be_deleted(world):
	draft, filed = make_item(world), make_filed_item(world)
	frappe.delete_doc("Archive Item", draft.name)
	with pytest.raises(FiledItemLockedError):
		frappe.delete_doc("Archive Item", filed.name)
	assert frappe.db.exists("Archive Item", filed.name)


def test_status_module_allows_only_the_archive_transitions(world):
	from archive_mgmt.filing import item_status

	doc = make_filed_item(world)
	item_status.change(doc.name, "On Loan")
	assert stored(doc, "status").status == "On Loan"
	with pytest.raises(StatusTransitionError):
		item_status.change(doc.name, "Destroyed")
	item_status.change(doc.name, "Filed")
	item_status.change(doc.name, "Destroyed")
	with pytest.raises(StatusTransitionError):
		item_status.change(doc.name, "Filed")
	assert stored(doc, "status").status == "Destroyed"


def test_the_database_refuses_a_second_item_with_the_same_code(world):
	first, second = make_filed_item(world), make_filed_item(world)
	indexes = frappe.db.sql(
		"show index from `tabArchive Item` where Column_name = 'reference_code'", as_dict=True
	)
	assert indexes and indexes[0].Non_unique == 0
	with pytest.raises(pymysql.err.IntegrityError):
		frappe.db.sql(
			"update `tabArchive Item` set reference_code = %s where name = %s",
			(first.reference_code, second.name),
		)
