"""Builders for appraisal and destruction tests: the people of the process, expired items, batches."""

from types import SimpleNamespace

import frappe

from archive_mgmt import roles
from archive_mgmt.filing import item_status
from tests.integration.factories import act, as_user, make_approver, make_filed_item, make_user, make_world


def make_destruction_world():
	world = make_world()
	lead = make_user(roles.ARCHIVE_MANAGER, roles.APPRAISAL_MEMBER, prefix="lead")
	# the appraisers and approvers are cleared for what they decide on
	return SimpleNamespace(
		**vars(world),
		lead=lead,  # the archive manager who leads the appraisal group
		appraisers=[
			lead,
			make_approver(roles.APPRAISAL_MEMBER, prefix="apr"),
			make_approver(roles.APPRAISAL_MEMBER, prefix="apr"),
		],
		director=make_approver(roles.OFFICE_DIRECTOR, prefix="director"),
		leader=make_approver(roles.LEADER_IN_CHARGE, prefix="leader"),
		principal=make_approver(roles.PRINCIPAL, prefix="principal"),
		supervisors=[make_user(prefix="witness"), make_user(prefix="witness")],
	)


def make_expired_item(world, year=2000, retention_period="D10", **values):
	"""A filed item whose retention ended long ago (D10 from 2000 ended on 2011-01-01)."""
	return make_filed_item(
		world, year=year, retention_period=retention_period, doc_date=f"{year}-03-01", **values
	)


def make_batch(world, items=(), members=None):
	with as_user(world.lead):
		doc = frappe.get_doc(
			{
				"doctype": "Destruction Batch",
				"fonds": world.fonds,
				"batch_title": "到期档案销毁",
				"appraisal_members": [
					{"user": u, "is_lead": int(u == world.lead)} for u in (members or world.appraisers)
				],
				"items": [{"archive_item": i} for i in items],
			}
		).insert()
	return doc


def reload(batch):
	return frappe.get_doc("Destruction Batch", batch if isinstance(batch, str) else batch.name)


def start_appraisal(world, batch):
	with as_user(world.lead):
		return act(reload(batch), "Start Appraisal")


def decide(world, batch, decisions: dict, member=None):
	"""Record decisions {item: decision or (decision, new_period)} as an appraisal group member."""
	with as_user(member or world.appraisers[1]):
		doc = reload(batch)
		for row in doc.items:
			if row.archive_item in decisions:
				value = decisions[row.archive_item]
				decision, period = value if isinstance(value, tuple) else (value, None)
				row.decision, row.new_retention_period = decision, period
		doc.save()
	return doc


def submit_appraisal(world, batch, member=None):
	with as_user(member or world.appraisers[1]):
		return act(reload(batch), "Submit Appraisal")


def approve_all(world, batch):
	for user in (world.director, world.leader, world.principal):
		with as_user(user):
			act(reload(batch), "Approve")
	return reload(batch)


def record_execution(world, batch, supervisors=None):
	with as_user(world.lead):
		doc = reload(batch)
		doc.destruction_date = "2026-06-30 10:00:00"
		doc.destruction_place = "档案室销毁间"
		doc.destruction_method = "粉碎"
		doc.set("supervisors", [{"user": u} for u in (supervisors or world.supervisors)])
		doc.save()
	return doc


def execute(world, batch):
	with as_user(world.lead):
		return act(reload(batch), "Destroy")


def approved_batch(world, decisions: dict):
	"""A batch of ``decisions``' items, appraised and approved by all three, execution details recorded."""
	batch = make_batch(world, list(decisions))
	start_appraisal(world, batch)
	decide(world, batch, decisions)
	submit_appraisal(world, batch)
	approve_all(world, batch)
	record_execution(world, batch)
	return reload(batch)


def lend(item):
	item_status.change(item, "On Loan")


def hold(items=(), dossiers=(), reason_type="诉讼"):
	return frappe.get_doc(
		{
			"doctype": "Archive Hold",
			"reason_type": reason_type,
			"reason": "合同纠纷诉讼，保全证据",
			"targets": [{"archive_item": i} for i in items] + [{"dossier": d} for d in dossiers],
		}
	).insert()
