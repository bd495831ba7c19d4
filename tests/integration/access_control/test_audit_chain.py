"""The audit trail proves itself: every row of the Archive Access Log is a link of an SM3 chain anchored per
day, and a row changed, deleted or inserted by raw SQL is found and named (in Chinese)."""

import io
import json
import multiprocessing
import zipfile

import frappe
import pytest
from frappe.utils import add_days, today
from openpyxl import load_workbook

from archive_mgmt import roles
from archive_mgmt.access_control import access_log, audit_chain
from archive_mgmt.api import access_control as api
from archive_mgmt.rules import audit_chain as rules
from tests.integration.clearance_factories import download
from tests.integration.concurrency_worker import append_log
from tests.integration.conftest import BENCH, REPO, SITE
from tests.integration.factories import as_user, make_item, make_user

LOG = "`tabArchive Access Log`"


@pytest.fixture
def zh():
	frappe.local.lang = "zh"
	yield
	frappe.local.lang = "en"


def write(n=3, tag=None):
	"""n rows through the app's own path; their names, oldest first."""
	tag = tag or frappe.generate_hash(length=8)
	for i in range(n):
		access_log.record_change(access_log.ROLE_CHANGE, "User", "Administrator", f"{tag}-{i}")
	return frappe.get_all(
		"Archive Access Log", filters={"detail": ("like", f"{tag}-%")}, pluck="name", order_by="chain_seq"
	)


def seq_of(name):
	return frappe.db.get_value("Archive Access Log", name, "chain_seq")


def findings(kind=None):
	return [p for p in audit_chain.check() if kind is None or p["kind"] == kind]


def test_every_row_is_a_link_and_the_chain_verifies():
	names = write(3)
	rows = frappe.get_all(
		"Archive Access Log",
		filters={"name": ("in", names)},
		fields=["chain_seq", "prev_digest", "digest"],
		order_by="chain_seq",
	)
	assert [r.chain_seq for r in rows] == list(range(rows[0].chain_seq, rows[0].chain_seq + 3))
	assert rows[1].prev_digest == rows[0].digest and rows[2].prev_digest == rows[1].digest
	assert all(len(r.digest) == 64 for r in rows)
	anchor = frappe.get_doc("Audit Chain Anchor", today())
	assert (anchor.last_seq, anchor.last_digest) == (rows[2].chain_seq, rows[2].digest)
	assert findings() == []


def test_an_access_to_a_secret_item_is_chained_too(world):
	item = make_item(world, secrecy_level="机密")
	access_log.record("Archive Item", item.name, "机密", access_log.VIEW)
	assert seq_of(frappe.get_all("Archive Access Log", {"reference_name": item.name}, pluck="name")[0])
	assert findings() == []


def test_a_row_updated_by_raw_sql_is_named(zh):
	names = write(3)
	frappe.db.sql(f"update {LOG} set `user` = 'intruder@archive.test' where `name` = %s", names[1])
	problems = findings()
	assert [(p["kind"], p["name"]) for p in problems] == [(rules.CHANGED, names[1])]
	assert "写入后被改动" in problems[0]["message"] and names[1] in problems[0]["message"]


def test_a_row_rewritten_with_its_digest_recomputed_is_found(zh):
	names = write(3)
	row = frappe.db.sql(f"select * from {LOG} where `name` = %s", names[1], as_dict=True)[0]
	row.detail = "改过"
	digest = rules.entry_digest(row, audit_chain.FIELDS, row.chain_seq, row.prev_digest)
	frappe.db.sql(f"update {LOG} set `detail` = '改过', `digest` = %s where `name` = %s", (digest, names[1]))
	assert [(p["kind"], p["name"]) for p in findings()] == [(rules.BROKEN_LINK, names[2])]


def test_a_row_deleted_by_raw_sql_is_named(zh):
	names = write(3)
	seq = seq_of(names[1])
	frappe.db.sql(f"delete from {LOG} where `name` = %s", names[1])
	problems = findings()
	# the gap names the row; the day's signed anchor no longer matches either
	assert [(p["kind"], p["seq"]) for p in problems] == [
		(rules.MISSING, seq),
		(rules.ANCHOR_MISMATCH, seq + 1),
	]
	assert f"第 {seq} 至 {seq} 条" in problems[0]["message"] and "已被删除" in problems[0]["message"]


def test_the_last_row_deleted_is_caught_by_the_anchor(zh):
	names = write(2)
	frappe.db.sql(f"delete from {LOG} where `name` = %s", names[-1])
	problems = findings()
	assert [p["kind"] for p in problems] == [rules.ANCHOR_MISMATCH]
	assert today() in problems[0]["message"]


def test_a_row_inserted_by_raw_sql_is_named(zh):
	write(1)
	frappe.db.sql(
		f"""insert into {LOG} (`name`, `creation`, `modified`, `owner`, `modified_by`, `user`, `accessed_on`,
		`action`, `reference_doctype`, `reference_name`) values ('forged1', now(), now(), 'Administrator',
		'Administrator', 'Administrator', now(), '查看', 'Archive Item', 'X')"""
	)
	problems = findings()
	assert [(p["kind"], p["name"]) for p in problems] == [(rules.UNCHAINED, "forged1")]
	assert "forged1" in problems[0]["message"] and "不在审计链中" in problems[0]["message"]


def test_a_row_inserted_with_a_perfectly_forged_link_is_caught_by_the_signed_anchor(zh):
	write(1)
	seq, prev = audit_chain.head()
	row = frappe._dict(
		name="forged2",
		user="Administrator",
		accessed_on=frappe.utils.now_datetime(),
		action="查看",
		reference_doctype="Archive Item",
		reference_name="X",
		secrecy_level=None,
		ip_address=None,
		detail=None,
	)
	digest = rules.entry_digest(row, audit_chain.FIELDS, seq + 1, prev)
	frappe.db.sql(
		f"""insert into {LOG} (`name`, `creation`, `modified`, `owner`, `modified_by`, `user`, `accessed_on`,
		`action`, `reference_doctype`, `reference_name`, `chain_seq`, `prev_digest`, `digest`)
		values ('forged2', now(), now(), 'Administrator', 'Administrator', 'Administrator', %s, '查看',
		'Archive Item', 'X', %s, %s, %s)""",
		(row.accessed_on, seq + 1, prev, digest),
	)
	problems = findings()
	assert [(p["kind"], p["name"]) for p in problems] == [(rules.UNANCHORED, "forged2")]
	# and moving the anchor along without the site's key does not hide it
	frappe.db.sql(
		"update `tabAudit Chain Anchor` set `last_seq` = %s, `last_digest` = %s, `entries` = `entries` + 1"
		" where `name` = %s",
		(seq + 1, digest, today()),
	)
	assert [p["kind"] for p in findings()] == [rules.ANCHOR_FORGED]


def test_a_deleted_anchor_leaves_its_day_unanchored():
	names = write(1)
	frappe.db.sql("delete from `tabAudit Chain Anchor` where `name` = %s", today())
	assert {p["name"] for p in findings(rules.UNANCHORED)} >= set(names)


def test_the_app_refuses_to_edit_or_delete_a_row_or_an_anchor():
	from archive_mgmt.exceptions import AccessLogLockedError

	name = write(1)[0]
	doc = frappe.get_doc("Archive Access Log", name)
	doc.detail = "x"
	with pytest.raises(AccessLogLockedError):
		doc.save(ignore_permissions=True)
	with pytest.raises(AccessLogLockedError):
		frappe.delete_doc("Audit Chain Anchor", today(), ignore_permissions=True)
	assert findings() == []


def test_the_daily_check_tells_the_auditors():
	auditor = make_user(roles.SECURITY_AUDITOR)
	names = write(2)
	audit_chain.daily_check()
	assert not frappe.db.exists("Notification Log", {"for_user": auditor})
	frappe.db.sql(f"update {LOG} set `detail` = 'x' where `name` = %s", names[0])
	audit_chain.daily_check()
	assert frappe.db.exists("Notification Log", {"for_user": auditor})


def test_role_clearance_secrecy_and_destruction_changes_are_in_the_chain(world):
	officer = make_user(roles.SECURITY_OFFICER)
	user = make_user(roles.ARCHIVE_READER)
	with as_user(officer):
		api.grant_archive_roles(user, [roles.ARCHIVE_READER, roles.DEPARTMENTAL_ARCHIVIST])
		frappe.get_doc({"doctype": "Archive Clearance", "user": user, "clearance": "秘密"}).insert()
	item = make_item(world, secrecy_level="内部")
	item.secrecy_level = "秘密"
	item.save()
	actions = set(
		frappe.get_all(
			"Archive Access Log",
			filters={"reference_name": ("in", [user, item.name])},
			pluck="action",
		)
	)
	assert {"角色变更", "密级授权变更", "密级变更"} <= actions
	assert findings() == []


def test_a_destruction_is_in_the_chain():
	from tests.integration.destruction_factories import (
		approved_batch,
		execute,
		make_destruction_world,
		make_expired_item,
	)

	w = make_destruction_world()
	item = make_expired_item(w).name
	batch = execute(w, approved_batch(w, {item: "Destroy"}))
	rows = frappe.get_all(
		"Archive Access Log", filters={"action": "销毁", "reference_name": batch.name}, fields=["detail"]
	)
	assert [r.detail for r in rows] == [item]
	assert findings() == []


def test_two_writers_at_once_never_fork_the_chain():
	users = [make_user(prefix="writer") for _ in range(3)]
	frappe.db.commit()
	tag, each = frappe.generate_hash(length=8), 6
	try:
		ctx = multiprocessing.get_context("spawn")
		barrier, results = ctx.Barrier(len(users)), ctx.Queue()
		workers = [
			ctx.Process(target=append_log, args=(str(REPO), str(BENCH), SITE, u, each, tag, barrier, results))
			for u in users
		]
		for w in workers:
			w.start()
		done = [results.get(timeout=120) for _ in range(len(users) * each)]
		for w in workers:
			w.join(timeout=30)
		assert not [d for d in done if d[2]], done
		frappe.db.rollback()  # a fresh snapshot: see what the writers committed
		rows = frappe.get_all(
			"Archive Access Log",
			filters={"detail": ("like", f"{tag}-%")},
			fields=["chain_seq", "prev_digest", "digest"],
			order_by="chain_seq",
		)
		assert len(rows) == len(users) * each
		assert len({r.chain_seq for r in rows}) == len(rows)
		assert len({r.prev_digest for r in rows}) == len(rows)  # no two rows follow the same one: no fork
		assert findings() == []
	finally:
		frappe.db.rollback()
		for user in users:
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_the_auditor_exports_a_period_with_a_signed_digest():
	names = write(3)
	auditor = make_user(roles.SECURITY_AUDITOR)
	with as_user(auditor):
		content = download(
			"archive_mgmt.api.access_control.export_audit_trail",
			from_date=add_days(today(), -1),
			to_date=today(),
		)
	with zipfile.ZipFile(io.BytesIO(content)) as z:
		files = sorted(z.namelist())
		workbook = z.read(files[1])
		statement = json.loads(z.read(files[0]))
	assert files[1].endswith(".xlsx") and files[0].endswith(".sm3.json")
	assert statement["sm3"] == rules.sm3(workbook) and statement["exported_by"] == auditor
	assert audit_chain.verify_export(workbook, statement)
	sheet = load_workbook(io.BytesIO(workbook)).active
	exported = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
	assert len(exported) == statement["entries"]
	assert {seq_of(n) for n in names} <= {r[0] for r in exported}
	# a changed file, or a statement edited to match it, no longer verifies
	assert not audit_chain.verify_export(workbook + b"x", statement)
	forged = dict(statement, sm3=rules.sm3(workbook + b"x"))
	assert not audit_chain.verify_export(workbook + b"x", forged)
	with as_user(make_user(roles.ARCHIVE_MANAGER)), pytest.raises(frappe.PermissionError):
		api.export_audit_trail(today(), today())
	with as_user(auditor), pytest.raises(frappe.ValidationError):
		api.export_audit_trail(today(), add_days(today(), -3))


def test_an_upgraded_site_chains_the_log_it_had():
	"""Rows written before the chain existed (no number, no digest) join it on migrate, oldest first."""
	for i in range(3):
		frappe.db.sql(
			f"""insert into {LOG} (`name`, `creation`, `modified`, `owner`, `modified_by`, `user`,
			`accessed_on`, `action`, `reference_doctype`, `reference_name`)
			values (%s, now(), now(), 'Administrator', 'Administrator', 'Administrator', now(), '查看',
			'Archive Item', 'OLD')""",
			f"old{i}-{frappe.generate_hash(length=6)}",
		)
	assert findings(rules.UNCHAINED)
	assert audit_chain.chain_existing() >= 3
	assert findings() == []
