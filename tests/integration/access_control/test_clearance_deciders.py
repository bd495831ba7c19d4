"""An approver sees what waits for their decision (issue #21): the documents listing 秘密 items reach 内部
approvers (the default clearance of 办公室主任 and 主管领导) and the appraisal group, at their step, and stay
visible to whoever decided; nobody else learns of them, and the items themselves stay out of reach.
"""

import frappe
import pytest

from archive_mgmt import roles
from archive_mgmt.access_control import clearance
from archive_mgmt.api.statistics import pending_my_approval
from tests.integration.clearance_factories import call, rest
from tests.integration.destruction_factories import (
	make_batch,
	make_destruction_world,
	make_expired_item,
	start_appraisal,
)
from tests.integration.factories import act, as_user, make_filed_item, make_user, make_world, set_clearance
from tests.integration.loan_factories import make_loan, reload, step

SECRET = "秘密"


def sees(doctype: str, name: str) -> dict:
	"""What the current user learns of the document through list, count, form, REST and its rows."""
	return {
		"list": frappe.get_list(doctype, filters={"name": name}, pluck="name") == [name],
		"count": call("frappe.client.get_count", doctype=doctype, filters={"name": name}) == 1,
		"form": frappe.has_permission(doctype, "read", doc=name),
		"rest": rest(f"/api/resource/{doctype}/{name}")[0] == 200,
	}


def assert_sees(doctype, name):
	found = sees(doctype, name)
	assert all(found.values()), found


def assert_blind(doctype, name):
	found = sees(doctype, name)
	assert not any(found.values()), found


@pytest.fixture
def lw():
	world = make_world()
	# Every one of them holds the default clearance of their role (内部): no Archive Clearance record.
	world.borrower = make_user(roles.ARCHIVE_READER, units=[world.unit], prefix="borrower")
	world.other_reader = make_user(roles.ARCHIVE_READER, units=[world.unit], prefix="reader")
	world.director = make_user(roles.OFFICE_DIRECTOR, prefix="director")
	world.other_director = make_user(roles.OFFICE_DIRECTOR, prefix="director2")
	world.leader = make_user(roles.LEADER_IN_CHARGE, prefix="leader")
	clearance.clear_cache()
	assert clearance.user_clearance(world.director) == "内部"
	assert clearance.user_clearance(world.leader) == "内部"
	world.secret = make_filed_item(world, secrecy_level=SECRET, title="待批密件").name
	return world


def secret_request(lw):
	"""A 秘密 request the borrower (cleared 秘密 by the archive manager) submitted."""
	set_clearance(lw.borrower, SECRET)
	clearance.clear_cache()
	with as_user(lw.borrower):
		doc = make_loan([lw.secret], borrower_unit=lw.unit)
		act(doc, "Submit")
	assert frappe.db.get_value("Loan Request", doc.name, "highest_secrecy") == SECRET
	return reload(doc)


def test_the_office_director_sees_and_decides_a_secret_request_at_their_step(lw):
	doc = secret_request(lw)
	with as_user(lw.director):
		assert_sees("Loan Request", doc.name)
		rows = frappe.get_list(
			"Loan Request Item",
			parent_doctype="Loan Request",
			filters={"parent": doc.name},
			pluck="item_title",
		)
		assert rows == ["待批密件"]
		# the item itself stays above their clearance
		assert not frappe.has_permission("Archive Item", "read", doc=lw.secret)
	with as_user(lw.leader):  # not yet at the leader's step
		assert_blind("Loan Request", doc.name)
	with as_user(lw.other_reader):  # a reader may cancel requests but decides none
		assert_blind("Loan Request", doc.name)

	step(lw, doc, "Approve", lw.director)
	assert reload(doc).workflow_state == "Pending Leader"
	with as_user(lw.director):  # who decided still sees what they approved
		assert_sees("Loan Request", doc.name)
	with as_user(lw.other_director):  # a director who did not decide does not, once it moved on
		assert_blind("Loan Request", doc.name)
	with as_user(lw.leader):
		assert_sees("Loan Request", doc.name)
	step(lw, doc, "Approve", lw.leader)
	assert reload(doc).leader_approved_by == lw.leader


def test_a_waiting_request_counts_in_the_approvers_pending_card(lw):
	doc = secret_request(lw)
	with as_user(lw.director):
		before = pending_my_approval()["value"]
	assert before >= 1
	step(lw, doc, "Approve", lw.director)
	with as_user(lw.director):
		assert pending_my_approval()["value"] == before - 1


def test_the_appraisal_group_sees_its_secret_batch_and_no_other_appraiser_does():
	dw = make_destruction_world()
	member = make_user(roles.APPRAISAL_MEMBER, prefix="member")  # default clearance 内部
	outsider = make_user(roles.APPRAISAL_MEMBER, prefix="outsider")
	clearance.clear_cache()
	item = make_expired_item(dw, secrecy_level=SECRET, title="销毁密件").name
	batch = make_batch(dw, [item], members=[dw.lead, dw.appraisers[1], member])
	start_appraisal(dw, batch)
	with as_user(member):
		assert_sees("Destruction Batch", batch.name)
		assert not frappe.has_permission("Archive Item", "read", doc=item)
	with as_user(outsider):
		assert_blind("Destruction Batch", batch.name)


def test_the_inbox_lists_what_waits_for_the_user_and_only_what_they_may_read(lw):
	doc = secret_request(lw)

	def inbox():
		return frappe.get_list(
			"Workflow Action",
			filters={"status": "Open", "reference_doctype": "Loan Request"},
			pluck="reference_name",
		)

	with as_user(lw.director):
		assert doc.name in inbox()
		assert pending_my_approval()["route"] == ["List", "Workflow Action"]
	with as_user(lw.borrower):  # their own request, which they may still cancel
		assert doc.name in inbox()
	with as_user(lw.other_reader):  # Frappe gives every reader the action "Cancel"; the app hides it
		assert doc.name not in inbox()
		action = frappe.get_all(
			"Workflow Action", filters={"reference_name": doc.name, "status": "Open"}, pluck="name"
		)[0]
		assert not frappe.has_permission("Workflow Action", "read", doc=action)


def workspace_cards(user: str) -> set[str]:
	from frappe.desk.desktop import get_desktop_page

	with as_user(user):
		page = get_desktop_page(frappe.as_json({"name": "档案管理", "title": "档案管理"}))
	return {card.number_card_name for card in page["number_cards"]["items"]}


def test_each_role_sees_only_the_workspace_cards_it_may_load(lw):
	totals = {
		"Archive Items Held",
		"Archive Items Filed This Year",
		"Archive Items On Loan",
		"Overdue Archive Loans",
		"Archive Items Due for Appraisal",
	}
	assert workspace_cards(lw.director) == {"Archive Approvals Pending"}
	assert workspace_cards(lw.borrower) == {"Archive Approvals Pending"}
	assert workspace_cards(lw.manager) == totals | {"Archive Approvals Pending"}
	with as_user(lw.director):
		with pytest.raises(frappe.PermissionError):
			frappe.call("archive_mgmt.api.statistics.items_held")
