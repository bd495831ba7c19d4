"""办结 documents go to the archive through their capture rules: one click or the monthly batch, never twice."""

import frappe
import pytest

from archive_mgmt.api import office as api
from archive_mgmt.capture import batch as batches
from archive_mgmt.exceptions import CaptureError
from tests.integration.app.test_print_pdf import assets_url, served_site  # noqa: F401 (the PDF's assets)
from tests.integration.factories import as_user
from tests.integration.office_factories import (
	INCOMING,
	OUTGOING,
	draft,
	issue,
	make_concluded_incoming,
	make_office,
	register,
	set_archive_unit,
	to_numbering,
)


@pytest.fixture
def office():
	office = make_office()
	set_archive_unit(office.unit)
	return office


def test_the_rules_are_shipped_and_enabled_with_the_office_unit(office):
	for name, doctype, print_format in (
		("收文归档", INCOMING, "收文处理笺"),
		("发文归档", OUTGOING, "发文稿纸"),
	):
		rule = frappe.get_doc("Archive Capture Rule", name)
		assert (rule.source_doctype, rule.print_format, rule.enabled, rule.filing_unit) == (
			doctype,
			print_format,
			1,
			office.unit,
		)


def test_one_click_archives_an_incoming_document_once(office):
	doc = make_concluded_incoming(office, secrecy_level="秘密", sender_doc_number="市档发〔2026〕7号")
	with as_user(office.clerk):
		item = api.archive(INCOMING, doc.name)
		assert api.archive(INCOMING, doc.name) == item
	record = frappe.get_doc("Archive Item", item)
	assert (record.source_doctype, record.source_name) == (INCOMING, doc.name)
	assert record.doc_number == "市档发〔2026〕7号" and record.responsible_party == "市档案局"
	assert record.title == doc.title and record.filing_unit == office.unit and record.carrier == "电子"
	assert record.secrecy_level == "秘密"  # never below the document's level
	assert record.retention_period  # from the retention rules
	files = frappe.get_all(
		"File", filters={"attached_to_doctype": "Archive Item", "attached_to_name": item}, pluck="file_name"
	)
	assert any(f.endswith(".pdf") for f in files) and any(f.endswith(".xml") for f in files)
	assert frappe.db.get_value(INCOMING, doc.name, "archive_item") == item
	assert frappe.db.count("Archive Item", {"source_doctype": INCOMING, "source_name": doc.name}) == 1


def test_a_document_not_concluded_is_not_archived(office):
	doc = register(office)
	with as_user(office.clerk), pytest.raises(CaptureError):
		api.archive(INCOMING, doc.name)
	assert not frappe.db.exists("Archive Item", {"source_name": doc.name})


def test_documents_outside_the_filing_scope_are_not_archived(office):
	doc = make_concluded_incoming(office, within_filing_scope=0)
	with as_user(office.clerk), pytest.raises(CaptureError):
		api.archive(INCOMING, doc.name)


def test_a_handler_does_not_archive(office):
	doc = make_concluded_incoming(office)
	with as_user(office.other_handler), pytest.raises(frappe.PermissionError):
		api.archive(INCOMING, doc.name)


def test_the_monthly_batch_takes_what_one_click_did_not_and_never_twice(office):
	clicked = issue(office, to_numbering(office, draft(office)))
	left = issue(office, to_numbering(office, draft(office, title="关于召开档案工作会议的通知")))
	with as_user(office.clerk):
		item = api.archive(OUTGOING, clicked.name)
	concluded = frappe.utils.getdate(left.concluded_on)
	batch = frappe.get_doc(
		{
			"doctype": "Capture Batch",
			"capture_rule": "发文归档",
			"fiscal_year": concluded.year,
			"month": concluded.month,
		}
	).insert()
	batches.start(batch)
	for name in (clicked.name, left.name):
		assert frappe.db.count("Archive Item", {"source_doctype": OUTGOING, "source_name": name}) == 1
	assert frappe.db.get_value("Archive Item", {"source_name": clicked.name}, "name") == item
	assert frappe.db.get_value("Archive Item", {"source_name": left.name}, "doc_number") == left.doc_number


def test_the_monthly_batch_keeps_a_secret_documents_level(office):
	"""The batch captures by the rule (内部) but the item is never less secret than the document."""
	doc = make_concluded_incoming(office, secrecy_level="机密")
	concluded = frappe.utils.getdate(doc.concluded_on)
	batch = frappe.get_doc(
		{
			"doctype": "Capture Batch",
			"capture_rule": "收文归档",
			"fiscal_year": concluded.year,
			"month": concluded.month,
		}
	).insert()
	batches.start(batch)
	assert frappe.db.get_value("Archive Capture Rule", "收文归档", "secrecy_level") == "内部"
	assert frappe.db.get_value("Archive Item", {"source_name": doc.name}, "secrecy_level") == "机密"
