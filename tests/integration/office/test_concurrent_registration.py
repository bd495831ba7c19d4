"""Clerks registering at the same moment never get the same 收文编号, and the numbers leave no gap:
real processes, real database, committed."""

import multiprocessing

import frappe

from tests.integration.concurrency_worker import register_incoming
from tests.integration.conftest import BENCH, REPO, SITE
from tests.integration.factories import make_user

PROCESSES = 4
EACH = 5
YEAR = 2031  # a year of its own, so the sequence starts at 1 in this test


def test_concurrent_registration_gives_unique_gap_free_numbers():
	clerk = make_user("Registry Clerk", prefix="registry")
	sequence = f"Incoming Office Document:收〔{YEAR}〕#"
	frappe.db.delete("Archive Code Sequence", {"name": sequence})
	frappe.db.commit()
	values = {
		"sender_organisation": "市档案局",
		"title": "并发登记测试",
		"receipt_date": f"{YEAR}-05-06",
		"secrecy_level": "内部",
		"urgency": "平件",
	}
	names = []
	try:
		ctx = multiprocessing.get_context("spawn")
		barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
		workers = [
			ctx.Process(
				target=register_incoming,
				args=(str(REPO), str(BENCH), SITE, clerk, EACH, values, barrier, results),
			)
			for _ in range(PROCESSES)
		]
		for w in workers:
			w.start()
		registered = [results.get(timeout=90) for _ in range(PROCESSES * EACH)]
		for w in workers:
			w.join(timeout=30)
		names = [r[0] for r in registered if r[0]]
		errors = [r[1] for r in registered if r[0] is None]
		assert not errors, errors
		numbers = sorted(int(r[1].split("〕")[1]) for r in registered)
		assert numbers == list(range(1, PROCESSES * EACH + 1))
		assert {r[1] for r in registered} == {f"收〔{YEAR}〕{n:04d}" for n in numbers}
	finally:
		frappe.db.rollback()
		frappe.db.delete("Incoming Office Document", {"name": ("in", names or ["-"])})
		frappe.db.delete("Archive Code Sequence", {"name": sequence})
		frappe.delete_doc("User", clerk, force=True, ignore_permissions=True)
		frappe.db.commit()
