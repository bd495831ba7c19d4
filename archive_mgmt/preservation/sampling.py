"""Sampling inspection (抽检) of the electronic items: draw, check, record; remind every two years."""

import secrets

import frappe
from frappe import _
from frappe.utils import add_years, flt, getdate, today

from archive_mgmt import notifications
from archive_mgmt.exceptions import SamplingError
from archive_mgmt.preservation import integrity
from archive_mgmt.rules import four_property as fp
from archive_mgmt.rules.sampling import MIN_PERCENT, Unit, draw
from archive_mgmt.rules.status import FILED, ON_LOAN

INTERVAL_YEARS = 2


def population(fonds: str | None = None) -> list[Unit]:
	"""The electronic items held (filed or on loan), as sampling units."""
	filters = {"carrier": ("in", fp.ELECTRONIC_CARRIERS), "status": ("in", (FILED, ON_LOAN))}
	if fonds:
		filters["fonds"] = fonds
	rows = frappe.get_all("Archive Item", filters=filters, fields=["name", "year", "category"])
	return [Unit(r.name, int(r.year or 0), r.category or "") for r in rows]


def draw_sample(doc) -> None:
	"""Sampling Inspection, when new: record the seed and the sample, stratified by year and category."""
	percent = flt(doc.sample_percent)
	if percent < MIN_PERCENT or percent > 100:
		frappe.throw(
			_("The sample must be between {0}% and 100% of the electronic items").format(MIN_PERCENT),
			exc=SamplingError,
		)
	units = population(doc.fonds)
	if not units:
		frappe.throw(_("There are no filed electronic items to sample"), exc=SamplingError)
	doc.seed = (doc.seed or "").strip() or secrets.token_hex(8)
	chosen = set(draw(units, doc.seed, percent))
	doc.set("items", [])
	for unit in sorted(units, key=lambda u: (u.year, u.category, u.name)):
		if unit.name in chosen:
			doc.append("items", {"archive_item": unit.name, "year": unit.year, "category": unit.category})
	doc.population_count = len(units)
	doc.sample_count = len(chosen)
	doc.inspector = frappe.session.user
	doc.inspected_on = today()


def check_sample(doc) -> None:
	"""Sampling Inspection, after insert: the four-property check of every sampled item."""
	failed = 0
	for row in doc.items:
		check = integrity.run(row.archive_item, integrity.SAMPLING, doc.doctype, doc.name)
		row.db_set({"four_property_check": check.name, "result": check.outcome}, update_modified=False)
		failed += check.outcome == fp.FAIL
	doc.db_set({"failed_count": failed, "outcome": fp.FAIL if failed else fp.PASS}, update_modified=False)


def remind_when_due() -> bool:
	"""Daily: two years after the last sampling inspection (or with none yet), tell the archive managers."""
	if not population():
		return False
	last = frappe.db.get_value("Sampling Inspection", {"inspected_on": ("is", "set")}, "max(inspected_on)")
	if last and getdate(today()) < getdate(add_years(last, INTERVAL_YEARS)):
		return False
	subject = (
		_(
			"The electronic records are due for a sampling inspection: the last one was on {0}",
			lang=notifications.NOTIFY_LANG,
		).format(last)
		if last
		else _("The electronic records have never had a sampling inspection", lang=notifications.NOTIFY_LANG)
	)
	notifications.notify(
		notifications.archive_managers(), subject, frappe._dict(doctype="Sampling Inspection", name=None)
	)
	return True
