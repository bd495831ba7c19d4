"""发文: 拟稿 → 核稿 → 会签 (parallel) → 签发 → 编号 → 用印 → 分发 → 办结, with the 发文字号 gap-free per year."""

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError

from archive_mgmt.api import office as api
from archive_mgmt.exceptions import CirculationError, OfficeDocumentError
from tests.integration.factories import act, as_user, make_user
from tests.integration.office_factories import OUTGOING, draft, issue, make_office, to_numbering


@pytest.fixture
def office():
	return make_office()


def test_the_document_runs_to_conclusion_and_is_numbered_at_numbering(office):
	doc = to_numbering(office, draft(office))
	assert doc.workflow_state == "Numbering" and not doc.doc_number
	assert doc.checked_by == office.director and doc.signed_by == office.leader
	doc = issue(office, doc)
	assert doc.workflow_state == "Concluded" and doc.docstatus == 1
	assert doc.doc_number.startswith("某办发〔") and doc.doc_number.endswith("号")
	assert doc.sealed_by == office.clerk and doc.distributed_on


def test_numbers_run_gap_free_in_order_of_numbering(office):
	first, second = (issue(office, to_numbering(office, draft(office))) for _ in range(2))
	n1 = int(first.doc_number.split("〕")[1].rstrip("号"))
	assert second.doc_number.split("〕")[1] == f"{n1 + 1}号"


def test_countersigning_waits_for_every_unit(office):
	signer_a = make_user("Handler", prefix="csa")
	signer_b = make_user("Handler", prefix="csb")
	doc = draft(office, countersigns=[(office.unit, signer_a), (office.other_unit, signer_b)])
	with as_user(office.handler):
		act(frappe.get_doc(OUTGOING, doc.name), "Submit for Checking")
	with as_user(office.director):
		act(frappe.get_doc(OUTGOING, doc.name), "Send for Countersign")
	assert frappe.db.get_value(OUTGOING, doc.name, ["workflow_state", "countersign_pending"]) == (
		"Countersigning",
		2,
	)
	with as_user(signer_a):
		assert api.countersign(doc.name, "同意") == 1
	with as_user(office.director), pytest.raises(WorkflowTransitionError):
		act(frappe.get_doc(OUTGOING, doc.name), "Approve")  # one unit still to sign
	with as_user(signer_a), pytest.raises(OfficeDocumentError):
		api.countersign(doc.name, "再签一次")
	with as_user(signer_b):
		assert api.countersign(doc.name, "无意见") == 0
	with as_user(office.director):
		act(frappe.get_doc(OUTGOING, doc.name), "Approve")
	doc = frappe.get_doc(OUTGOING, doc.name)
	assert doc.workflow_state == "Pending Signature"
	assert [(r.done, r.opinion) for r in doc.countersigns] == [(1, "同意"), (1, "无意见")]


def test_a_document_without_countersigning_units_goes_straight_to_signing(office):
	doc = draft(office)
	with as_user(office.handler):
		act(frappe.get_doc(OUTGOING, doc.name), "Submit for Checking")
	with as_user(office.director), pytest.raises(WorkflowTransitionError):
		act(frappe.get_doc(OUTGOING, doc.name), "Send for Countersign")


def test_countersigners_need_the_clearance_of_the_document(office):
	signer = make_user("Handler", prefix="cs")
	with pytest.raises(CirculationError):
		draft(office, countersigns=[(office.other_unit, signer)], secrecy_level="机密")


def test_distribution_needs_a_main_recipient(office):
	doc = to_numbering(office, draft(office, recipients=[{"recipient": "档案室", "recipient_kind": "抄送"}]))
	with as_user(office.clerk):
		act(frappe.get_doc(OUTGOING, doc.name), "Assign Number")
		act(frappe.get_doc(OUTGOING, doc.name), "Seal")
		with pytest.raises(OfficeDocumentError):
			act(frappe.get_doc(OUTGOING, doc.name), "Distribute")
	assert frappe.db.get_value(OUTGOING, doc.name, "docstatus") == 0


def test_a_returned_draft_goes_back_to_its_drafter(office):
	doc = draft(office)
	with as_user(office.handler):
		act(frappe.get_doc(OUTGOING, doc.name), "Submit for Checking")
	with as_user(office.director):
		act(frappe.get_doc(OUTGOING, doc.name), "Return for Revision")
	assert frappe.db.get_value(OUTGOING, doc.name, "workflow_state") == "Drafting"
	assert frappe.db.exists("Notification Log", {"for_user": office.handler, "document_name": doc.name})
