"""Leak tests for the documents that list archive items and copy their titles: loan requests, utilization
effect records, destruction batches, handover lists and declassification reviews.

Each carries the highest secrecy level of its items. A 内部 approver or reader does not learn of one whose
items are 秘密 — not through lists, counts, the form, its rows read on their own, nor the loan reports —
and does once cleared 秘密; whoever chose its items (its owner, a loan's borrower) still sees it.
"""

from types import SimpleNamespace

import frappe
import pytest
from frappe.desk.query_report import run as run_report

from archive_mgmt import roles
from archive_mgmt.access_control import clearance
from tests.integration.clearance_factories import call, issued_secret_loan, rest, set_clearance
from tests.integration.destruction_factories import make_batch, make_destruction_world, make_expired_item
from tests.integration.factories import (
	as_user,
	make_filed_item,
	make_handover,
	make_item,
	make_user,
	make_world,
)
from tests.integration.loan_factories import make_loan_world

SECRET = "秘密"
CHILD = {
	"Loan Request": "Loan Request Item",
	"Utilization Effect Record": "Utilization Effect Item",
	"Destruction Batch": "Destruction Batch Item",
	"Handover List": "Handover List Item",
	"Declassification Review": "Declassification Review Item",
}


@pytest.fixture(scope="module")
def cd(site):
	"""One document of each kind listing a 秘密 item (the loan also a 内部 one), rolled back at the end."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	yield make_documents()
	frappe.db.rollback()
	clearance.clear_cache()


@pytest.fixture(autouse=True)
def rollback(cd):
	"""Overrides conftest's: each test rolls back to the module's documents, not before them."""
	frappe.db.savepoint("documents_test")
	frappe.set_user("Administrator")
	clearance.clear_cache()
	yield
	frappe.db.rollback(save_point="documents_test")
	frappe.set_user("Administrator")
	frappe.local.message_log = []
	frappe.local.form_dict = frappe._dict()
	clearance.clear_cache()


def make_documents():
	lw = make_loan_world(make_world())
	tag = frappe.generate_hash(length=8)
	plain = make_filed_item(lw, title=f"普通{tag}").name
	lent = make_filed_item(lw, secrecy_level=SECRET, title=f"借出密件{tag}").name
	reviewed = make_filed_item(lw, secrecy_level=SECRET, title=f"审查密件{tag}").name
	loan = issued_secret_loan(lw, [plain, lent], borrower=lw.borrower)
	with as_user(lw.borrower):
		effect = frappe.get_doc(
			{
				"doctype": "Utilization Effect Record",
				"loan_request": loan.name,
				"effect": "编研",
				"description": "用于编写大事记",
			}
		).insert()
	with as_user(lw.manager):
		draft = make_item(lw, secrecy_level=SECRET, title=f"移交密件{tag}")
		review = frappe.get_doc(
			{
				"doctype": "Declassification Review",
				"reason": "保密期限已满，经审查可以解密开放",
				"new_secrecy_level": "内部",
				"new_open_status": "开放",
				"items": [{"archive_item": reviewed}],
			}
		).insert()  # a draft: a proposed review waits for every leader in charge
	handover = make_handover(lw, [draft])  # made by the unit's clerk, cleared only 内部
	dw = make_destruction_world()
	batch = make_batch(dw, [make_expired_item(dw, secrecy_level=SECRET, title=f"销毁密件{tag}").name])
	# A 内部 user in every approving and reading role of these documents, none of which waits for them or was
	# decided by them (who decides sees what they decide on: test_clearance_deciders.py).
	staff = make_user(roles.OFFICE_DIRECTOR, roles.LEADER_IN_CHARGE, roles.APPRAISAL_MEMBER, prefix="staff")
	return SimpleNamespace(
		lw=lw,
		tag=tag,
		staff=staff,
		docs={
			"Loan Request": loan.name,
			"Utilization Effect Record": effect.name,
			"Destruction Batch": batch.name,
			"Handover List": handover.name,
			"Declassification Review": review.name,
		},
		# who chose each document's items, cleared only 内部
		choosers={
			"Loan Request": lw.borrower,
			"Utilization Effect Record": lw.borrower,
			"Handover List": lw.clerk,
		},
	)


def level_of(doctype, name):
	return frappe.db.get_value(doctype, name, clearance.LISTINGS[doctype][0])


def surfaces(doctype, name) -> dict:
	"""What the current user learns of the document through each surface."""
	child = CHILD[doctype]
	return {
		"list": frappe.get_list(doctype, filters={"name": name}, pluck="name"),
		"count": call("frappe.client.get_count", doctype=doctype, filters={"name": name}),
		"form": frappe.get_doc(doctype, name).has_permission("read"),
		"has_permission": frappe.has_permission(doctype, "read", doc=name),
		"rest": rest(f"/api/resource/{doctype}/{name}")[0],
		"rows": frappe.get_list(
			child,
			parent_doctype=doctype,
			filters={"parent": name},
			fields=["archive_item", "item_title"],
		),
	}


def assert_hidden(found: dict):
	assert found["list"] == []
	assert found["count"] == 0
	assert found["form"] is False and found["has_permission"] is False
	assert found["rest"] == 404  # as a missing record
	assert found["rows"] == []


def assert_seen(found: dict, name: str):
	assert found["list"] == [name]
	assert found["count"] == 1
	assert found["form"] is True and found["has_permission"] is True
	assert found["rest"] == 200
	assert found["rows"] and all(r.archive_item for r in found["rows"])


def test_each_document_carries_its_items_highest_level(cd):
	for doctype, name in cd.docs.items():
		assert level_of(doctype, name) == SECRET, doctype


@pytest.mark.parametrize("doctype", list(CHILD))
def test_internal_staff_do_not_learn_of_a_secret_document_until_cleared(cd, doctype):
	name = cd.docs[doctype]
	with as_user(cd.staff):
		assert_hidden(surfaces(doctype, name))
	set_clearance(cd.staff, SECRET)
	clearance.clear_cache()
	with as_user(cd.staff):
		assert_seen(surfaces(doctype, name), name)


@pytest.mark.parametrize("doctype", ["Loan Request", "Utilization Effect Record", "Handover List"])
def test_whoever_chose_the_items_still_sees_their_document(cd, doctype):
	name = cd.docs[doctype]
	with as_user(cd.choosers[doctype]):
		found = surfaces(doctype, name)
	assert found["list"] == [name] and found["count"] == 1
	assert found["form"] is True and found["has_permission"] is True


@pytest.mark.parametrize("doctype", list(CHILD))
def test_the_archive_manager_sees_every_document(cd, doctype):
	name = cd.docs[doctype]
	with as_user(cd.lw.manager):
		assert_seen(surfaces(doctype, name), name)


def loan_reports(cd) -> dict:
	borrower = cd.lw.borrower
	loan = cd.docs["Loan Request"]

	def rows(report, filters):
		result = run_report(report, filters, user=frappe.session.user)["result"]
		return [r for r in result if isinstance(r, dict)]

	return {
		"Loan Register": {r["loan"] for r in rows("Loan Register", {"borrower": borrower})},
		"Utilization Effect Register": {
			r["record"] for r in rows("Utilization Effect Register", {"loan_request": loan})
		},
		"Overdue Loans": {
			r["loan"] for r in rows("Overdue Loans", {"as_of": "2099-12-31", "borrower": borrower})
		},
	}


def test_the_loan_reports_leave_out_a_secret_document_until_cleared(cd):
	"""Even the loan's 内部 item is left out: the loan itself is 秘密."""
	loan, record = cd.docs["Loan Request"], cd.docs["Utilization Effect Record"]
	expected = {"Loan Register": {loan}, "Utilization Effect Register": {record}, "Overdue Loans": {loan}}
	with as_user(cd.staff):
		assert loan_reports(cd) == {report: set() for report in expected}
	set_clearance(cd.staff, SECRET)
	clearance.clear_cache()
	with as_user(cd.staff):
		assert loan_reports(cd) == expected


def test_a_document_rises_with_an_item_raised_to_a_higher_level(cd):
	lw = cd.lw
	with as_user(lw.manager):
		draft = make_item(lw, secrecy_level="内部", title=f"后定密{cd.tag}")
	handover = make_handover(lw, [draft])
	assert level_of("Handover List", handover.name) == "内部"
	with as_user(cd.staff):
		assert frappe.get_list("Handover List", filters={"name": handover.name}, pluck="name") == [
			handover.name
		]
	with as_user(lw.manager):
		draft.reload()
		draft.secrecy_level = "机密"
		draft.save()
	assert level_of("Handover List", handover.name) == "机密"
	with as_user(cd.staff):
		assert frappe.get_list("Handover List", filters={"name": handover.name}, pluck="name") == []
