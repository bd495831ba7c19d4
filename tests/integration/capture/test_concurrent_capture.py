"""Two workers capturing the same documents at once make one item each: real processes, committed."""

import multiprocessing

import frappe

from tests.integration.capture.capture_factories import VOUCHER, make_rule, make_voucher
from tests.integration.capture.capture_worker import capture_all
from tests.integration.conftest import BENCH, REPO, SITE
from tests.integration.factories import make_world

PROCESSES = 2
DOCUMENTS = 6


def test_two_workers_capturing_the_same_documents_make_one_item_each():
	world = make_world()
	rule = make_rule(world, capture_on="Period Batch", render_pdf=0)
	sources = [make_voucher().name for _ in range(DOCUMENTS)]
	frappe.db.commit()
	try:
		ctx = multiprocessing.get_context("spawn")
		barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
		workers = [
			ctx.Process(
				target=capture_all, args=(str(REPO), str(BENCH), SITE, rule.name, sources, barrier, results)
			)
			for _ in range(PROCESSES)
		]
		for w in workers:
			w.start()
		got = [results.get(timeout=120) for _ in range(PROCESSES * DOCUMENTS)]
		for w in workers:
			w.join(timeout=30)
		assert [g for g in got if g[2]] == []
		by_source = {}
		for source, item, _ in got:
			by_source.setdefault(source, set()).add(item)
		assert all(len(items) == 1 for items in by_source.values()), by_source
		stored = frappe.get_all(
			"Archive Item", filters={"capture_rule": rule.name}, fields=["name", "source_name"]
		)
		assert sorted(r.source_name for r in stored) == sorted(sources)
	finally:
		frappe.db.rollback()
		cleanup(world, rule.name, sources)


def cleanup(world, rule, sources):
	items = frappe.get_all("Archive Item", filters={"capture_rule": rule}, pluck="name")
	for f in frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Archive Item", "attached_to_name": ("in", items or [""])},
		pluck="name",
	):
		frappe.delete_doc("File", f, force=True, ignore_permissions=True)
	frappe.db.delete("Archive Item", {"name": ("in", items or [""])})
	frappe.db.delete("Archive Capture Rule", {"name": rule})
	frappe.db.delete(VOUCHER, {"name": ("in", sources)})
	frappe.db.delete("Filing Unit", {"name": ("in", [world.unit, world.other_unit])})
	frappe.db.delete("Fonds", {"name": world.fonds})
	for user in (world.clerk, world.other_clerk, world.manager, world.reader):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()
