import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import add_days, today

from archive_mgmt.api.utilization import return_items
from archive_mgmt.exceptions import (
	EffectRecordRequiredError,
	IntroductionLetterRequiredError,
	ItemNotLendableError,
	LoanError,
	NotIssuedError,
	RejectionReasonRequiredError,
	SelfApprovalError,
)
from archive_mgmt.filing import item_status
from archive_mgmt.utilization.overdue import mark_overdue_loans
from tests.integration.factories import act, as_user, make_filed_item, make_item, make_user
from tests.integration.loan_factories import (
	approved_loan,
	filed_items,
	issued_loan,
	make_loan,
	make_loan_world,
	reload,
	step,
)

LETTER = "/files/introduction-letter.pdf"


@pytest.fixture
def lw(world):
	frappe.db.set_single_value("Archive Settings", "secrecy_approver", None)
	return make_loan_world(world)


def state(doc):
	return frappe.db.get_value("Loan Request", doc.name, "workflow_state")


def statuses(items):
	return [frappe.db.get_value("Archive Item", i, "status") for i in items]


def notifications(user, doc):
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": "Loan Request", "document_name": doc.name},
		pluck="subject",
	)


def effect_record(loan, **values):
	return frappe.get_doc(
		{
			"doctype": "Utilization Effect Record",
			"loan_request": loan.name,
			"effect": "编研",
			"description": "用于编写2024年大事记",
			**values,
		}
	).insert()


# --- the two flows, end to end ------------------------------------------------------------------


def test_internal_loan_end_to_end(lw):
	items = filed_items(lw, 2)
	with as_user(lw.borrower):
		doc = make_loan(items, borrower_unit=lw.unit)
		assert doc.borrower == lw.borrower and doc.workflow_state == "Draft"
		doc = act(doc, "Submit")
	assert doc.workflow_state == "Pending Office Director"
	doc = step(lw, doc, "Approve", lw.director)
	assert doc.workflow_state == "Pending Leader" and doc.office_director_approved_by == lw.director
	doc = step(lw, doc, "Approve", lw.leader)
	assert doc.workflow_state == "Approved" and doc.leader_approved_by == lw.leader
	assert statuses(items) == ["Filed", "Filed"]

	doc = step(lw, doc, "Issue Items", lw.manager)
	assert doc.workflow_state == "Issued"
	assert statuses(items) == ["On Loan", "On Loan"]
	assert all(r.issued_by == lw.manager and r.issued_on for r in reload(doc).items)
	assert any("Issued" in s or "已出借" in s for s in notifications(lw.borrower, doc))

	with as_user(lw.manager):
		result = return_items(doc.name, [items[0]], "完整")
	assert result["workflow_state"] == "Issued"
	assert statuses(items) == ["Filed", "On Loan"]
	with as_user(lw.manager):
		result = return_items(doc.name, [items[1]], "缺页", "第3页缺失")
	assert result["workflow_state"] == "Items Returned"
	assert statuses(items) == ["Filed", "Filed"]
	rows = {r.archive_item: r for r in reload(doc).items}
	assert rows[items[1]].return_condition == "缺页" and rows[items[1]].received_by == lw.manager

	with as_user(lw.manager):
		with pytest.raises(EffectRecordRequiredError):
			act(reload(doc), "Complete")
	assert state(doc) == "Items Returned"
	with as_user(lw.borrower):
		record = effect_record(doc)
	assert [r.archive_item for r in record.items] == sorted(items)
	doc = step(lw, doc, "Complete", lw.manager)
	assert doc.workflow_state == "Completed" and doc.effect_record == record.name


def test_external_consultation_of_a_secret_item_end_to_end(lw):
	secret = make_filed_item(lw, secrecy_level="机密").name
	ordinary = make_filed_item(lw).name
	with as_user(lw.manager):
		doc = make_loan(
			[secret, ordinary],
			borrower_type="External",
			external_organisation="某市审计局",
			contact_person="赵六",
			id_document="身份证 110101199001011234",
			use_mode="阅览",
		)
		assert doc.borrower is None and doc.needs_secrecy_approval
		with pytest.raises(IntroductionLetterRequiredError):
			act(doc, "Submit")
		assert state(doc) == "Draft"
		doc.introduction_letter = LETTER
		doc.save()
		act(doc, "Submit")
	step(lw, doc, "Approve", lw.director)
	doc = step(lw, doc, "Approve", lw.leader)
	assert doc.workflow_state == "Pending Secrecy Approval"
	doc = step(lw, doc, "Approve", lw.principal)
	assert doc.workflow_state == "Approved" and doc.secrecy_approved_by == lw.principal

	doc = step(lw, doc, "Issue Items", lw.manager)
	assert statuses([secret, ordinary]) == ["Filed", "Filed"]  # reading room: the items stay in the room
	assert all(r.issued_on for r in doc.items)
	doc = step(lw, doc, "Return Items", lw.manager)
	assert doc.workflow_state == "Items Returned"
	assert all(r.returned_on and r.return_condition == "完整" for r in doc.items)

	with as_user(lw.manager):
		with pytest.raises(EffectRecordRequiredError):
			act(reload(doc), "Complete")
		doc = reload(doc)
		doc.waive_effect_record = 1
		doc.save()
		doc = act(doc, "Complete")
	assert doc.workflow_state == "Completed" and not doc.effect_record


def test_a_dossier_lends_all_its_items(lw):
	items = filed_items(lw, 2)
	with as_user(lw.manager):
		dossier = frappe.get_doc(
			{
				"doctype": "Dossier",
				"fonds": lw.fonds,
				"category": "WS",
				"year": 2024,
				"retention_period": "D30",
				"filing_unit": lw.unit,
				"title": "2024年检查工作案卷",
				"items": [{"archive_item": i} for i in items],
			}
		).insert()
	with as_user(lw.borrower):
		doc = frappe.get_doc(
			{
				"doctype": "Loan Request",
				"purpose": "查阅",
				"use_mode": "借出",
				"due_date": add_days(today(), 7),
				"items": [{"dossier": dossier.name}],
			}
		).insert()
	assert sorted(r.archive_item for r in doc.items) == sorted(items)
	assert all(r.dossier == dossier.name and r.reference_code for r in doc.items)


# --- refusals ---------------------------------------------------------------------------------


def test_wrong_role_is_refused_at_every_step(lw):
	items = filed_items(lw, 1)
	with as_user(lw.borrower):
		doc = act(make_loan(items), "Submit")
		with pytest.raises(WorkflowTransitionError):
			act(doc, "Approve")
	with as_user(lw.leader):
		with pytest.raises(WorkflowTransitionError):
			act(reload(doc), "Approve")
	assert state(doc) == "Pending Office Director"
	doc = step(lw, doc, "Approve", lw.director)
	doc = step(lw, doc, "Approve", lw.leader)
	for user in (lw.borrower, lw.director, lw.leader):
		with as_user(user):
			with pytest.raises(WorkflowTransitionError):
				act(reload(doc), "Issue Items")
	assert state(doc) == "Approved" and statuses(items) == ["Filed"]


def test_wrong_role_cannot_skip_the_workflow_by_saving_the_state(lw):
	items = filed_items(lw, 1)
	with as_user(lw.borrower):
		doc = act(make_loan(items), "Submit")
		doc = reload(doc)
		doc.workflow_state = "Approved"
		with pytest.raises(frappe.ValidationError):
			doc.save()
	assert state(doc) == "Pending Office Director"


def test_the_owner_cannot_approve_their_own_request(lw):
	director_borrower = make_user("Archive Reader", "Office Director", prefix="dirborrower")
	items = filed_items(lw, 1)
	with as_user(director_borrower):
		doc = act(make_loan(items), "Submit")
		with pytest.raises(frappe.ValidationError, match=r"(?i)self approval|own request"):
			act(reload(doc), "Approve")
	assert state(doc) == "Pending Office Director"


def test_a_borrower_registered_by_someone_else_cannot_approve_their_request(lw):
	leader_borrower = make_user("Archive Reader", "Leader in Charge", prefix="leadborrower")
	items = filed_items(lw, 1)
	with as_user(lw.manager):
		doc = act(make_loan(items, borrower=leader_borrower), "Submit")
	doc = step(lw, doc, "Approve", lw.director)
	with as_user(leader_borrower):
		with pytest.raises(SelfApprovalError):
			act(reload(doc), "Approve")
	assert state(doc) == "Pending Leader" and not reload(doc).leader_approved_by


def test_administrator_cannot_approve_a_request_they_made(lw):
	items = filed_items(lw, 1)
	doc = act(make_loan(items), "Submit")  # as Administrator
	with pytest.raises(SelfApprovalError):
		act(reload(doc), "Approve")
	assert state(doc) == "Pending Office Director"


def test_rejection_needs_a_reason_and_tells_the_borrower(lw):
	items = filed_items(lw, 1)
	with as_user(lw.borrower):
		doc = act(make_loan(items), "Submit")
	with as_user(lw.director):
		with pytest.raises(RejectionReasonRequiredError):
			act(reload(doc), "Reject")
		assert state(doc) == "Pending Office Director"
		d = reload(doc)
		d.rejection_reason = "用途不明确"
		d.save()
		doc = act(d, "Reject")
	assert doc.workflow_state == "Rejected"
	assert any("用途不明确" in s for s in notifications(lw.borrower, doc))


def test_borrower_cancels_before_issue_but_not_after(lw):
	items = filed_items(lw, 2)
	with as_user(lw.borrower):
		doc = act(make_loan(items[:1]), "Submit")
		doc = act(reload(doc), "Cancel")
	assert doc.workflow_state == "Cancelled"
	doc = issued_loan(lw, items[1:])
	with as_user(lw.borrower):
		with pytest.raises(WorkflowTransitionError):
			act(reload(doc), "Cancel")
	assert state(doc) == "Issued"


def test_external_request_without_letter_stays_in_draft(lw):
	items = filed_items(lw, 1)
	with as_user(lw.manager):
		doc = make_loan(
			items, borrower_type="External", external_organisation="某公司", contact_person="钱七"
		)
		with pytest.raises(IntroductionLetterRequiredError):
			act(doc, "Submit")
	assert state(doc) == "Draft"


def test_external_request_needs_organisation_and_contact(lw):
	items = filed_items(lw, 1)
	with as_user(lw.manager):
		with pytest.raises(LoanError):
			make_loan(items, borrower_type="External")


def test_draft_and_destroyed_items_cannot_be_requested(lw):
	draft = make_item(lw).name
	destroyed = make_filed_item(lw).name
	item_status.change(destroyed, "Destroyed")
	before = frappe.db.count("Loan Request")
	with as_user(lw.borrower):
		for item in (draft, destroyed):
			with pytest.raises(ItemNotLendableError):
				make_loan([item])
	assert frappe.db.count("Loan Request") == before


def test_an_item_on_loan_cannot_be_requested_or_lent_again(lw):
	items = filed_items(lw, 1)
	first = approved_loan(lw, items)
	second = approved_loan(lw, items)
	step(lw, first, "Issue Items", lw.manager)
	with as_user(lw.manager):
		with pytest.raises(ItemNotLendableError, match="On Loan"):
			act(reload(second), "Issue Items")
	assert state(second) == "Approved"
	assert statuses(items) == ["On Loan"]
	with as_user(lw.borrower):
		with pytest.raises(ItemNotLendableError):
			make_loan(items)


def test_an_item_on_loan_cannot_be_destroyed(lw):
	items = filed_items(lw, 1)
	issued_loan(lw, items)
	with pytest.raises(frappe.ValidationError):
		item_status.change(items[0], "Destroyed")
	assert statuses(items) == ["On Loan"]


def test_returning_what_was_not_issued_is_refused(lw):
	items = filed_items(lw, 3)
	approved = approved_loan(lw, items[:1])
	with as_user(lw.manager):
		with pytest.raises(NotIssuedError):
			return_items(approved.name, items[:1])
	doc = issued_loan(lw, items[1:2])
	with as_user(lw.manager):
		with pytest.raises(NotIssuedError):
			return_items(doc.name, [items[2]])
		return_items(doc.name, [items[1]])
	with as_user(lw.manager):
		with pytest.raises(NotIssuedError):
			return_items(doc.name, [items[1]])  # already back
	assert statuses(items) == ["Filed", "Filed", "Filed"]


def test_only_the_archive_manager_receives_returns(lw):
	items = filed_items(lw, 1)
	doc = issued_loan(lw, items)
	with as_user(lw.borrower):
		with pytest.raises(frappe.PermissionError):
			return_items(doc.name, items)
	assert statuses(items) == ["On Loan"] and state(doc) == "Issued"


def test_damage_on_return_needs_notes(lw):
	items = filed_items(lw, 1)
	doc = issued_loan(lw, items)
	with as_user(lw.manager):
		with pytest.raises(LoanError):
			return_items(doc.name, items, "损坏")
	assert statuses(items) == ["On Loan"]


def test_copies_are_counted_and_certified_on_return(lw):
	items = filed_items(lw, 1)
	doc = issued_loan(lw, items, use_mode="复制")
	with as_user(lw.manager):
		with pytest.raises(LoanError):
			act(reload(doc), "Return Items")
		d = reload(doc)
		d.copied_pages = 5
		d.save()
		doc = act(d, "Return Items")
	assert doc.copies_certified_by == lw.manager and doc.copied_pages == 5


def test_secret_items_do_not_skip_the_secrecy_step(lw):
	secret = make_filed_item(lw, secrecy_level="秘密").name
	with as_user(lw.borrower):
		doc = act(make_loan([secret]), "Submit")
	step(lw, doc, "Approve", lw.director)
	doc = step(lw, doc, "Approve", lw.leader)
	assert doc.workflow_state == "Pending Secrecy Approval"
	with as_user(lw.leader):
		with pytest.raises(WorkflowTransitionError):
			act(reload(doc), "Approve")
	with as_user(lw.manager):
		with pytest.raises(WorkflowTransitionError):
			act(reload(doc), "Issue Items")
	assert state(doc) == "Pending Secrecy Approval"


def test_leader_cannot_force_approved_on_a_secret_request(lw):
	secret = make_filed_item(lw, secrecy_level="绝密").name
	with as_user(lw.borrower):
		doc = act(make_loan([secret]), "Submit")
	step(lw, doc, "Approve", lw.director)
	with as_user(lw.leader):
		d = reload(doc)
		d.workflow_state = "Approved"
		with pytest.raises(frappe.ValidationError):
			d.save()
	assert state(doc) == "Pending Leader"


def test_only_the_named_secrecy_approver_approves_when_one_is_set(lw):
	other_principal = make_user("Principal", prefix="principal2")
	frappe.db.set_single_value("Archive Settings", "secrecy_approver", lw.principal)
	secret = make_filed_item(lw, secrecy_level="秘密").name
	with as_user(lw.borrower):
		doc = act(make_loan([secret]), "Submit")
	assert reload(doc).secrecy_approver == lw.principal
	step(lw, doc, "Approve", lw.director)
	step(lw, doc, "Approve", lw.leader)
	with as_user(other_principal):
		with pytest.raises(WorkflowTransitionError):
			act(reload(doc), "Approve")
	doc = step(lw, doc, "Approve", lw.principal)
	assert doc.workflow_state == "Approved"


def test_items_cannot_change_after_submission(lw):
	items = filed_items(lw, 2)
	with as_user(lw.borrower):
		doc = act(make_loan(items[:1]), "Submit")
	with as_user(lw.director):
		d = reload(doc)
		d.append("items", {"archive_item": items[1]})
		with pytest.raises(LoanError):
			d.save()
	assert [r.archive_item for r in reload(doc).items] == items[:1]


def test_only_the_archive_manager_waives_the_effect_record(lw):
	items = filed_items(lw, 1)
	doc = step(lw, issued_loan(lw, items), "Return Items", lw.manager)
	with as_user(lw.borrower):
		d = reload(doc)
		d.waive_effect_record = 1
		with pytest.raises(frappe.PermissionError):
			d.save()
	assert not frappe.db.get_value("Loan Request", doc.name, "waive_effect_record")


def test_effect_record_only_after_issue_and_only_for_lent_items(lw):
	items = filed_items(lw, 2)
	doc = approved_loan(lw, items[:1])
	with as_user(lw.borrower):
		with pytest.raises(LoanError):
			effect_record(doc)
	doc = step(lw, doc, "Issue Items", lw.manager)
	with as_user(lw.borrower):
		with pytest.raises(LoanError):
			effect_record(doc, items=[{"archive_item": items[1]}])
		effect_record(doc)
		with pytest.raises(LoanError):
			effect_record(doc)  # one per loan


# --- permissions --------------------------------------------------------------------------------


def test_borrowers_see_only_their_own_requests(lw):
	items = filed_items(lw, 2)
	with as_user(lw.borrower):
		mine = make_loan(items[:1])
	with as_user(lw.other_borrower):
		theirs = act(make_loan(items[1:]), "Submit")
		visible = set(frappe.get_list("Loan Request", pluck="name"))
		assert theirs.name in visible and mine.name not in visible
		assert not frappe.has_permission("Loan Request", "read", mine.name)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Loan Request", mine.name).check_permission("read")
	with as_user(lw.director):
		visible = set(frappe.get_list("Loan Request", pluck="name"))
		assert theirs.name in visible and mine.name not in visible  # drafts stay private
	with as_user(lw.manager):
		visible = set(frappe.get_list("Loan Request", pluck="name"))
		assert {mine.name, theirs.name} <= visible


def test_borrowers_see_only_their_own_effect_records(lw):
	items = filed_items(lw, 1)
	doc = issued_loan(lw, items)
	with as_user(lw.borrower):
		record = effect_record(doc)
	with as_user(lw.other_borrower):
		assert record.name not in frappe.get_list("Utilization Effect Record", pluck="name")
		assert not frappe.has_permission("Utilization Effect Record", "read", record.name)


# --- overdue ------------------------------------------------------------------------------------


def test_overdue_loans_are_marked_and_people_told_in_chinese(lw):
	items = filed_items(lw, 2)
	late = issued_loan(lw, items[:1], start_date=add_days(today(), -20), due_date=add_days(today(), -3))
	on_time = issued_loan(lw, items[1:], due_date=add_days(today(), 3))
	marked = mark_overdue_loans()
	assert late.name in marked and on_time.name not in marked
	assert frappe.db.get_value("Loan Request", late.name, "is_overdue") == 1
	assert frappe.db.get_value("Loan Request", on_time.name, "is_overdue") == 0
	for user in (lw.borrower, lw.manager):
		assert any("逾期" in s for s in notifications(user, late))
	assert late.name not in mark_overdue_loans()  # told once


# --- reports ------------------------------------------------------------------------------------


def run_report(name, **filters):
	from frappe.desk.query_report import run

	result = run(name, filters=filters)
	return result["result"]


def test_reports_return_the_seeded_loans(lw):
	items = filed_items(lw, 4)
	returned = issued_loan(lw, items[:2], start_date=add_days(today(), -30), due_date=add_days(today(), -20))
	with as_user(lw.manager):
		return_items(returned.name, items[:2])
	with as_user(lw.borrower):
		effect_record(returned)
	late = issued_loan(lw, items[2:3], start_date=add_days(today(), -10), due_date=add_days(today(), -2))
	with as_user(lw.borrower):
		draft = make_loan(items[3:])

	with as_user(lw.manager):
		rows = run_report("Loan Register", fonds=lw.fonds)
		assert sorted((r["loan"], r["archive_item"]) for r in rows) == sorted(
			[(returned.name, items[0]), (returned.name, items[1]), (late.name, items[2])]
		)
		assert draft.name not in {r["loan"] for r in rows}
		back = [r for r in rows if r["loan"] == returned.name]
		assert all(r["returned_on"] and r["received_by"] == lw.manager for r in back)
		assert [r["loan"] for r in run_report("Loan Register", fonds=lw.fonds, status="Issued")] == [
			late.name
		]
		assert [r["archive_item"] for r in run_report("Loan Register", archive_item=items[1])] == [items[1]]
		assert {r["loan"] for r in run_report("Loan Register", borrower=lw.borrower, fonds=lw.fonds)} == {
			returned.name,
			late.name,
		}

		overdue = [r for r in run_report("Overdue Loans") if r["loan"] in (returned.name, late.name)]
		assert [(r["loan"], r["days_overdue"], r["items_out"]) for r in overdue] == [(late.name, 2, 1)]

		effects = run_report("Utilization Effect Register", loan_request=returned.name)
		assert sorted(r["archive_item"] for r in effects) == sorted(items[:2])
		assert all(r["effect"] == "编研" for r in effects)
		assert run_report("Utilization Effect Register", loan_request=returned.name, effect="凭证") == []


def test_loan_register_is_refused_to_borrowers(lw):
	from frappe.desk.query_report import run

	with as_user(lw.borrower):
		with pytest.raises(frappe.PermissionError):
			run("Loan Register", filters={})


def test_a_reader_reads_an_item_and_its_attachments_only_while_lent_to_them(lw):
	item = make_filed_item(lw).name
	attachment = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "scan.txt",
			"content": b"scan",
			"is_private": 1,
			"attached_to_doctype": "Archive Item",
			"attached_to_name": item,
		}
	).insert(ignore_permissions=True)

	def can_read():
		with as_user(lw.borrower):
			return (
				frappe.has_permission("Archive Item", "read", item),
				frappe.has_permission("File", "read", attachment.name),
				item in frappe.get_list("Archive Item", pluck="name", filters={"fonds": lw.fonds}),
			)

	doc = approved_loan(lw, [item])
	assert can_read() == (False, False, False)  # requested and approved is not enough
	doc = step(lw, doc, "Issue Items", lw.manager)
	assert can_read() == (True, True, True)
	with as_user(lw.other_borrower):
		assert not frappe.has_permission("Archive Item", "read", item)
	step(lw, doc, "Return Items", lw.manager)
	assert can_read() == (False, False, False)
	with as_user(lw.director):
		assert frappe.has_permission("Archive Item", "read", item)


def test_a_borrower_finds_filed_items_to_request_but_not_drafts(world):
	from archive_mgmt.api.utilization import lendable_items
	from tests.integration.factories import as_user, make_filed_item, make_item

	filed, draft = make_filed_item(world, title="可借阅的档案甲"), make_item(world, title="可借阅的档案乙")
	with as_user(world.reader):
		found = {row[0] for row in lendable_items("Archive Item", "可借阅的档案", "name", 0, 20, {})}
	assert filed.name in found and draft.name not in found
