"""Builders for the office's documents (收发文): the office's users, an incoming document carried from 登记 to
办结, an outgoing one from 拟稿 to 办结, each step as the role user who takes it."""

from types import SimpleNamespace

import frappe

from archive_mgmt import roles
from tests.integration.factories import act, as_user, make_approver, make_user, make_world

INCOMING = "Incoming Office Document"
OUTGOING = "Outgoing Office Document"


def make_office():
	world = make_world()
	return SimpleNamespace(
		world=world,
		unit=world.unit,
		other_unit=world.other_unit,
		# the archive manager clears the registry clerk for the documents they number, seal and send
		clerk=make_approver(roles.REGISTRY_CLERK, prefix="registry", clearance="机密"),
		director=make_approver(roles.OFFICE_DIRECTOR, prefix="director", clearance="机密"),
		leader=make_approver(roles.LEADER_IN_CHARGE, prefix="leader", clearance="机密"),
		handler=make_user(roles.HANDLER, prefix="handler"),
		other_handler=make_user(roles.HANDLER, prefix="handler2"),
		manager=world.manager,
	)


def register(office, **values):
	with as_user(office.clerk):
		return frappe.get_doc(
			{
				"doctype": INCOMING,
				"sender_organisation": "市档案局",
				"sender_doc_number": "市档发〔2026〕3号",
				"title": "关于开展2026年度档案工作检查的通知",
				"receipt_date": "2026-03-02",
				"copies": 2,
				"secrecy_level": "内部",
				"urgency": "平件",
				"deadline": "2026-03-20",
				**values,
			}
		).insert()


def to_handling(office, doc):
	"""登记 → 拟办 → 批办 → 承办, each as the role user who acts."""
	with as_user(office.clerk):
		doc = act(frappe.get_doc(INCOMING, doc.name), "Send for Proposal")
	with as_user(office.director):
		doc = frappe.get_doc(INCOMING, doc.name)
		doc.update(
			{
				"proposal": "拟请分管领导阅示，交办公室承办",
				"proposed_leader": office.leader,
				"proposed_unit": office.unit,
			}
		)
		doc.save()
		doc = act(doc, "Propose")
	with as_user(office.leader):
		doc = frappe.get_doc(INCOMING, doc.name)
		doc.update(
			{"instruction": "同意，请办公室抓紧落实", "handling_unit": office.unit, "handler": office.handler}
		)
		doc.save()
		doc = act(doc, "Instruct")
	return frappe.get_doc(INCOMING, doc.name)


def conclude(office, doc, result="已按要求完成自查并上报"):
	with as_user(office.handler):
		doc = frappe.get_doc(INCOMING, doc.name)
		doc.handling_result = result
		doc.save()
		act(doc, "Conclude")
	return frappe.get_doc(INCOMING, doc.name)


def make_concluded_incoming(office, **values):
	return conclude(office, to_handling(office, register(office, **values)))


def draft(office, countersigns=(), **values):
	with as_user(office.handler):
		return frappe.get_doc(
			{
				"doctype": OUTGOING,
				"title": "关于报送2026年度档案工作总结的通知",
				"document_kind": "通知",
				"drafting_unit": office.unit,
				"secrecy_level": "内部",
				"urgency": "平件",
				"copies": 30,
				"countersigns": [{"filing_unit": unit, "user": user} for unit, user in countersigns],
				"recipients": [
					{"recipient": "各部门", "recipient_kind": "主送", "copies": 20},
					{"recipient": "档案室", "recipient_kind": "抄送", "copies": 1},
				],
				**values,
			}
		).insert()


def to_numbering(office, doc):
	"""拟稿 → 核稿 → 签发 (no countersigning units)."""
	with as_user(office.handler):
		act(frappe.get_doc(OUTGOING, doc.name), "Submit for Checking")
	with as_user(office.director):
		act(frappe.get_doc(OUTGOING, doc.name), "Approve")
	with as_user(office.leader):
		act(frappe.get_doc(OUTGOING, doc.name), "Sign")
	return frappe.get_doc(OUTGOING, doc.name)


def issue(office, doc):
	"""编号 → 用印 → 分发 (办结), as the registry clerk."""
	with as_user(office.clerk):
		for action in ("Assign Number", "Seal", "Distribute"):
			act(frappe.get_doc(OUTGOING, doc.name), action)
	return frappe.get_doc(OUTGOING, doc.name)


def set_archive_unit(unit):
	settings = frappe.get_single("Office Document Settings")
	settings.archive_filing_unit = unit
	settings.save()
