"""Clearance applies to the office's documents: lists, forms, search, the inbox and the registers."""

import frappe
import pytest

from archive_mgmt.access_control import clearance
from tests.integration.factories import as_user, make_user
from tests.integration.office_factories import INCOMING, OUTGOING, draft, make_office, register, to_handling


@pytest.fixture
def office():
	return make_office()


def run_report(name, filters=None):
	from frappe.desk.query_report import run

	return run(name, filters=filters or {}, ignore_prepared_report=True)["result"]


def test_a_secret_document_is_invisible_beyond_clearance(office):
	secret = register(office, secrecy_level="机密", title="机密来文")
	internal = register(office, title="内部来文")
	other_clerk = make_user("Registry Clerk", prefix="registry2")
	with as_user(other_clerk):
		names = frappe.get_list(
			INCOMING, pluck="name", filters={"name": ("in", [secret.name, internal.name])}
		)
		assert names == [internal.name]
		assert not frappe.has_permission(INCOMING, "read", doc=secret.name)
		rows = run_report("Incoming Document Register")
		assert internal.name in {r["name"] for r in rows} and secret.name not in {r["name"] for r in rows}
		found = frappe.call(
			"frappe.desk.search.search_link", doctype=INCOMING, txt="机密来文", page_length=10
		)
		assert secret.name not in {r["value"] for r in found}
	with as_user(office.clerk):  # who registered it
		assert frappe.has_permission(INCOMING, "read", doc=secret.name)


def test_the_deciders_see_what_waits_for_them(office):
	doc = register(office, secrecy_level="绝密", title="绝密来文")
	with as_user(office.clerk):
		from tests.integration.factories import act

		act(frappe.get_doc(INCOMING, doc.name), "Send for Proposal")
	with as_user(office.director):  # cleared to 机密, yet the proposal waits for them
		assert frappe.has_permission(INCOMING, "read", doc=doc.name)


def test_the_handler_sees_the_document_handed_to_them(office):
	doc = to_handling(office, register(office, secrecy_level="秘密"))
	with as_user(office.handler):
		assert frappe.has_permission(INCOMING, "read", doc=doc.name)
	with as_user(office.other_handler):
		assert not frappe.has_permission(INCOMING, "read", doc=doc.name)


def test_condition_for_knows_the_office_documents(office):
	for doctype in (INCOMING, OUTGOING):
		with as_user(office.other_handler):
			assert "secrecy_level" in clearance.condition_for(doctype)


def test_outgoing_register_lists_only_numbered_documents_within_clearance(office):
	from tests.integration.factories import set_clearance
	from tests.integration.office_factories import issue, to_numbering

	set_clearance(office.handler, "机密")  # the drafter of a 机密 document is cleared for it
	visible = issue(office, to_numbering(office, draft(office)))
	secret = issue(office, to_numbering(office, draft(office, secrecy_level="机密", title="机密发文")))
	unnumbered = draft(office)
	other_clerk = make_user("Registry Clerk", prefix="registry2")  # cleared to 内部 by default
	with as_user(other_clerk):
		names = {r["name"] for r in run_report("Outgoing Document Register")}
	assert visible.name in names and secret.name not in names and unnumbered.name not in names
	rows = run_report("Outgoing Document Register")
	row = next(r for r in rows if r["name"] == visible.name)
	assert row["main_recipients"] == "各部门" and row["copy_recipients"] == "档案室"
