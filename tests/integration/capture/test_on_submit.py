"""Submitting a business document archives it by its capture rules: mapping, files, fixity, filing."""

import json

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from archive_mgmt import roles
from archive_mgmt.capture import capture
from archive_mgmt.preservation import fixity
from tests.integration.capture.capture_factories import (
	CLERK_ROLE,
	VOUCHER,
	make_clerk,
	make_rule,
	make_voucher,
)
from tests.integration.factories import as_user, make_user, set_clearance


def items_of(source):
	return frappe.get_all(
		"Archive Item", filters={"source_doctype": source.doctype, "source_name": source.name}, pluck="name"
	)


def files_of(item):
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Archive Item", "attached_to_name": item},
		fields=["name", "file_name", "is_private"],
		order_by="creation asc",
	)


def attach_to(doc, file_name, content: bytes):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": content,
		}
	).insert()


def test_submit_archives_the_document_with_its_pdf_attachments_and_metadata(world):
	rule = make_rule(world)
	voucher = make_voucher(submit=False)
	attach_to(voucher, "发票扫描件.txt", "增值税专用发票 No.0001".encode())
	voucher.submit()

	[name] = items_of(voucher)
	item = frappe.get_doc("Archive Item", name)
	assert item.title == f"华东供应商 记账凭证 {voucher.name}"
	assert (item.doc_number, item.responsible_party) == (voucher.name, "示例公司")
	assert (str(item.doc_date), item.year, item.fonds, item.filing_unit) == (
		"2024-03-15",
		2024,
		world.fonds,
		world.unit,
	)
	assert (item.carrier, item.status, item.retention_period, item.capture_rule) == (
		"电子",
		"Draft",
		"D30",
		rule.name,
	)
	files = files_of(name)
	assert [f.file_name for f in files] == [
		f"{voucher.name}.pdf",
		"发票扫描件.txt",
		f"{voucher.name}-元数据.xml",
	]
	assert {f.is_private for f in files} == {1}
	for f in files:
		record = fixity.active_record(f.name)
		assert record and len(record.sha256) == 64 and len(record.sm3) == 64
	pdf = frappe.get_doc("File", files[0].name).get_content()
	assert pdf.startswith(b"%PDF-") and item.pages >= 1
	copied = frappe.get_doc("File", files[1].name).get_content()
	assert (copied.encode() if isinstance(copied, str) else copied) == "增值税专用发票 No.0001".encode()
	xml = frappe.get_doc("File", files[2].name).get_content()
	xml = xml.decode() if isinstance(xml, bytes) else xml
	assert f'name="{voucher.name}"' in xml and "华东供应商" in xml and "<versions>" in xml
	assert '<row idx="1">' in xml and "管理费用" in xml


def test_the_metadata_json_is_the_document(world):
	make_rule(world)
	voucher = make_voucher()
	[name] = items_of(voucher)
	xml_file = next(f for f in files_of(name) if f.file_name.endswith(".xml"))
	from xml.dom import minidom

	content = frappe.get_doc("File", xml_file.name).get_content()
	dom = minidom.parseString(content if isinstance(content, bytes) else content.encode())
	data = json.loads(dom.getElementsByTagName("json")[0].firstChild.data)
	assert (
		data["name"] == voucher.name and data["docstatus"] == 1 and data["lines"][0]["account"] == "管理费用"
	)


def test_only_documents_meeting_the_condition_are_archived(world):
	make_rule(world, condition='[["amount", ">", 1000]]')
	small, large = make_voucher(amount=500), make_voucher(amount=5000)
	assert items_of(small) == [] and len(items_of(large)) == 1


def test_a_disabled_rule_archives_nothing(world):
	make_rule(world, enabled=0)
	assert items_of(make_voucher()) == []


def test_a_document_is_captured_once_per_rule(world):
	rule = make_rule(world)
	voucher = make_voucher()
	[first] = items_of(voucher)
	assert capture.capture(rule, voucher) == first
	assert capture.capture_one(rule.name, voucher.name) == first
	assert items_of(voucher) == [first]
	other = make_rule(world)
	assert capture.capture_one(other.name, voucher.name) != first
	assert len(items_of(voucher)) == 2


def test_a_business_user_submits_and_the_item_is_archived_without_them_seeing_it(world):
	make_rule(world)
	clerk = make_clerk()
	with as_user(clerk):
		voucher = make_voucher()
	[name] = items_of(voucher)
	assert frappe.db.get_value("Archive Item", name, "owner") == clerk
	assert not frappe.has_permission("Archive Item", "read", name, user=clerk)


def test_rule_that_files_directly_files_through_the_workflow_with_its_four_property_check(world):
	make_rule(world, file_directly=1, include_attachments=0)
	voucher = make_voucher()
	[name] = items_of(voucher)
	item = frappe.get_doc("Archive Item", name)
	assert item.status == "Filed" and item.reference_code and item.item_no == 1
	check = frappe.get_doc("Four Property Check", item.integrity_check)
	assert check.outcome == "通过", [(r.test, r.reason) for r in check.results if r.result == "不通过"]


def test_a_failed_four_property_check_leaves_the_item_in_draft_with_the_reason(world):
	make_rule(world, file_directly=1)
	voucher = make_voucher(submit=False)
	attach_to(voucher, "说明.txt", b"plain text is not a long-term format")
	voucher.submit()
	[name] = items_of(voucher)
	assert frappe.db.get_value("Archive Item", name, "status") == "Draft"
	comments = frappe.get_all(
		"Comment", filters={"reference_doctype": "Archive Item", "reference_name": name}, pluck="content"
	)
	assert any("四性检测" in c or "four-property" in c for c in comments), comments


def test_cancel_marks_the_item_and_the_amendment_is_a_new_item_naming_it(world):
	make_rule(world, file_directly=1, include_attachments=0)
	voucher = make_voucher()
	[first] = items_of(voucher)
	filed = frappe.get_doc("Archive Item", first)
	voucher.cancel()
	after = frappe.get_doc("Archive Item", first)
	assert after.source_cancelled == 1 and after.source_cancelled_on
	assert (after.status, after.reference_code, after.title) == (
		filed.status,
		filed.reference_code,
		filed.title,
	)

	amended = frappe.copy_doc(voucher)
	amended.docstatus = 0  # as the desk's Amend makes it
	amended.amended_from = voucher.name
	amended.party_name = "华东供应商（更正）"
	amended.insert()
	amended.submit()
	[second] = items_of(amended)
	item = frappe.get_doc("Archive Item", second)
	assert item.replaces_item == first and "更正" in item.title


def test_captured_items_obey_clearance_on_the_source_form(world):
	secret_rule = make_rule(world, secrecy_level="秘密")
	internal_rule = make_rule(world, secrecy_level="内部")
	voucher = make_voucher()
	secret = capture.item_for(secret_rule.name, voucher.name)
	internal = capture.item_for(internal_rule.name, voucher.name)
	from archive_mgmt.api.capture import archived_items

	frappe.get_doc("User", world.manager).add_roles(CLERK_ROLE)
	with as_user(world.manager):
		assert {i["name"] for i in archived_items(VOUCHER, voucher.name)} == {secret, internal}
	staff = make_user(CLERK_ROLE, roles.DEPARTMENTAL_ARCHIVIST, units=[world.unit], prefix="staff")
	set_clearance(staff, "内部")
	with as_user(staff):
		assert [i["name"] for i in archived_items(VOUCHER, voucher.name)] == [internal]
		assert not frappe.has_permission("Archive Item", "read", secret)


def test_the_item_can_be_handed_over_and_filed_like_any_draft(world):
	from tests.integration.factories import make_handover

	make_rule(world)
	voucher = make_voucher()
	[name] = items_of(voucher)
	handover = make_handover(world, [frappe.get_doc("Archive Item", name)])
	assert handover.item_count == 1
	with as_user(world.manager):
		doc = frappe.get_doc("Archive Item", name)
		filed = apply_workflow(doc.as_dict(), "File to Archive")
	assert filed.status == "Filed"


def test_capture_api_checks_permission(world):
	rule = make_rule(world)
	voucher = make_voucher(submit=False)
	voucher.submit()
	from archive_mgmt.api.capture import capture_document

	with as_user(world.clerk), pytest.raises(frappe.PermissionError):
		capture_document(rule.name, voucher.name)


def test_a_failed_capture_does_not_stop_the_submit_and_the_archive_managers_are_told(world):
	import os

	make_rule(world)
	voucher = make_voucher(submit=False)
	broken = attach_to(voucher, "丢失.txt", b"lost")
	path = broken.get_full_path()
	os.rename(path, path + ".away")
	try:
		voucher.submit()
	finally:
		os.rename(path + ".away", path)
	assert frappe.db.get_value(VOUCHER, voucher.name, "docstatus") == 1
	assert items_of(voucher) == []
	assert frappe.db.exists("Error Log", {"reference_doctype": VOUCHER, "reference_name": voucher.name})
	assert frappe.db.exists("Notification Log", {"for_user": world.manager, "document_name": voucher.name})
