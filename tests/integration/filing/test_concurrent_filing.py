"""Clerks filing at the same moment never get the same number: real processes, real database, committed."""

import multiprocessing

import frappe

from tests.integration.concurrency_worker import file_items
from tests.integration.conftest import BENCH, REPO, SITE
from tests.integration.factories import item_values, make_world

PROCESSES = 4
ITEMS_EACH = 5


def test_concurrent_filing_gives_unique_gap_free_numbers():
	world = make_world()
	names = [frappe.get_doc(item_values(world)).insert().name for _ in range(PROCESSES * ITEMS_EACH)]
	frappe.db.commit()
	try:
		ctx = multiprocessing.get_context("spawn")
		barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
		workers = [
			ctx.Process(
				target=file_items,
				args=(str(REPO), str(BENCH), SITE, world.manager, names[i::PROCESSES], barrier, results),
			)
			for i in range(PROCESSES)
		]
		for w in workers:
			w.start()
		filed = [results.get(timeout=60) for _ in names]
		for w in workers:
			w.join(timeout=30)

		errors = [r[2] for r in filed if r[0] is None]
		assert not errors, errors
		numbers = sorted(r[1] for r in filed)
		assert numbers == list(range(1, len(names) + 1))
		codes = {r[2] for r in filed}
		assert len(codes) == len(names)
		stored = frappe.get_all("Archive Item", filters={"name": ("in", names)}, fields=["item_no", "status"])
		assert sorted(r.item_no for r in stored) == numbers and {r.status for r in stored} == {"Filed"}
	finally:
		frappe.db.rollback()
		frappe.db.delete("Archive Item", {"name": ("in", names)})
		frappe.db.delete("Archive Code Sequence", {"name": ("like", f"%{world.fonds}-%")})
		frappe.db.delete("Filing Unit", {"name": ("in", [world.unit, world.other_unit])})
		frappe.db.delete("Fonds", {"name": world.fonds})
		for user in (world.clerk, world.other_clerk, world.manager, world.reader):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		frappe.db.commit()
