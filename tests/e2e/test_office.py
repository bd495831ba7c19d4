"""收文 from 登记 to 办结 and into the archive: the registry clerk registers an incoming document, the office
director proposes (拟办), the leader instructs (批办), the handler concludes (办结) and the clerk archives it
in one click, each in the desk in Chinese as their role user."""

import frappe
from playwright.sync_api import expect

from archive_mgmt import roles
from tests.e2e import seed

INCOMING = "Incoming Office Document"


def test_incoming_document_from_registration_to_the_archive(desk, people, shot):
	tag = seed.token()
	clerk_user = seed.make_user("registry", [roles.REGISTRY_CLERK])
	handler_user = seed.make_user("handler", [roles.HANDLER])
	settings = frappe.get_single("Office Document Settings")
	settings.archive_filing_unit = people.unit  # enables the shipped capture rule 收文归档
	settings.save()
	frappe.db.commit()

	clerk = desk(clerk_user)
	clerk.new_form(INCOMING)
	clerk.fill("sender_organisation", "市档案局")
	clerk.fill("sender_doc_number", f"市档发〔2026〕{tag}号")
	clerk.fill("title", f"{tag}关于开展档案工作检查的通知")
	clerk.fill_date("deadline", seed.in_days(10))
	name = clerk.save()
	receipt_no = seed.fresh(INCOMING, name).receipt_no
	assert receipt_no.startswith("收〔")
	clerk.action("送拟办")
	clerk.expect_indicator("拟办")
	clerk.check_words("收文登记")

	director = desk(people.director)
	director.open_form(INCOMING, name)
	director.fill("proposal", "拟请主管领导阅示，交办公室承办")
	director.fill("proposed_leader", people.leader, link=True)
	director.save()
	director.action("提交审批")
	director.expect_indicator("批办")

	leader = desk(people.leader)
	leader.open_form(INCOMING, name)
	leader.fill("instruction", "同意，请办公室抓紧落实")
	leader.fill("handling_unit", people.unit, link=True)
	leader.fill("handler", handler_user, link=True)
	leader.save()
	leader.action("批办")
	leader.expect_indicator("承办")

	handler = desk(handler_user)
	handler.open_form(INCOMING, name)
	handler.fill("handling_result", "已按要求完成自查并上报")
	handler.save()
	handler.action("办结")
	handler.expect_indicator("办结")
	assert seed.fresh(INCOMING, name).docstatus == 1

	clerk.open_form(INCOMING, name)
	clerk.page.get_by_role("button", name="归档").click()
	clerk.page.wait_for_function("() => cur_frm && cur_frm.doc.archive_item && !frappe.dom.freeze_count")
	item = seed.fresh(INCOMING, name).archive_item
	expect(clerk.page.get_by_text(f"已归档为 {item}").first).to_be_visible()
	record = seed.fresh("Archive Item", item)
	assert (record.source_doctype, record.source_name, record.carrier) == (INCOMING, name, "电子")
	assert record.doc_number == f"市档发〔2026〕{tag}号" and record.responsible_party == "市档案局"
	assert frappe.db.count("Archive Item", {"source_doctype": INCOMING, "source_name": name}) == 1
	clerk.check_words("收文办结")
	shot(clerk)
