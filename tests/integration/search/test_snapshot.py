"""The search's column snapshot (search/snapshot.py) on the real site: it answers exactly as the database does
(results, order, relevance, count, facets, dossiers; for the Administrator, a departmental clerk and a 内部
director; every sort, filters, excluded words, pages), and a change made after it shows at once.

The snapshot is built within the test's transaction (snapshot.build(within_transaction=True)): it sees the
test's records, and the database names it only until the test rolls back."""

import random

import frappe
import pytest

from archive_mgmt import roles
from archive_mgmt.search import engine, service, snapshot
from tests.integration.factories import (
	as_user,
	make_dossier,
	make_filed_item,
	make_item,
	make_user,
	set_clearance,
)
from tests.integration.search_factories import attach_text, destroy, tag

ALPHABET = "档案管理工作通知会议纪要安全生产质量"


@pytest.fixture
def answered_by(monkeypatch):
	"""search(…) as the snapshot answers it (asserting that it did) and as the database alone does."""
	calls = []
	real = service.found_in_snapshot

	def spied(*args, **kwargs):
		calls.append(args[1])
		return real(*args, **kwargs)

	monkeypatch.setattr(service, "found_in_snapshot", spied)

	def both(text, user="Administrator", **kwargs):
		with as_user(user):
			before = len(calls)
			by_snapshot = service.search(text, user=user, **kwargs)
			assert len(calls) == before + 1, "the snapshot did not answer"
			with monkeypatch.context() as m:
				m.setattr(snapshot, "current", lambda: None)
				by_database = service.search(text, user=user, **kwargs)
		return by_snapshot, by_database

	both.changed = calls
	return both


def comparable(result: dict) -> dict:
	return {k: result[k] for k in ("total", "results", "facets", "dossiers", "file_names")}


def test_the_snapshot_answers_as_the_database_does(world, answered_by):
	rng = random.Random(7)

	def text(n):
		return "".join(rng.choice(ALPHABET) for _ in range(n))

	word = tag()
	items = []
	for n in range(30):
		values = {
			"title": f"{text(rng.randint(3, 10))}{word if n % 4 == 0 else ''}",
			"responsible_party": text(3),
			"remarks": text(8),
			"year": 2018 + n % 4,
			"secrecy_level": ("公开", "内部", "机密")[n % 3],
			"filing_unit": world.unit if n % 2 else world.other_unit,
		}
		doc = make_filed_item(world, **values) if n % 5 else make_item(world, **values)
		if n % 3 == 0:
			attach_text(
				doc.name, f"{text(30)}{word}{text(10)}", file_name=f"{frappe.generate_hash(length=6)}.txt"
			)
		items.append(doc.name)
	with as_user(world.manager):
		make_dossier(world, [frappe.get_doc("Archive Item", items[5])], title=f"{word}案卷")
	destroy(items[11])
	director = make_user(roles.OFFICE_DIRECTOR, prefix="director")
	set_clearance(director, "内部")
	assert snapshot.build(within_transaction=True)["items"] == frappe.db.count("Archive Item")

	queries = [
		word,
		f"{word} -{ALPHABET[:2]}",
		ALPHABET[0],  # one character: the bigrams it starts
		f"{word[0]} -{ALPHABET[3]}",
		*(text(rng.randint(2, 4)) for _ in range(12)),
	]
	cases = [
		(q, sort, filters, page)
		for q in queries
		for sort, filters, page in (
			("relevance", None, 1),
			("date", {"year_from": 2019, "secrecy_level": ["公开", "内部"]}, 1),
			("code", {"has_files": 1, "fonds": world.fonds}, 1),
			("relevance", {"fonds": world.fonds}, 2),
		)
	]
	found_any = 0
	for user in ("Administrator", world.clerk, director):
		for q, sort, filters, page in cases:
			by_snapshot, by_database = answered_by(
				q, user, sort=sort, filters=filters, page=page, page_length=5
			)
			assert comparable(by_snapshot) == comparable(by_database), (user, q, sort, filters, page)
			found_any += by_snapshot["total"] > 0
	assert found_any > len(cases)  # the queries find something
	assert answered_by.changed == [[]] * len(answered_by.changed)  # nothing changed since the snapshot


def test_a_change_after_the_snapshot_shows_at_once(world, answered_by):
	word, content = tag(), tag()
	kept = make_filed_item(world, title=f"不变{word}")
	renamed = make_filed_item(world, title=f"改名前{word}")
	raised = make_filed_item(world, title=f"升密{word}", secrecy_level="内部")
	destroyed = make_filed_item(world, title=f"销毁{word}", retention_period="D10", year=2001)
	attach_text(destroyed.name, f"正文{content}")
	deleted = make_item(world, title=f"删除{word}")
	with as_user(world.manager):
		dossier = make_dossier(world, [kept], title=f"{word}旧案卷")
	director = make_user(roles.OFFICE_DIRECTOR, prefix="director")
	set_clearance(director, "内部")
	snapshot.build(within_transaction=True)
	with as_user(director):
		assert {r["name"] for r in service.search(word)["results"]} >= {kept.name, raised.name}

	renamed.reload()
	renamed.title = "改名后的题名"
	renamed.save()
	frappe.db.set_value("Archive Item", raised.name, "secrecy_level", "机密")  # no controller runs
	destroy(destroyed.name)
	frappe.delete_doc("Archive Item", deleted.name, ignore_permissions=True)
	frappe.db.set_value("Dossier", dossier.name, "title", "改名的案卷")
	added = make_item(world, title=f"新增{word}")
	attached = make_item(world, title="后来附件")
	attach_text(attached.name, f"附件正文{content}")

	changed = set(snapshot.changed_items(snapshot.current()))
	assert {renamed.name, raised.name, destroyed.name, deleted.name, added.name, attached.name} <= changed
	assert dossier.name in changed
	assert kept.name not in changed
	for user, text in (("Administrator", word), (director, word), ("Administrator", content)):
		by_snapshot, by_database = answered_by(text, user)
		assert comparable(by_snapshot) == comparable(by_database), (user, text)
	found = {r["name"] for r in answered_by(word)[0]["results"]}
	assert found == {kept.name, raised.name, destroyed.name, added.name}
	assert not any(d["own"] for d in answered_by(word)[0]["dossiers"]["results"])
	with as_user(director):
		assert raised.name not in {r["name"] for r in service.search(word, user=director)["results"]}
	assert {r["name"] for r in answered_by(content)[0]["results"]} == {attached.name}


def test_a_snapshot_the_database_does_not_name_is_not_used(world):
	make_item(world, title=f"恢复{tag()}")
	built = snapshot.build(within_transaction=True)
	assert built and snapshot.current() is not None
	# as after restoring a backup taken before it was made: the database names another snapshot
	frappe.db.sql(f"update `{snapshot.STATE}` set `token` = 'restored'")
	assert snapshot.current() is None


def test_many_changes_queue_a_new_snapshot_and_too_many_are_answered_by_the_database(world, monkeypatch):
	word = tag()
	docs = [make_item(world, title=f"批量{word}{n}") for n in range(3)]
	snapshot.build(within_transaction=True)
	queued = []
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kwargs: queued.append((method, kwargs)))
	monkeypatch.setattr(snapshot, "REBUILD_AFTER", 2)
	engine.index_items([d.name for d in docs])
	# many: a new snapshot queued (once: the job is deduplicated), the snapshot still answers
	assert sorted(snapshot.changed_items(snapshot.current())) == sorted(d.name for d in docs)
	assert [q[0] for q in queued] == ["archive_mgmt.search.snapshot.build"]
	assert queued[0][1]["deduplicate"] and queued[0][1]["queue"] == "long"
	# too many: the database answers alone
	monkeypatch.setattr(snapshot, "DIRTY_LIMIT", 2)
	assert snapshot.changed_items(snapshot.current()) is None
	assert service.snapshot_view(service.parse(word)) is None
	assert service.search(word)["total"] == 3


def test_a_rebuild_logs_no_change(world):
	doc = make_item(world, title=f"静默{tag()}")
	snapshot.build(within_transaction=True)
	with snapshot.quiet():
		engine.index_items([doc.name])
	assert snapshot.changed_items(snapshot.current()) == []
	engine.index_items([doc.name])
	assert snapshot.changed_items(snapshot.current()) == [doc.name]


def test_the_hourly_job_makes_a_snapshot_where_none_is_or_many_items_changed(world, monkeypatch):
	docs = [make_item(world, title=f"每小时{tag()}") for _ in range(3)]
	built = []
	monkeypatch.setattr(snapshot, "build", lambda: built.append(1))
	monkeypatch.setattr(snapshot, "current", lambda: None)
	snapshot.rebuild_if_needed()
	assert built == [1]  # none yet
	monkeypatch.undo()
	snapshot.build(within_transaction=True)
	monkeypatch.setattr(snapshot, "build", lambda: built.append(2))
	monkeypatch.setattr(snapshot, "REBUILD_AFTER", 2)
	engine.index_items([docs[0].name])
	snapshot.rebuild_if_needed()
	assert built == [1]  # one change: not yet
	engine.index_items([d.name for d in docs[1:]])
	snapshot.rebuild_if_needed()
	assert built == [1, 2]


def test_a_migrate_queues_a_snapshot_where_there_is_none(world, monkeypatch):
	make_item(world, title=f"升级{tag()}")
	queued = []
	monkeypatch.setattr(snapshot, "ensure_tables", lambda: None)  # DDL: it would commit the test's records
	monkeypatch.setattr(frappe, "enqueue", lambda method, **kwargs: queued.append(method))
	snapshot.build(within_transaction=True)
	snapshot.after_migrate()
	assert queued == []  # the site has one
	monkeypatch.setattr(snapshot, "current", lambda: None)
	snapshot.after_migrate()
	assert queued == ["archive_mgmt.search.snapshot.build"]
