"""Holds (冻结): the one answer to "is this item held?".

An active Archive Hold names items and/or dossiers; a dossier hold covers every item in the
dossier (by the item's ``dossier`` link or the dossier's contents list). While a hold is active
nothing under it can be destroyed or transferred.
"""

import frappe


def holds_on(items: list[str]) -> dict[str, list[str]]:
	"""Active holds covering each of ``items``: {item: [hold, ...]} (items not held are absent)."""
	items = [i for i in dict.fromkeys(items) if i]
	if not items:
		return {}
	held: dict[str, list[str]] = {}

	def add(item, hold):
		if hold not in held.setdefault(item, []):
			held[item].append(hold)

	direct = frappe.db.sql(
		"""select t.archive_item, h.name from `tabArchive Hold Target` t
		join `tabArchive Hold` h on h.name = t.parent and t.parenttype = 'Archive Hold'
		where h.active = 1 and t.archive_item in %(items)s""",
		{"items": items},
	)
	for item, hold in direct:
		add(item, hold)

	# Dossiers each item belongs to: its own link, and any contents list naming it.
	dossiers: dict[str, set[str]] = {}
	for name, dossier in frappe.get_all(
		"Archive Item", filters={"name": ("in", items)}, fields=["name", "dossier"], as_list=True
	):
		if dossier:
			dossiers.setdefault(dossier, set()).add(name)
	for item, dossier in frappe.get_all(
		"Dossier Content",
		filters={"archive_item": ("in", items), "parenttype": "Dossier"},
		fields=["archive_item", "parent"],
		as_list=True,
	):
		dossiers.setdefault(dossier, set()).add(item)
	if dossiers:
		by_dossier = frappe.db.sql(
			"""select t.dossier, h.name from `tabArchive Hold Target` t
			join `tabArchive Hold` h on h.name = t.parent and t.parenttype = 'Archive Hold'
			where h.active = 1 and t.dossier in %(dossiers)s""",
			{"dossiers": list(dossiers)},
		)
		for dossier, hold in by_dossier:
			for item in sorted(dossiers[dossier]):
				add(item, hold)
	return held


def is_held(item: str) -> bool:
	return bool(holds_on([item]))
