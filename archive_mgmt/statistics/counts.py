"""Maintained counts (档案统计): the numbers behind the statistics reports, kept current instead of scanned.

Every Archive Item change goes through the item's save — filing, loans and returns, destruction and
transfer (``item_status.change`` saves the item), appraisal's retention changes and plain edits — or
its delete, so the doc events ``on_item_update`` / ``on_item_trash`` are the one place item counts move:
the item's counts leave the row of its old dimensions and join the row of its new ones, in the same
transaction, as INSERT … ON DUPLICATE KEY UPDATE deltas (see reference_codes.py for the pattern). Bulk
writers that skip the ORM (the catalogue import) call ``count_new_items``. ``recount`` rebuilds the
table from the records; ``differences`` compares the two (it is what the tests check).

Counter kinds (each a small cube over the item table):
- holdings: fonds × category × year × retention period × carrier × secrecy level × status
- units: fonds × filing unit × year filed × status (additions per year and unit, description quality)
- expiry: fonds × year the retention expires × status (appraisal work per year)
- dossiers: dossiers by fonds × category × year × retention period × secrecy level
- dispositions: items of destroyed (executed) batches by fonds × year × appraisal decision
"""

import hashlib
from collections import defaultdict
from itertools import combinations

import frappe
from frappe.utils import cint, getdate, now

from archive_mgmt.rules.description import (
	AUDIO_VISUAL_CARRIER,
	AUDIO_VISUAL_FIELDS,
	DAT18_CONDITIONAL,
	DAT18_MANDATORY,
	missing_for_filing,
)
from archive_mgmt.rules.status import DRAFT
from archive_mgmt.workflow.states import DESTROYED

DOCTYPE = "Archive Statistic"
TABLE = f"tab{DOCTYPE}"
HOLDINGS, UNITS, EXPIRY, DOSSIERS, DISPOSITIONS = "holdings", "units", "expiry", "dossiers", "dispositions"
ITEM_VIEWS = {
	HOLDINGS: ("fonds", "category", "year", "retention_period", "carrier", "secrecy_level", "status"),
	UNITS: ("fonds", "filing_unit", "filed_year", "status"),
	EXPIRY: ("fonds", "expiry_year", "status"),
}
# Roll-ups of the holdings cube by fonds, status and two of its other dimensions: a report that needs
# only those reads a few thousand rows instead of the whole cube (which grows towards 10^5 rows).
HOLDINGS_PAIRS = ("category", "year", "retention_period", "carrier", "secrecy_level")
for _a, _b in combinations(HOLDINGS_PAIRS, 2):
	ITEM_VIEWS[f"{HOLDINGS}:{_a}+{_b}"] = ("fonds", _a, _b, "status")
# Rough number of values of each dimension, to pick the smallest cube that answers a question.
CARDINALITY = {"category": 25, "year": 40, "retention_period": 5, "carrier": 4, "secrecy_level": 5}
VIEWS = {
	**ITEM_VIEWS,
	DOSSIERS: ("fonds", "category", "year", "retention_period", "secrecy_level"),
	DISPOSITIONS: ("fonds", "year", "decision"),
}
DIMENSIONS = (
	"fonds",
	"category",
	"year",
	"retention_period",
	"carrier",
	"secrecy_level",
	"filing_unit",
	"filed_year",
	"expiry_year",
	"status",
	"decision",
)
INT_DIMENSIONS = frozenset({"year", "filed_year", "expiry_year"})
MEASURES = ("items", "pages", "complete", "dossiers")
# The Destruction Batch state in which its decisions have been carried out.
WRITE_CHUNK = 1_000


# --- what one record counts for -------------------------------------------------------------------


def year_of(value) -> int:
	return getdate(value).year if value else 0


def normal(dimension: str, value):
	return cint(value) if dimension in INT_DIMENSIONS else (value or "")


def item_dimensions(values) -> dict:
	return {
		"fonds": values.get("fonds"),
		"category": values.get("category"),
		"year": values.get("year"),
		"retention_period": values.get("retention_period"),
		"carrier": values.get("carrier"),
		"secrecy_level": values.get("secrecy_level"),
		"filing_unit": values.get("filing_unit"),
		"filed_year": year_of(values.get("filed_on")),
		"expiry_year": year_of(values.get("expiry_date")),
		"status": values.get("status") or DRAFT,
	}


def item_measures(values) -> tuple:
	return (1, cint(values.get("pages")), int(not missing_for_filing(values)), 0)


def key(kind: str, dims: dict) -> tuple:
	return (kind, *(normal(d, dims.get(d)) for d in VIEWS[kind]))


class Deltas:
	"""Signed measure changes by counter key."""

	def __init__(self):
		self.rows: dict[tuple, list[int]] = defaultdict(lambda: [0] * len(MEASURES))

	def add(self, counter_key: tuple, measures, sign: int = 1) -> None:
		row = self.rows[counter_key]
		for i, m in enumerate(measures):
			row[i] += sign * m

	def add_item(self, values, sign: int = 1) -> None:
		dims, measures = item_dimensions(values), item_measures(values)
		for kind in ITEM_VIEWS:
			self.add(key(kind, dims), measures, sign)

	def add_dossier(self, values, sign: int = 1) -> None:
		self.add(key(DOSSIERS, values), (0, 0, 0, 1), sign)

	def changed(self) -> dict[tuple, list[int]]:
		return {k: v for k, v in self.rows.items() if any(v)}


# --- writing ----------------------------------------------------------------------------------------


def row_name(counter_key: tuple) -> str:
	"""The counter row's primary key: its kind first, so a kind's rows sit together in the clustered index."""
	digest = hashlib.sha1("\x1f".join(str(v) for v in counter_key).encode()).hexdigest()
	return f"{counter_key[0]}|{digest}"


def write(deltas: dict[tuple, list[int]]) -> None:
	"""Add the deltas to their counter rows, creating rows as needed (one statement per chunk)."""
	if not deltas:
		return
	stamp, user = now(), frappe.session.user
	columns = ("name", "creation", "modified", "owner", "modified_by", "kind", *DIMENSIONS, *MEASURES)
	rows = []
	for counter_key, measures in sorted(deltas.items(), key=lambda kv: row_name(kv[0])):
		kind, values = counter_key[0], dict(zip(VIEWS[counter_key[0]], counter_key[1:], strict=True))
		dims = [normal(d, values.get(d)) for d in DIMENSIONS]
		rows.append((row_name(counter_key), stamp, stamp, user, user, kind, *dims, *measures))
	# Sorted by name, so concurrent writers lock the counter rows in the same order (no deadlock).
	for start in range(0, len(rows), WRITE_CHUNK):
		chunk = rows[start : start + WRITE_CHUNK]
		placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
		updates = ", ".join(f"`{m}` = `{m}` + values(`{m}`)" for m in MEASURES)
		frappe.db.sql(
			f"""insert into `{TABLE}` ({", ".join(f"`{c}`" for c in columns)}) values {placeholders}
			on duplicate key update {updates}, `modified` = values(`modified`)""",
			[v for row in chunk for v in row],
		)


# --- the doc events (hooks.doc_events) --------------------------------------------------------------


def on_item_update(doc, method=None) -> None:
	deltas = Deltas()
	before = doc.get_doc_before_save()
	if before is not None:
		deltas.add_item(before, -1)
	deltas.add_item(doc)
	write(deltas.changed())


def on_item_trash(doc, method=None) -> None:
	deltas = Deltas()
	deltas.add_item(doc, -1)
	write(deltas.changed())


def on_dossier_update(doc, method=None) -> None:
	deltas = Deltas()
	before = doc.get_doc_before_save()
	if before is not None:
		deltas.add_dossier(before, -1)
	deltas.add_dossier(doc)
	write(deltas.changed())


def on_dossier_trash(doc, method=None) -> None:
	deltas = Deltas()
	deltas.add_dossier(doc, -1)
	write(deltas.changed())


def on_batch_update(doc, method=None) -> None:
	"""When a destruction batch is carried out, count its appraisal decisions in the year of destruction."""
	if not doc.reaching(DESTROYED, or_created_in=True):
		return
	deltas = Deltas()
	year = year_of(doc.destruction_date or now())
	for row in doc.items:
		deltas.add(
			key(DISPOSITIONS, {"fonds": doc.fonds, "year": year, "decision": row.decision}), (1, 0, 0, 0)
		)
	write(deltas.changed())


def count_new_items(records: list[dict]) -> None:
	"""Bulk writers that skip the ORM (catalogue import) count their new items with this."""
	deltas = Deltas()
	for values in records:
		deltas.add_item(values)
	write(deltas.changed())


# --- recount --------------------------------------------------------------------------------------


def filled_sql(field: str) -> str:
	return f"nullif(trim(`{field}`), '') is not null"


def complete_sql() -> str:
	"""rules.description.missing_for_filing as SQL: the same fields, blank meaning NULL or spaces."""
	base = " and ".join(filled_sql(f) for f in DAT18_MANDATORY + DAT18_CONDITIONAL)
	audio_visual = " and ".join(filled_sql(f) for f in AUDIO_VISUAL_FIELDS)
	return f"({base} and (ifnull(`carrier`, '') != '{AUDIO_VISUAL_CARRIER}' or ({audio_visual})))"


ITEM_SQL = {
	"fonds": "`fonds`",
	"category": "`category`",
	"year": "`year`",
	"retention_period": "`retention_period`",
	"carrier": "`carrier`",
	"secrecy_level": "`secrecy_level`",
	"filing_unit": "`filing_unit`",
	"filed_year": "ifnull(year(`filed_on`), 0)",
	"expiry_year": "ifnull(year(`expiry_date`), 0)",
	"status": f"coalesce(nullif(`status`, ''), '{DRAFT}')",
}


def expected(fonds: str | None = None) -> dict[tuple, list[int]]:
	"""Every counter row as the records make it now (full GROUP BY scans)."""
	result: dict[tuple, list[int]] = {}
	where, params = ("where `fonds` = %(fonds)s", {"fonds": fonds}) if fonds else ("", {})
	for kind, dims in ITEM_VIEWS.items():
		select = ", ".join(ITEM_SQL[d] for d in dims)
		rows = frappe.db.sql(
			f"""select {select}, count(*), ifnull(sum(`pages`), 0), ifnull(sum({complete_sql()}), 0)
			from `tabArchive Item` {where} group by {select}""",
			params,
		)
		for row in rows:
			result[key(kind, dict(zip(dims, row, strict=False)))] = [int(v) for v in row[len(dims) :]] + [0]
	dims = VIEWS[DOSSIERS]
	for row in frappe.db.sql(
		f"""select {", ".join(f"`{d}`" for d in dims)}, count(*) from `tabDossier` {where}
		group by {", ".join(f"`{d}`" for d in dims)}""",
		params,
	):
		result[key(DOSSIERS, dict(zip(dims, row, strict=False)))] = [0, 0, 0, int(row[-1])]
	for row in frappe.db.sql(
		f"""select b.`fonds`, year(ifnull(b.`destruction_date`, b.`modified`)), i.`decision`, count(*)
		from `tabDestruction Batch Item` i
		join `tabDestruction Batch` b on b.`name` = i.`parent` and i.`parenttype` = 'Destruction Batch'
		where b.`workflow_state` = %(executed)s {"and b.`fonds` = %(fonds)s" if fonds else ""}
		group by 1, 2, 3""",
		{**params, "executed": DESTROYED},
	):
		counter_key = key(DISPOSITIONS, {"fonds": row[0], "year": row[1], "decision": row[2]})
		result[counter_key] = [int(row[3]), 0, 0, 0]
	return result


def current(fonds: str | None = None) -> dict[tuple, list[int]]:
	"""Every non-empty counter row as maintained."""
	where, params = ("where `fonds` = %(fonds)s", {"fonds": fonds}) if fonds else ("", {})
	result = {}
	for row in frappe.db.sql(f"select * from `{TABLE}` {where}", params, as_dict=True):
		measures = [int(row[m]) for m in MEASURES]
		if any(measures):
			result[key(row.kind, row)] = measures
	return result


def differences(fonds: str | None = None) -> dict[tuple, tuple]:
	"""{counter key: (maintained, recounted)} wherever they disagree; empty when the counts are right."""
	have, want = current(fonds), expected(fonds)
	return {k: (have.get(k), want.get(k)) for k in set(have) | set(want) if have.get(k) != want.get(k)}


def recount(fonds: str | None = None) -> int:
	"""Rebuild the counters (of one fonds, or all) from the records; returns the number of rows."""
	rows = expected(fonds)
	if fonds:
		frappe.db.sql(f"delete from `{TABLE}` where `fonds` = %s", fonds)
	else:
		frappe.db.sql(f"delete from `{TABLE}`")
	write(rows)
	return len(rows)


# --- reading ----------------------------------------------------------------------------------------


def smallest_kind(kind: str, needed: set) -> str:
	"""The smallest cube of a kind (itself or one of its roll-ups) that has every needed dimension."""
	candidates = [k for k in VIEWS if (k == kind or k.startswith(kind + ":")) and needed <= set(VIEWS[k])]
	if not candidates:
		raise ValueError(f"{kind} has no dimensions {sorted(needed)}")

	def size(k):
		n = 1
		for d in VIEWS[k]:
			n *= CARDINALITY.get(d, 1)
		return n

	return min(candidates, key=size)


def totals(kind: str, group_by: tuple = (), where: dict | None = None) -> list[dict]:
	"""Sums of the measures of one counter kind, grouped by some of its dimensions, filtered by others.

	``where`` maps a dimension to a value, a list/tuple of values, or a range (read as between).
	"""
	kind = smallest_kind(kind, {*group_by, *(where or {})})
	conditions, params = ["`kind` = %(kind)s"], {"kind": kind}
	for i, (dim, value) in enumerate((where or {}).items()):
		if isinstance(value, range):
			conditions.append(f"`{dim}` between %(v{i})s and %(w{i})s")
			params[f"v{i}"], params[f"w{i}"] = value.start, value.stop - 1
		elif isinstance(value, list | tuple | set | frozenset):
			conditions.append(f"`{dim}` in %(v{i})s")
			params[f"v{i}"] = tuple(value) or ("",)
		else:
			conditions.append(f"`{dim}` = %(v{i})s")
			params[f"v{i}"] = normal(dim, value)
	groups = ", ".join(f"`{d}`" for d in group_by)
	sums = ", ".join(f"cast(sum(`{m}`) as signed) as `{m}`" for m in MEASURES)
	return frappe.db.sql(
		f"""select {groups + ", " if groups else ""}{sums} from `{TABLE}`
		where {" and ".join(conditions)} {"group by " + groups if groups else ""}
		{"order by " + groups if groups else ""}""",
		params,
		as_dict=True,
	)


# --- indexes --------------------------------------------------------------------------------------
