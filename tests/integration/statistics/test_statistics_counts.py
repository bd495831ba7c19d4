"""The maintained statistics counts always equal a full recount, whatever the archive does."""

import random

import frappe
import pytest

from archive_mgmt.appraisal import declassification
from archive_mgmt.filing import item_status
from archive_mgmt.filing.catalogue_import import MODE_FILED, import_catalogue
from archive_mgmt.statistics import counts
from tests.integration.catalogue_files import catalogue_bytes
from tests.integration.destruction_factories import approved_batch, execute, make_destruction_world
from tests.integration.factories import as_user, file_item, make_item

CATEGORIES = ("WS", "KJ", "RS", "KU")
RETENTION = ("Y", "D30", "D10")
CARRIERS = ("纸质", "电子", "实物")
# Items are made on carriers that need no files to pass the four-property check at filing; edits then move
# them onto any carrier.
FILED_CARRIERS = ("纸质", "实物")
SECRECY = ("公开", "内部", "秘密")
OPERATIONS = ("create", "file", "lend", "return", "edit", "destroy", "transfer", "delete")
WEIGHTS = (6, 6, 4, 3, 3, 1, 1, 1)


def holdings(world) -> dict:
	rows = counts.totals(counts.HOLDINGS, ("status",), {"fonds": world.fonds})
	return {r.status: (r["items"], r.pages) for r in rows if r["items"]}


def random_values(rng: random.Random, world) -> dict:
	values = {
		"category": rng.choice(CATEGORIES),
		"year": rng.randint(2015, 2024),
		"retention_period": rng.choice(RETENTION),
		"carrier": rng.choice(FILED_CARRIERS),
		"secrecy_level": rng.choice(SECRECY),
		"pages": rng.randint(0, 30),
		"filing_unit": rng.choice((world.unit, world.other_unit)),
	}
	if rng.random() < 0.2:  # incomplete description: stays a draft
		values["responsible_party"] = ""
	return values


def by_status(world, status) -> list[str]:
	return frappe.get_all("Archive Item", filters={"fonds": world.fonds, "status": status}, pluck="name")


def test_counts_follow_filing_loans_returns_edits_destruction_transfer_and_deletes():
	world = make_destruction_world()
	rng = random.Random(8)
	done = []
	for step in range(90):
		op = rng.choices(OPERATIONS, weights=WEIGHTS)[0]
		drafts, filed, lent = (
			by_status(world, "Draft"),
			by_status(world, "Filed"),
			by_status(world, "On Loan"),
		)
		with as_user(world.manager):
			if op == "create":
				make_item(world, **random_values(rng, world))
			elif op == "file" and drafts:
				doc = frappe.get_doc("Archive Item", rng.choice(drafts))
				if doc.responsible_party:
					file_item(world, doc)
			elif op == "lend" and filed:
				item_status.change(rng.choice(filed), "On Loan")
			elif op == "return" and lent:
				item_status.change(rng.choice(lent), "Filed")
			elif op == "edit" and filed:
				doc = frappe.get_doc("Archive Item", rng.choice(filed))
				doc.flags[declassification.REVIEW_FLAG] = "counts test"  # as an approved review applies it
				doc.update(
					{
						"secrecy_level": rng.choice(SECRECY),
						"carrier": rng.choice(CARRIERS),
						"pages": rng.randint(0, 30),
						"retention_period": rng.choice(RETENTION),
					}
				)
				doc.save()
			elif op == "destroy" and filed:
				item_status.change(rng.choice(filed), "Destroyed", {"destroyed_on": "2026-01-05 10:00:00"})
			elif op == "transfer" and filed:
				item_status.change(rng.choice(filed), "Transferred")
			elif op == "delete" and drafts:
				frappe.delete_doc("Archive Item", rng.choice(drafts))
			else:
				continue
		done.append(op)
		if step % 10 == 9:
			assert counts.differences(world.fonds) == {}, f"after {done}"
	assert counts.differences(world.fonds) == {}
	assert {"create", "file", "lend", "return", "edit", "destroy", "transfer", "delete"} <= set(done)
	recounted = holdings(world)
	counts.recount(world.fonds)
	assert holdings(world) == recounted


def test_destruction_batch_moves_items_and_counts_its_decisions():
	world = make_destruction_world()
	from tests.integration.destruction_factories import make_expired_item

	a, b, c = (make_expired_item(world).name for _ in range(3))
	batch = approved_batch(world, {a: "Destroy", b: ("Extend", "D30"), c: "Keep Permanently"})
	before = holdings(world)
	execute(world, batch)
	assert counts.differences(world.fonds) == {}
	assert holdings(world)["Destroyed"] == (1, 3)
	assert holdings(world)["Filed"] == (before["Filed"][0] - 1, before["Filed"][1] - 3)
	decisions = {
		r.decision: r["items"]
		for r in counts.totals(counts.DISPOSITIONS, ("decision",), {"fonds": world.fonds, "year": 2026})
	}
	assert decisions == {"Destroy": 1, "Extend": 1, "Keep Permanently": 1}


def test_catalogue_import_counts_its_bulk_written_items():
	world = make_destruction_world()
	with as_user(world.manager):
		result = import_catalogue(catalogue_bytes(world.fonds, world.unit, 25), MODE_FILED)
	assert len(result.created) == 25
	assert holdings(world) == {"Filed": (25, 50)}
	assert counts.differences(world.fonds) == {}


def test_dossiers_are_counted():
	world = make_destruction_world()
	with as_user(world.manager):
		items = [frappe.get_doc("Archive Item", file_item(world, make_item(world)).name) for _ in range(2)]
		dossier = frappe.get_doc(
			{
				"doctype": "Dossier",
				"title": "2024年办公室文书",
				"fonds": world.fonds,
				"category": "WS",
				"year": 2024,
				"retention_period": "Y",
				"filing_unit": world.unit,
				"items": [{"archive_item": i.name} for i in items],
			}
		).insert()
	rows = counts.totals(counts.DOSSIERS, ("year",), {"fonds": world.fonds})
	assert [(r.year, r.dossiers) for r in rows] == [(2024, 1)]
	assert counts.differences(world.fonds) == {}
	dossier.items = []
	dossier.save()
	frappe.delete_doc("Dossier", dossier.name)
	assert counts.totals(counts.DOSSIERS, (), {"fonds": world.fonds})[0].dossiers == 0
	assert counts.differences(world.fonds) == {}


def test_a_rolled_back_change_leaves_the_counts_as_they_were():
	world = make_destruction_world()
	with as_user(world.manager):
		item = file_item(world, make_item(world))
	before = holdings(world)
	frappe.db.savepoint("try")
	item_status.change(item.name, "On Loan")
	frappe.db.rollback(save_point="try")
	assert holdings(world) == before
	with pytest.raises(frappe.ValidationError):
		item_status.change(item.name, "Draft")
	assert holdings(world) == before
