"""Property: whatever the batch, decisions, holds and loans, only an expired, unheld, not-on-loan
item decided Destroy is ever destroyed, and every destroyed item keeps its tombstone."""

import frappe
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from archive_mgmt.api.appraisal import add_items
from archive_mgmt.appraisal import holds
from archive_mgmt.exceptions import DestructionEligibilityError
from archive_mgmt.rules.destruction import DECISIONS, DESTROY, EXTEND
from tests.integration.destruction_factories import (
	approve_all,
	decide,
	execute,
	hold,
	lend,
	make_batch,
	make_destruction_world,
	make_expired_item,
	record_execution,
	start_appraisal,
	submit_appraisal,
)
from tests.integration.factories import as_user, make_filed_item, make_item

KINDS = ["expired", "expired", "expired", "unexpired", "draft", "on loan", "held", "permanent"]
STAGES = ["before appraisal", "before submission", "before approval", "before execution"]


def make(w, kind):
	if kind == "unexpired":
		return make_filed_item(w, year=2024).name
	if kind == "draft":
		return make_item(w, year=2000, retention_period="D10").name
	if kind == "permanent":
		return make_expired_item(w, retention_period="Y").name
	name = make_expired_item(w).name
	if kind == "on loan":
		lend(name)
	elif kind == "held":
		hold([name])
	return name


@settings(
	max_examples=15,
	deadline=None,
	database=None,
	suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_only_expired_unheld_unlent_items_decided_destroy_are_destroyed(world, data):
	w = getattr(world, "destruction", None) or make_destruction_world()
	world.destruction = w
	kinds = data.draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5), label="kinds")
	items = {make(w, k): k for k in kinds}
	batch = make_batch(w)
	with as_user(w.lead):
		result = add_items(batch.name, list(items))
	added = result["added"]
	# Adding never admits anything but an expired, filed, unheld, not-on-loan item.
	assert all(items[i] == "expired" for i in added)
	assert {r["archive_item"] for r in result["refused"]} == {i for i, k in items.items() if k != "expired"}
	if not added:
		assert not any(frappe.db.get_value("Archive Item", i, "status") == "Destroyed" for i in items)
		return

	decisions = {
		i: (d, "D30") if d == EXTEND else d
		for i, d in zip(
			added,
			data.draw(
				st.lists(st.sampled_from(DECISIONS), min_size=len(added), max_size=len(added)),
				label="decisions",
			),
			strict=True,
		)
	}
	# Holds and loans that appear mid-way: (item, what, before which step).
	events = data.draw(
		st.lists(
			st.tuples(st.sampled_from(added), st.sampled_from(["hold", "loan"]), st.sampled_from(STAGES)),
			max_size=3,
		),
		label="events",
	)
	touched = set()

	def happen(stage):
		for item, what, when in events:
			if when != stage:
				continue
			if what == "hold":
				hold([item])
			elif frappe.db.get_value("Archive Item", item, "status") == "Filed":
				lend(item)
			touched.add(item)

	steps = [
		("before appraisal", lambda: start_appraisal(w, batch)),
		("before submission", lambda: (decide(w, batch, decisions), submit_appraisal(w, batch))),
		("before approval", lambda: approve_all(w, batch)),
		("before execution", lambda: (record_execution(w, batch), execute(w, batch))),
	]
	executed = False
	for stage, step in steps:
		happen(stage)
		try:
			step()
		except DestructionEligibilityError:
			break
	else:
		executed = True
	event("executed" if executed else "stopped by a hold or loan")

	for item, kind in items.items():
		row = frappe.db.get_value(
			"Archive Item",
			item,
			["status", "destroyed_on", "destroyed_by", "destruction_batch", "reference_code", "title"],
			as_dict=True,
		)
		if row.status == "Destroyed":
			assert kind == "expired" and item in added
			assert decisions[item] == DESTROY
			assert item not in touched and not holds.is_held(item)
			assert row.destroyed_on and row.destroyed_by and row.destruction_batch == batch.name
			assert row.reference_code and row.title
		elif executed and decisions.get(item) == DESTROY:
			raise AssertionError(f"{item} was decided Destroy in an executed batch but is {row.status}")
	if not executed:
		assert not any(frappe.db.get_value("Archive Item", i, "status") == "Destroyed" for i in items)
