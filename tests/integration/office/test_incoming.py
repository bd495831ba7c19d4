"""收文: 登记 → 拟办 → 批办 → 承办 → 办结 as the role users, with its checks, 传阅 and 督办."""

import frappe
import pytest
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError

from archive_mgmt.api import office as api
from archive_mgmt.exceptions import CirculationError, OfficeDocumentError
from tests.integration.factories import act, as_user, make_user
from tests.integration.office_factories import INCOMING, conclude, make_office, register, to_handling


@pytest.fixture
def office():
	return make_office()


def test_registration_numbers_the_document_in_its_year(office):
	first, second = register(office), register(office, receipt_date="2026-03-03")
	assert first.workflow_state == "Registered" and first.docstatus == 0
	n1 = int(first.receipt_no.split("〕")[1])
	assert first.receipt_no.startswith("收〔2026〕") and second.receipt_no == f"收〔2026〕{n1 + 1:04d}"
	next_year = register(office, receipt_date="2027-01-04", deadline="2027-01-20")
	assert next_year.receipt_no.startswith("收〔2027〕")


def test_a_failed_registration_gives_its_number_back(office):
	first = register(office)
	frappe.db.savepoint("failed_registration")  # the failed request's transaction
	with pytest.raises(OfficeDocumentError):
		register(office, deadline="2026-01-01")  # before the receipt date
	frappe.db.rollback(save_point="failed_registration")
	second = register(office)
	n1 = int(first.receipt_no.split("〕")[1])
	assert second.receipt_no == f"收〔2026〕{n1 + 1:04d}"


def test_the_pattern_is_configurable(office):
	frappe.db.set_single_value(
		"Office Document Settings", "incoming_number_pattern", "{agency}收〔{year}〕{number}号"
	)
	frappe.db.set_single_value("Office Document Settings", "agency_code", "某局办")
	doc = register(office)
	assert doc.receipt_no.startswith("某局办收〔2026〕") and doc.receipt_no.endswith("号")


def test_the_document_runs_from_registration_to_conclusion_as_the_role_users(office):
	doc = to_handling(office, register(office))
	assert doc.workflow_state == "Handling"
	assert doc.proposed_by == office.director and doc.instructed_by == office.leader
	assert frappe.db.exists(
		"ToDo",
		{
			"reference_type": INCOMING,
			"reference_name": doc.name,
			"allocated_to": office.handler,
			"status": "Open",
		},
	)
	doc = conclude(office, doc)
	assert doc.workflow_state == "Concluded" and doc.docstatus == 1 and doc.concluded_on
	assert not frappe.db.exists("ToDo", {"reference_name": doc.name, "status": "Open"})


def test_each_step_needs_what_it_decides(office):
	doc = register(office)
	with as_user(office.clerk):
		act(doc, "Send for Proposal")
	with as_user(office.director), pytest.raises(OfficeDocumentError):
		act(frappe.get_doc(INCOMING, doc.name), "Propose")  # no 拟办意见
	assert frappe.db.get_value(INCOMING, doc.name, "workflow_state") == "Pending Proposal"


def test_only_the_named_handler_concludes(office):
	doc = to_handling(office, register(office))
	with as_user(office.other_handler):
		d = frappe.get_doc(INCOMING, doc.name)
		d.handling_result = "越权办结"
		with pytest.raises((WorkflowPermissionError, frappe.PermissionError, frappe.ValidationError)):
			act(d, "Conclude")
	assert frappe.db.get_value(INCOMING, doc.name, "docstatus") == 0


def test_the_clerk_cannot_instruct(office):
	doc = register(office)
	with as_user(office.clerk):
		act(doc, "Send for Proposal")
		with pytest.raises((WorkflowPermissionError, WorkflowTransitionError)):
			act(frappe.get_doc(INCOMING, doc.name), "Propose")


def test_circulation_within_clearance_and_confirmed_by_the_reader(office):
	reader = make_user("Leader in Charge", prefix="reader")
	doc = register(office, secrecy_level="秘密")
	with as_user(office.clerk):
		doc = frappe.get_doc(INCOMING, doc.name)
		doc.append("readers", {"user": reader})
		with pytest.raises(CirculationError):
			doc.save()  # 内部 clearance may not read a 秘密 document
	doc = register(office)
	with as_user(office.clerk):
		doc = frappe.get_doc(INCOMING, doc.name)
		doc.append("readers", {"user": reader})
		doc.save()
	assert frappe.db.exists("Notification Log", {"for_user": reader, "document_name": doc.name})
	with as_user(reader):
		api.confirm_read(doc.name)
	row = frappe.get_all(
		"Office Document Reader", filters={"parent": doc.name}, fields=["confirmed", "read_on"]
	)[0]
	assert row.confirmed and row.read_on
	with as_user(office.other_handler), pytest.raises((CirculationError, frappe.PermissionError)):
		api.confirm_read(doc.name)


def test_a_form_save_cannot_mark_a_reading(office):
	reader = make_user("Leader in Charge", prefix="reader")
	doc = register(office)
	with as_user(office.clerk):
		doc = frappe.get_doc(INCOMING, doc.name)
		doc.append("readers", {"user": reader, "confirmed": 1})
		doc.save()
	assert not frappe.db.get_value("Office Document Reader", {"parent": doc.name}, "confirmed")


def test_supervision_rounds_take_feedback_from_the_handler(office):
	doc = to_handling(office, register(office))
	with as_user(office.director):
		doc = frappe.get_doc(INCOMING, doc.name)
		doc.is_supervised = 1
		with pytest.raises(OfficeDocumentError):
			doc.save()  # no 督办事项
		doc = frappe.get_doc(INCOMING, doc.name)  # as the desk does after a refused save
		doc.is_supervised = 1
		doc.supervision_matter = "检查自查报告报送进度"
		doc.append("supervision_rounds", {"requirement": "报送自查计划", "due_date": "2026-03-10"})
		doc.append("supervision_rounds", {"requirement": "报送自查报告", "due_date": "2026-03-18"})
		doc.save()
	first = doc.supervision_rounds[0].name
	with as_user(office.handler):
		api.give_feedback(doc.name, first, "自查计划已报送")
	with as_user(office.other_handler), pytest.raises(frappe.PermissionError):
		api.give_feedback(doc.name, first, "不是我的")
	row = frappe.db.get_value(
		"Office Supervision Round", first, ["feedback", "feedback_by", "feedback_on"], as_dict=True
	)
	assert row.feedback == "自查计划已报送" and row.feedback_by == office.handler and row.feedback_on


def test_urgent_documents_come_first_in_the_list(office):
	ordinary = register(office, urgency="平件")
	urgent = register(office, urgency="特急")
	expedited = register(office, urgency="加急")
	with as_user(office.director):
		names = frappe.get_list(
			INCOMING,
			filters={"name": ("in", [ordinary.name, urgent.name, expedited.name])},
			pluck="name",
			order_by=frappe.get_meta(INCOMING).sort_field + " desc",
		)
	assert names == [urgent.name, expedited.name, ordinary.name]
	assert frappe.get_meta(INCOMING).sort_field == "urgency_rank"
