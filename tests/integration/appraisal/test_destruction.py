"""Appraisal and destruction driven end to end by the real roles, and every refusal on the way."""

import os
from io import BytesIO

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError
from openpyxl import load_workbook

from archive_mgmt.api.appraisal import add_items
from archive_mgmt.appraisal.destruction_register import register_workbook
from archive_mgmt.appraisal.report.due_for_appraisal import due_for_appraisal
from archive_mgmt.exceptions import (
	AppraisalError,
	BatchLockedError,
	DestroyedItemError,
	DestructionEligibilityError,
	ExecutionError,
	HoldError,
	RejectionReasonRequiredError,
)
from archive_mgmt.filing import item_status
from tests.integration.destruction_factories import (
	approve_all,
	approved_batch,
	decide,
	execute,
	hold,
	lend,
	make_batch,
	make_destruction_world,
	make_expired_item,
	record_execution,
	reload,
	start_appraisal,
	submit_appraisal,
)
from tests.integration.factories import act, as_user, make_filed_item, make_item, make_user


@pytest.fixture
def w():
	return make_destruction_world()


def item_row(name, *fields):
	return frappe.db.get_value("Archive Item", name, list(fields), as_dict=True)


def attach(item, content: bytes):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "scan.txt",
			"attached_to_doctype": "Archive Item",
			"attached_to_name": item,
			"content": content,
			"is_private": 1,
		}
	).insert()


# Retention


def test_changing_retention_recomputes_expiry_and_is_tracked(w):
	item = make_filed_item(w, year=2020, retention_period="D10")
	assert str(item.expiry_date) == "2031-01-01"
	with as_user(w.manager):
		doc = frappe.get_doc("Archive Item", item.name)
		doc.retention_period = "D30"
		doc.save(ignore_version=False)
	assert str(item_row(item.name, "expiry_date").expiry_date) == "2051-01-01"
	versions = frappe.get_all(
		"Version", filters={"ref_doctype": "Archive Item", "docname": item.name}, pluck="data"
	)
	assert any('"retention_period"' in v and "D30" in v for v in versions)


# The whole process


def test_a_batch_goes_end_to_end_and_carries_out_each_decision(w):
	destroy, extend, keep, transfer = (make_expired_item(w).name for _ in range(4))
	scan = attach(destroy, frappe.generate_hash().encode())
	path = scan.get_full_path()
	assert os.path.exists(path)

	batch = make_batch(w)
	with as_user(w.lead):
		result = add_items(batch.name, [destroy, extend, keep, transfer])
	assert sorted(result["added"]) == sorted([destroy, extend, keep, transfer]) and not result["refused"]
	start_appraisal(w, batch)
	decide(
		w,
		batch,
		{destroy: "Destroy", extend: ("Extend", "D30"), keep: "Keep Permanently", transfer: "Transfer"},
	)
	assert submit_appraisal(w, batch).workflow_state == "Pending Office Director"
	with as_user(w.director):
		assert act(reload(batch), "Approve").workflow_state == "Pending Leader"
	with as_user(w.leader):
		assert act(reload(batch), "Approve").workflow_state == "Pending Principal"
	with as_user(w.principal):
		assert act(reload(batch), "Approve").workflow_state == "Approved"
	record_execution(w, batch)
	done = execute(w, batch)

	assert done.workflow_state == "Destroyed" and done.destroyed_count == 1
	assert (
		done.appraised_by,
		done.office_director_approver,
		done.leader_approver,
		done.principal_approver,
	) == (
		w.appraisers[1],
		w.director,
		w.leader,
		w.principal,
	)
	gone = item_row(
		destroy, "status", "destroyed_on", "destroyed_by", "destruction_batch", "reference_code", "title"
	)
	assert gone.status == "Destroyed" and gone.destruction_batch == batch.name and gone.destroyed_by == w.lead
	assert str(gone.destroyed_on) == "2026-06-30 10:00:00"
	assert gone.reference_code and gone.title  # the tombstone keeps the catalogue entry
	assert not frappe.db.exists("File", scan.name) and not os.path.exists(path)

	extended = item_row(extend, "status", "retention_period", "expiry_date")
	assert (extended.status, extended.retention_period, str(extended.expiry_date)) == (
		"Filed",
		"D30",
		"2031-01-01",
	)
	kept = item_row(keep, "status", "retention_period", "expiry_date")
	assert (kept.status, kept.retention_period, kept.expiry_date) == ("Filed", "Y", None)
	moving = item_row(transfer, "status", "transfer_pending")
	assert (moving.status, moving.transfer_pending) == ("Filed", 1)


def test_keep_decision_on_one_item_is_never_overridden(w):
	"""The peers' known failure: one item kept, the bulk destroy removes it anyway."""
	items = [make_expired_item(w).name for _ in range(5)]
	decisions = {i: "Destroy" for i in items}
	decisions[items[2]] = "Keep Permanently"
	execute(w, approved_batch(w, decisions))
	statuses = [item_row(i, "status").status for i in items]
	assert statuses == ["Destroyed", "Destroyed", "Filed", "Destroyed", "Destroyed"]


# Adding items


def test_bulk_add_refuses_each_ineligible_item_with_its_reason(w):
	ok = make_expired_item(w).name
	unexpired = make_filed_item(w, year=2024).name
	draft = make_item(w, year=2000, retention_period="D10").name
	on_loan = make_expired_item(w).name
	lend(on_loan)
	held = make_expired_item(w).name
	hold([held])
	permanent = make_expired_item(w, retention_period="Y").name
	destroyed = make_expired_item(w).name
	execute(w, approved_batch(w, {destroyed: "Destroy"}))

	batch = make_batch(w)
	with as_user(w.lead):
		result = add_items(batch.name, [ok, unexpired, draft, on_loan, held, permanent, destroyed])
	assert result["added"] == [ok]
	reasons = {r["archive_item"]: r["reasons"] for r in result["refused"]}
	assert reasons == {
		unexpired: ["unexpired"],
		draft: ["draft"],
		on_loan: ["on loan"],
		held: ["held"],
		permanent: ["permanent"],
		destroyed: ["destroyed"],
	}
	assert [r.archive_item for r in reload(batch).items] == [ok]


def test_an_item_in_an_open_batch_cannot_join_another(w):
	item = make_expired_item(w).name
	make_batch(w, [item])
	other = make_batch(w)
	with as_user(w.lead):
		result = add_items(other.name, [item])
	assert result["refused"][0]["reasons"] == ["in another batch"] and not reload(other).items


def test_adding_one_by_one_is_checked_too(w):
	batch = make_batch(w)
	held = make_expired_item(w).name
	hold([held])
	with as_user(w.lead):
		doc = reload(batch)
		doc.append("items", {"archive_item": held})
		with pytest.raises(DestructionEligibilityError, match=held):
			doc.save()
	assert not reload(batch).items


def test_a_dossier_hold_covers_its_items(w):
	item = make_expired_item(w).name
	dossier = frappe.get_doc(
		{
			"doctype": "Dossier",
			"title": "2000年行政文书",
			"fonds": w.fonds,
			"category": "WS",
			"year": 2000,
			"retention_period": "D10",
			"filing_unit": w.unit,
			"items": [{"archive_item": item}],
		}
	).insert()
	hold(dossiers=[dossier.name])
	batch = make_batch(w)
	with as_user(w.lead):
		assert add_items(batch.name, [item])["refused"][0]["reasons"] == ["held"]


def test_someone_without_write_permission_cannot_add(w):
	batch = make_batch(w)
	item = make_expired_item(w).name
	with as_user(w.reader), pytest.raises(frappe.PermissionError):
		add_items(batch.name, [item])
	assert not reload(batch).items


# Appraisal


def test_the_appraisal_group_needs_three_appraisers_including_an_archive_manager(w):
	item = make_expired_item(w).name
	two = make_batch(w, [item], members=w.appraisers[:2])
	with as_user(w.lead), pytest.raises(AppraisalError):
		act(reload(two), "Start Appraisal")
	assert reload(two).workflow_state == "Draft"
	frappe.db.delete("Destruction Batch Item", {"parent": two.name})

	no_manager = make_batch(w, [item], members=[*w.appraisers[1:], make_user("Appraisal Member")])
	with as_user(w.lead), pytest.raises(AppraisalError):
		act(reload(no_manager), "Start Appraisal")
	assert reload(no_manager).workflow_state == "Draft"


def test_a_group_member_needs_the_appraisal_member_role(w):
	with pytest.raises(AppraisalError):
		make_batch(w, members=[*w.appraisers, w.clerk])


def test_the_batch_cannot_leave_appraisal_while_an_item_is_undecided(w):
	a, b = make_expired_item(w).name, make_expired_item(w).name
	batch = make_batch(w, [a, b])
	start_appraisal(w, batch)
	decide(w, batch, {a: "Destroy"})
	with pytest.raises(AppraisalError, match=b):
		submit_appraisal(w, batch)
	assert reload(batch).workflow_state == "Appraisal"


@pytest.mark.parametrize("period", [None, "D5", "D10"])
def test_extend_needs_a_longer_retention_period(w, period):
	item = make_expired_item(w).name
	batch = make_batch(w, [item])
	start_appraisal(w, batch)
	decide(w, batch, {item: ("Extend", period)})
	with pytest.raises(AppraisalError):
		submit_appraisal(w, batch)
	assert reload(batch).workflow_state == "Appraisal"


def test_only_a_member_of_the_group_submits_the_appraisal(w):
	item = make_expired_item(w).name
	batch = make_batch(w, [item])
	start_appraisal(w, batch)
	decide(w, batch, {item: "Destroy"})
	outsider = make_user("Appraisal Member")
	with pytest.raises(AppraisalError):
		submit_appraisal(w, batch, member=outsider)
	assert reload(batch).workflow_state == "Appraisal"


def test_decisions_are_fixed_once_the_appraisal_is_submitted(w):
	item = make_expired_item(w).name
	batch = make_batch(w, [item])
	start_appraisal(w, batch)
	decide(w, batch, {item: "Keep Permanently"})
	submit_appraisal(w, batch)
	with as_user(w.director):
		doc = reload(batch)
		doc.items[0].decision = "Destroy"
		with pytest.raises(BatchLockedError):
			doc.save()
	assert reload(batch).items[0].decision == "Keep Permanently"


# Approval


@pytest.mark.parametrize("step", [0, 1, 2])
def test_rejection_needs_a_reason_at_each_step(w, step):
	item = make_expired_item(w).name
	batch = make_batch(w, [item])
	start_appraisal(w, batch)
	decide(w, batch, {item: "Destroy"})
	submit_appraisal(w, batch)
	approvers = [w.director, w.leader, w.principal]
	for user in approvers[:step]:
		with as_user(user):
			act(reload(batch), "Approve")
	state = reload(batch).workflow_state
	with as_user(approvers[step]):
		with pytest.raises(RejectionReasonRequiredError):
			act(reload(batch), "Reject")
		assert reload(batch).workflow_state == state
		doc = reload(batch)
		doc.rejection_reason = "鉴定意见不充分"
		doc.save()
		assert act(reload(batch), "Reject").workflow_state == "Rejected"
	assert reload(batch).rejected_by == approvers[step]
	assert item_row(item, "status").status == "Filed"


def test_each_approval_belongs_to_its_role(w):
	item = make_expired_item(w).name
	batch = make_batch(w, [item])
	start_appraisal(w, batch)
	decide(w, batch, {item: "Destroy"})
	submit_appraisal(w, batch)
	for wrong in (w.leader, w.principal, w.lead):
		with as_user(wrong), pytest.raises(WorkflowTransitionError):
			act(reload(batch), "Approve")
	assert reload(batch).workflow_state == "Pending Office Director"


def test_a_rejected_batch_is_revised_and_approved_again(w):
	item = make_expired_item(w).name
	batch = make_batch(w, [item])
	start_appraisal(w, batch)
	decide(w, batch, {item: "Destroy"})
	submit_appraisal(w, batch)
	with as_user(w.director):
		doc = reload(batch)
		doc.rejection_reason = "补充鉴定意见"
		doc.save()
		act(reload(batch), "Approve")
	with as_user(w.leader):
		doc = reload(batch)
		doc.rejection_reason = "补充鉴定意见"
		doc.save()
		act(reload(batch), "Reject")
	with as_user(w.lead):
		revised = act(reload(batch), "Revise")
	assert revised.workflow_state == "Draft" and not revised.office_director_approver
	start_appraisal(w, batch)
	submit_appraisal(w, batch)
	assert approve_all(w, batch).workflow_state == "Approved"


# Execution


def test_execution_needs_date_place_method_and_two_different_supervisors(w):
	item = make_expired_item(w).name
	batch = make_batch(w, [item])
	start_appraisal(w, batch)
	decide(w, batch, {item: "Destroy"})
	submit_appraisal(w, batch)
	approve_all(w, batch)
	with pytest.raises(ExecutionError):
		execute(w, batch)
	record_execution(w, batch, supervisors=[w.supervisors[0], w.supervisors[0]])
	with pytest.raises(ExecutionError):
		execute(w, batch)
	assert reload(batch).workflow_state == "Approved" and item_row(item, "status").status == "Filed"
	record_execution(w, batch)
	assert execute(w, batch).workflow_state == "Destroyed"


@pytest.mark.parametrize("appears", ["hold", "loan", "dossier hold"])
def test_a_hold_or_loan_appearing_after_approval_stops_the_destruction(w, appears):
	item, other = make_expired_item(w).name, make_expired_item(w).name
	batch = approved_batch(w, {item: "Destroy", other: "Destroy"})
	if appears == "hold":
		hold([item])
	elif appears == "loan":
		lend(item)
	else:
		dossier = frappe.get_doc(
			{
				"doctype": "Dossier",
				"title": "卷",
				"fonds": w.fonds,
				"category": "WS",
				"year": 2000,
				"retention_period": "D10",
				"filing_unit": w.unit,
				"items": [{"archive_item": item}],
			}
		).insert()
		hold(dossiers=[dossier.name])
	with pytest.raises(DestructionEligibilityError, match=item):
		execute(w, batch)
	assert reload(batch).workflow_state == "Approved"
	assert [item_row(i, "status").status for i in (item, other)] != ["Destroyed"] * 2
	assert item_row(other, "status").status == "Filed"


def test_a_released_hold_no_longer_stops_it(w):
	item = make_expired_item(w).name
	batch = approved_batch(w, {item: "Destroy"})
	h = hold([item])
	with pytest.raises(DestructionEligibilityError):
		execute(w, batch)
	h.active = 0
	h.save()
	assert h.released_on and h.released_by == "Administrator"
	assert execute(w, batch).workflow_state == "Destroyed"


def test_a_held_item_cannot_be_destroyed_or_transferred_by_any_process(w):
	item = make_expired_item(w).name
	hold([item])
	for status in ("Destroyed", "Transferred"):
		with pytest.raises(HoldError):
			item_status.change(item, status)
	assert item_row(item, "status").status == "Filed"


def test_hold_rules(w):
	item = make_expired_item(w).name
	with pytest.raises(HoldError):
		frappe.get_doc(
			{"doctype": "Archive Hold", "reason_type": "审计", "reason": "审计", "targets": [{"note": "x"}]}
		).insert()
	h = hold([item])
	with pytest.raises(HoldError):
		h.delete()
	h.active = 0
	h.save()
	h.active = 1
	with pytest.raises(HoldError):
		h.save()


# The register


def test_a_destroyed_batch_and_its_items_can_never_change_or_be_deleted(w):
	item = make_expired_item(w).name
	batch = execute(w, approved_batch(w, {item: "Destroy"}))
	doc = reload(batch)
	doc.batch_title = "改"
	with pytest.raises(DestroyedItemError):
		doc.save()
	with pytest.raises(DestroyedItemError):
		frappe.delete_doc("Destruction Batch", batch.name)
	with pytest.raises(DestroyedItemError):
		frappe.delete_doc("Destruction Batch", batch.name, force=True, ignore_permissions=True)
	assert frappe.db.exists("Destruction Batch", batch.name)
	tomb = frappe.get_doc("Archive Item", item)
	tomb.remarks = "改"
	with pytest.raises(DestroyedItemError):
		tomb.save()


def test_the_register_lists_the_destroyed_items_under_its_cover(w):
	destroy, keep = make_expired_item(w).name, make_expired_item(w).name
	batch = execute(w, approved_batch(w, {destroy: "Destroy", keep: "Keep Permanently"}))
	ws = load_workbook(BytesIO(register_workbook(batch.name))).active
	values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
	cover = {r[0]: r[1] for r in values if r and r[0] and r[1]}
	assert cover["全宗号"] == w.fonds and cover["销毁数量（件）"] == "1"
	assert "2026-06-30 10:00" in cover["销毁时间"]
	header = values.index(["序号", "档号", "题名", "年度", "应保管期限", "已保管期限", "页数", "备注"])
	rows = values[header + 1 :]
	code = item_row(destroy, "reference_code").reference_code
	assert rows == [[1, code, "关于开展档案检查工作的通知", 2000, "10年", "25年", 3, None]]


# The report


def test_due_for_appraisal_lists_expired_items_showing_holds_and_loans(w):
	plain, held, lent = (make_expired_item(w).name for _ in range(3))
	unexpired = make_filed_item(w, year=2024).name
	hold([held])
	lend(lent)
	_columns, data, *_ = due_for_appraisal.execute({"fonds": w.fonds})
	rows = {r.archive_item: r for r in data}
	assert set(rows) == {plain, held, lent} and unexpired not in rows
	assert (rows[plain].held, rows[plain].on_loan) == (0, 0)
	assert rows[held].held == 1 and rows[lent].on_loan == 1
	assert not due_for_appraisal.execute({"fonds": w.fonds, "year": 1999})[1]


def test_the_register_prints_with_its_cover_and_rows(w):
	destroy, keep = make_expired_item(w).name, make_expired_item(w).name
	batch = execute(w, approved_batch(w, {destroy: "Destroy", keep: "Keep Permanently"}))
	html = frappe.get_print("Destruction Batch", batch.name, "销毁清册")
	assert "档案销毁清册" in html and w.fonds in html and "档案室销毁间" in html
	assert item_row(destroy, "reference_code").reference_code in html
	assert item_row(keep, "reference_code").reference_code not in html
