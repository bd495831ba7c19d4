"""Opening and declassification (开放/解密): a filed item's secrecy level and open status change only
through a Declassification Review that the leader in charge approves; every change leaves history."""

from types import SimpleNamespace

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError

from archive_mgmt import roles
from archive_mgmt.exceptions import (
	DeclassificationError,
	RejectionReasonRequiredError,
	SecrecyLockedError,
)
from tests.integration.factories import (
	act,
	as_user,
	make_approver,
	make_filed_item,
	make_item,
	make_user,
	set_clearance,
)


@pytest.fixture
def dw(world):
	return SimpleNamespace(
		**vars(world),
		leader=make_approver(roles.LEADER_IN_CHARGE, prefix="leader"),
		other_manager=make_user(roles.ARCHIVE_MANAGER, prefix="manager2"),
	)


def levels(item) -> tuple:
	return tuple(frappe.db.get_value("Archive Item", item, ["secrecy_level", "open_status"]))


def make_review(items, **values):
	return frappe.get_doc(
		{
			"doctype": "Declassification Review",
			"reason": "保密期限已满，经审查可以解密开放",
			"new_secrecy_level": "内部",
			"new_open_status": "开放",
			"items": [{"archive_item": i} for i in items],
			**values,
		}
	).insert()


def proposed_review(dw, items, **values):
	with as_user(dw.manager):
		review = make_review(items, **values)
		return act(review, "Propose")


def reload(review):
	return frappe.get_doc("Declassification Review", review.name)


def secret_items(dw, n=2):
	return [make_filed_item(dw, secrecy_level="机密", open_status="控制").name for _ in range(n)]


# --- the review, end to end ------------------------------------------------------------------------


def test_approved_review_changes_the_items_and_keeps_history(dw):
	items = secret_items(dw)
	review = proposed_review(dw, items)
	assert review.workflow_state == "Pending Leader"
	assert review.proposed_by == dw.manager
	assert [r.secrecy_level_before for r in review.items] == ["机密", "机密"]
	assert levels(items[0]) == ("机密", "控制")  # nothing changes before the decision

	with as_user(dw.leader):
		review = act(reload(review), "Approve")

	assert review.workflow_state == "Approved"
	assert review.decided_by == dw.leader and review.applied_on
	for item in items:
		assert levels(item) == ("内部", "开放")
		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "Archive Item", "docname": item}, pluck="data"
		)
		changed = [c for v in versions for c in frappe.parse_json(v).get("changed", [])]
		assert ["secrecy_level", "机密", "内部"] in changed
		assert ["open_status", "控制", "开放"] in changed
		assert frappe.db.exists(
			"Comment",
			{
				"reference_doctype": "Archive Item",
				"reference_name": item,
				"content": ("like", f"%{review.name}%"),
			},
		)
	rows = reload(review).items
	assert [
		(r.secrecy_level_before, r.open_status_before, r.secrecy_level_after, r.open_status_after)
		for r in rows
	] == [("机密", "控制", "内部", "开放")] * 2
	assert reload(review).secrecy_level == "机密"  # it names items that were 机密


def test_rejected_review_changes_nothing(dw):
	items = secret_items(dw, 1)
	review = proposed_review(dw, items)
	with as_user(dw.leader):
		with pytest.raises(RejectionReasonRequiredError):
			act(reload(review), "Reject")
		doc = reload(review)
		doc.rejection_reason = "仍涉及在办事项，暂不解密"
		doc.save()
		review = act(reload(review), "Reject")
	assert review.workflow_state == "Rejected" and review.decided_by == dw.leader
	assert levels(items[0]) == ("机密", "控制")
	assert not frappe.get_all(
		"Version",
		filters={"ref_doctype": "Archive Item", "docname": items[0], "data": ("like", "%secrecy_level%")},
	)


def test_raising_secrecy_is_also_done_by_review(dw):
	item = make_filed_item(dw, secrecy_level="内部", open_status="开放").name
	review = proposed_review(dw, [item], new_secrecy_level="秘密", new_open_status="控制")
	with as_user(dw.leader):
		act(reload(review), "Approve")
	assert levels(item) == ("秘密", "控制")


def test_only_opening_keeps_the_secrecy_level(dw):
	item = make_filed_item(dw, secrecy_level="内部", open_status="控制").name
	review = proposed_review(dw, [item], new_secrecy_level=None, new_open_status="开放")
	with as_user(dw.leader):
		act(reload(review), "Approve")
	assert levels(item) == ("内部", "开放")


def test_the_proposer_cannot_approve_nor_can_another_manager(dw):
	items = secret_items(dw, 1)
	review = proposed_review(dw, items)
	for user in (dw.manager, dw.other_manager):
		with as_user(user):
			with pytest.raises(WorkflowTransitionError):
				act(reload(review), "Approve")
	leader_manager = make_user(roles.LEADER_IN_CHARGE, roles.ARCHIVE_MANAGER, prefix="both")
	with as_user(leader_manager):
		review = make_review(secret_items(dw, 1))
		act(review, "Propose")
		with pytest.raises((WorkflowTransitionError, frappe.ValidationError)):
			act(reload(review), "Approve")
	assert reload(review).workflow_state == "Pending Leader"
	assert levels(items[0]) == ("机密", "控制")


def test_a_proposed_review_cannot_be_edited(dw):
	items = secret_items(dw, 1)
	review = proposed_review(dw, items)
	with as_user(dw.leader):
		doc = reload(review)
		doc.new_secrecy_level = "公开"
		with pytest.raises(DeclassificationError):
			doc.save()
	assert reload(review).new_secrecy_level == "内部"


def test_a_decided_review_cannot_be_edited_or_deleted(dw):
	review = proposed_review(dw, secret_items(dw, 1))
	with as_user(dw.leader):
		act(reload(review), "Approve")
	with as_user(dw.manager):
		doc = reload(review)
		doc.rejection_reason = "改写历史"
		with pytest.raises(DeclassificationError):
			doc.save()
		with pytest.raises(DeclassificationError):
			frappe.delete_doc("Declassification Review", review.name)
	assert frappe.db.exists("Declassification Review", review.name)


@pytest.mark.parametrize(
	"values,error",
	[
		({"new_secrecy_level": None, "new_open_status": None}, "Propose a new secrecy level"),
		({"new_secrecy_level": "机密", "new_open_status": "控制"}, "already has"),
	],
)
def test_a_review_must_change_something(dw, values, error):
	items = secret_items(dw, 1)
	with as_user(dw.manager):
		with pytest.raises(DeclassificationError, match=error):
			make_review(items, **values)
	assert not frappe.db.exists("Declassification Review Item", {"archive_item": items[0]})


def test_drafts_are_not_reviewed_and_an_item_is_in_one_open_review(dw):
	with as_user(dw.manager):
		draft = make_item(dw, secrecy_level="机密").name
		with pytest.raises(DeclassificationError, match="draft"):
			make_review([draft])
	items = secret_items(dw, 1)
	proposed_review(dw, items)
	with as_user(dw.manager):
		with pytest.raises(DeclassificationError, match="Already under review"):
			make_review(items)


def test_dossier_secrecy_follows_its_items(dw):
	items = secret_items(dw, 1)
	with as_user(dw.manager):
		dossier = frappe.get_doc(
			{
				"doctype": "Dossier",
				"fonds": dw.fonds,
				"category": "WS",
				"year": 2024,
				"retention_period": "D30",
				"filing_unit": dw.unit,
				"title": "解密测试卷",
				"items": [{"archive_item": items[0]}],
			}
		).insert()
	assert frappe.db.get_value("Dossier", dossier.name, "secrecy_level") == "机密"
	review = proposed_review(dw, items)
	with as_user(dw.leader):
		act(reload(review), "Approve")
	assert frappe.db.get_value("Dossier", dossier.name, "secrecy_level") == "内部"


# --- the lock on the item -------------------------------------------------------------------------


@pytest.mark.parametrize("field,value", [("secrecy_level", "内部"), ("open_status", "开放")])
def test_filed_item_refuses_a_direct_change_even_from_the_archive_manager(dw, field, value):
	item = make_filed_item(dw, secrecy_level="机密", open_status="控制").name
	with as_user(dw.manager):
		doc = frappe.get_doc("Archive Item", item)
		doc.set(field, value)
		with pytest.raises(SecrecyLockedError):
			doc.save()
	for user in (dw.manager, "Administrator"):
		with as_user(user):
			with pytest.raises(SecrecyLockedError):
				frappe.client.set_value("Archive Item", item, field, value)
			with pytest.raises(SecrecyLockedError):
				frappe.client.set_value("Archive Item", item, {field: value, "remarks": "顺便改密级"})
	assert levels(item) == ("机密", "控制")
	assert not frappe.db.get_value("Archive Item", item, "remarks")


def test_the_archive_manager_still_edits_other_fields_of_a_filed_item(dw):
	item = make_filed_item(dw, secrecy_level="机密").name
	with as_user(dw.manager):
		frappe.client.set_value("Archive Item", item, "remarks", "补充备注")
	assert frappe.db.get_value("Archive Item", item, "remarks") == "补充备注"


def test_drafts_set_their_secrecy_freely(dw):
	set_clearance(dw.clerk, "秘密")  # within their own clearance (raising an item above it is refused)
	with as_user(dw.clerk):
		doc = make_item(dw, secrecy_level="内部")
		doc.secrecy_level = "秘密"
		doc.open_status = "开放"
		doc.save()
	assert levels(doc.name) == ("秘密", "开放")
