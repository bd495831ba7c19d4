"""档案检索: one search over the catalogue and the files' text, within what the user may learn of.

Every result, count, facet, snippet and export passes through permissions.archive_item_query (the user's
filing units and clearance.item_condition: secrecy levels, loans, a reader's lent items): the same rule as
the Archive Item list, applied to the items the index finds, so that a change of clearance, loan or level
shows at once (the snapshot reads the condition's items from the database once per snapshot and condition;
an item changed since is answered by the database). The index only says where the words are: the snapshot
(snapshot.py) for the items unchanged since it was made, like over the segments (engine.py) for the others.
"""

import itertools
from collections import Counter

import frappe
from frappe import _

from archive_mgmt.access_control.permissions import archive_item_query, dossier_query
from archive_mgmt.exceptions import SearchQueryError
from archive_mgmt.rules import search as rules
from archive_mgmt.search import engine, snapshot
from archive_mgmt.sql import sql_in

ITEM = "`tabArchive Item`"
DOSSIER = "`tabDossier`"
PAGE_LENGTH = 20
MAX_PAGE_LENGTH = 100
EXPORT_LIMIT = 10_000
# The facets beside the results, in the order shown: field of Archive Item → label.
FACETS = {
	"fonds": "Fonds",
	"category": "Archive Category",
	"year": "Year",
	"retention_period": "Retention Period",
	"filing_unit": "Filing Unit",
	"carrier": "Carrier",
	"secrecy_level": "Secrecy Level",
	"status": "Status",
	"has_files": "Electronic Files",
}
EQUAL_FILTERS = (
	"fonds",
	"category",
	"retention_period",
	"filing_unit",
	"carrier",
	"secrecy_level",
	"status",
	"year",
)
SORTS = ("relevance", "date", "code")
DOSSIER_FILTERS = {
	"fonds",
	"category",
	"year",
	"retention_period",
	"filing_unit",
	"secrecy_level",
	"year_from",
	"year_to",
}
DOSSIER_LIMIT = 10
# A result of at most this many items is read whole and counted in Python (one pass over the index); a larger
# one is counted in the database (facets) and only its page is read (ranked).
SMALL_RESULT = 2000
COLUMNS = (
	"name",
	"reference_code",
	"title",
	"year",
	"secrecy_level",
	"doc_date",
	"fonds",
	"category",
	"retention_period",
	"filing_unit",
	"carrier",
	"status",
	"responsible_party",
)


def parse(text: str | None, within=None) -> rules.Query:
	"""The query typed, within the earlier queries (search within results); at least one word to find."""
	queries = [rules.parse(t) for t in (within or [])] + [rules.parse(text)]
	query = rules.merge(*queries)
	if query.empty:
		frappe.throw(_("Type a word or phrase to search for"), exc=SearchQueryError)
	return query


def filter_sql(filters: dict | None, table: str = ITEM) -> str:
	"""SQL conditions on the item (or the dossier: ``table``) for the chosen facets and the year range."""
	filters = dict(filters or {})
	parts = []
	for key, value in filters.items():
		if value in (None, "", []):
			continue
		if key in EQUAL_FILTERS:
			values = value if isinstance(value, list | tuple) else [value]
			parts.append(sql_in(f"{table}.`{key}`", [str(v) for v in values]))
		elif key in ("year_from", "year_to"):
			try:
				year = int(value)
			except (TypeError, ValueError):
				frappe.throw(_("Year {0} is not a year").format(value), exc=SearchQueryError)
			parts.append(f"{table}.`year` {'>=' if key == 'year_from' else '<='} {year}")
		elif key == "has_files":
			parts.append(("" if rules.wants_files(value) else "not ") + HAS_FILES)
		else:
			frappe.throw(_("Unknown search filter {0}").format(key), exc=SearchQueryError)
	return " and ".join(parts)


HAS_FILES = (
	"exists (select 1 from `tabFile` f where f.`attached_to_doctype` = 'Archive Item'"
	" and f.`attached_to_name` = `tabArchive Item`.`name` and f.`is_folder` = 0)"
)
ITEM_COLUMNS = ", ".join(f"{ITEM}.`{c}`" for c in COLUMNS)
RESULT_COLUMNS = f"{ITEM_COLUMNS}, {ITEM}.`dossier`, {HAS_FILES} as has_files"


def matched_sql(
	query: rules.Query, filters: dict | None = None, user: str | None = None, join: str = "", items=None
) -> str:
	"""``from … where …`` of every item the user may learn of that the query finds (among ``items``, when
	named), as ``{ITEM}`` with the index's ``m.metas`` (how many terms its catalogue entry holds); ``join``:
	more tables joined in."""
	user = user or frappe.session.user
	conditions = [
		archive_item_query(user),
		filter_sql(filters),
		f"({ITEM}.`status` != 'Destroyed' or m.`metas` = {len(query.terms)})",  # a tombstone: catalogue only
	]
	if query.excluded:
		conditions.append(f"{ITEM}.`name` not in ({engine.excluded_sql(query, items)})")
	where = " and ".join(f"({c})" for c in conditions if c)
	return (
		f"from ({engine.matching_sql(query, items)}) m join {ITEM} on {ITEM}.`name` = m.`item` {join}"
		f" where {where}"
	)


def score_sql(query: rules.Query) -> str:
	"""Relevance: per term 1, one more when the catalogue entry holds it, one more when the title does."""
	titled = " + ".join(
		f"(ifnull({ITEM}.`title`, '') like {frappe.db.escape(rules.like_pattern(t))})" for t in query.terms
	)
	return f"({len(query.terms)} + m.`metas` + {titled})"


def _binary(column: str) -> str:
	"""Ordered by code point, as Python orders strings (the collation would fold case and width)."""
	return f"cast({column} as binary)"


CODE_ORDER = f"ifnull({ITEM}.`reference_code`, '') = '', {_binary(f'{ITEM}.`reference_code`')}"
ORDER_BY = {
	"relevance": f"score desc, {CODE_ORDER}",
	"date": f"{ITEM}.`doc_date` is null, {ITEM}.`doc_date` desc",
	"code": CODE_ORDER,
}


def ranked(
	query: rules.Query,
	filters: dict | None = None,
	sort: str = "relevance",
	start: int = 0,
	limit: int = PAGE_LENGTH,
	user: str | None = None,
) -> list:
	"""The results from ``start``, at most ``limit`` of them, in the sort's order (ties by name)."""
	return frappe.db.sql(
		f"""select {ITEM_COLUMNS}, {score_sql(query)} as score {matched_sql(query, filters, user)}
		order by {ORDER_BY[sort]}, {_binary(f"{ITEM}.`name`")} limit {int(limit)} offset {int(start)}""",
		as_dict=True,
	)


def facets(query: rules.Query, filters: dict | None = None, user: str | None = None) -> list:
	"""(facet, value, count) for every facet and value among the results (and "dossier": how many each
	dossier holds): one pass over the results, grouped in the database."""
	grouped = (*FACETS, "dossier")
	facet_names = " union all ".join(f"select {frappe.db.escape(f)} as facet" for f in grouped)
	value = "case f.facet " + " ".join(
		f"when {frappe.db.escape(f)} then {HAS_FILES if f == 'has_files' else f'{ITEM}.`{f}`'}"
		for f in grouped
	)
	return frappe.db.sql(
		f"""select f.facet, {value} end as value, count(*) as count
		{matched_sql(query, filters, user, join=f"join ({facet_names}) f")}
		group by f.facet, value"""
	)


def all_results(
	query: rules.Query,
	filters: dict | None = None,
	user: str | None = None,
	limit: int | None = None,
	items=None,
) -> list:
	"""Every result (at most ``limit``; among ``items``, when named) with its columns, relevance, dossier and
	whether it has files."""
	return frappe.db.sql(
		f"""select {RESULT_COLUMNS}, {score_sql(query)} as score
		{matched_sql(query, filters, user, items=items)} {f"limit {int(limit)}" if limit is not None else ""}""",
		as_dict=True,
	)


def item_results(scored: list) -> list:
	"""The results (name, relevance) with their columns, dossier and whether they have files."""
	if not scored:
		return []
	rows = frappe.db.sql(
		f"select {RESULT_COLUMNS} from {ITEM} where {sql_in(f'{ITEM}.`name`', [n for n, _s in scored])}",
		as_dict=True,
	)
	scores = dict(scored)
	for row in rows:
		row.score = scores[row.name]
	return rows


def in_order(rows: list, sort: str) -> list:
	"""The rows in the sort's order (as ranked() orders them in the database, by ORDER_BY)."""
	if sort == "date":
		key = lambda r: (r.doc_date is None, -(r.doc_date.toordinal() if r.doc_date else 0), r.name)  # noqa: E731
	elif sort == "code":
		key = lambda r: (not r.reference_code, r.reference_code or "", r.name)  # noqa: E731
	else:
		key = lambda r: (-r.score, not r.reference_code, r.reference_code or "", r.name)  # noqa: E731
	return sorted(rows, key=key)


def grouped(triples) -> dict:
	"""(facet, value, count) as {facet: [(value, count), …]}."""
	out = {}
	for f, v, c in triples:
		out.setdefault(f, []).append((v, int(c)))
	return out


def counted(by_facet: dict) -> tuple[int, dict, dict]:
	"""From {facet: [(value, count), …]}: the number of results, each facet's values with their counts (most
	first; years by year), and how many results each dossier holds."""
	total = sum(c for _v, c in by_facet.get("status", ()))
	out = {}
	for field in FACETS:
		pairs = [(v, c) for v, c in by_facet.get(field, ()) if v not in (None, "")]
		if field in ("year", "has_files"):
			pairs = [(int(v), c) for v, c in pairs]
		pairs.sort(key=lambda kv: (-kv[0], 0) if field == "year" else (-kv[1], str(kv[0])))
		out[field] = [{"value": v, "count": c} for v, c in pairs]
	return total, out, {v: c for v, c in by_facet.get("dossier", ()) if v}


def snapshot_view(query: rules.Query) -> tuple | None:
	"""(the snapshot, the items and dossiers changed since) where a snapshot answers the query, else None."""
	columns = snapshot.current() if snapshot.answers(query) else None
	changed = snapshot.changed_items(columns) if columns else None
	return (columns, changed) if changed is not None else None


def found(query: rules.Query, filters, user, sort: str, start: int, limit: int, view=None) -> tuple:
	"""(total, facets, results per dossier, the page's rows). From the snapshot ``view`` where there is one
	(with the items changed since from the database); else from the database alone: a small result (at most
	SMALL_RESULT items) is read once and counted here, a larger one counted in the database and only its
	page read."""
	filter_sql(filters)  # refuses an unknown filter or year, whichever way the query is answered
	if view:
		return found_in_snapshot(*view, query, filters, user, sort, start, limit)
	rows = all_results(query, filters, user, limit=SMALL_RESULT + 1)
	if len(rows) <= SMALL_RESULT:
		return (*counted(grouped(tally(rows))), in_order(rows, sort)[start : start + limit])
	return (*counted(grouped(facets(query, filters, user))), ranked(query, filters, sort, start, limit, user))


def tally(rows: list) -> list:
	"""(facet, value, count) over these rows."""
	triples = Counter((f, r[f]) for r in rows for f in (*FACETS, "dossier"))
	return [(f, v, c) for (f, v), c in triples.items()]


def found_in_snapshot(columns, changed: list, query, filters, user, sort: str, start: int, limit: int):
	"""found() from the snapshot for the items unchanged since it was made, and from the database for the
	others (``changed``), added up and ordered together."""
	user = user or frappe.session.user
	hits, scores = columns.matching(query, filters or {}, archive_item_query(user), changed)
	rows = item_results(columns.first(hits, scores, sort, start + limit))
	counts = columns.counts(hits)
	if changed:
		fresh = all_results(query, filters, user, items=changed)
		summed = Counter()
		for f, pairs in [*counts.items(), *grouped(tally(fresh)).items()]:
			for v, c in pairs:
				summed[(f, v)] += c
		counts = grouped((f, v, c) for (f, v), c in summed.items())
		rows += fresh
	return (*counted(counts), in_order(rows, sort)[start : start + limit])


def search(
	text: str | None,
	within=None,
	filters: dict | None = None,
	sort: str = "relevance",
	page: int = 1,
	page_length: int = PAGE_LENGTH,
	user: str | None = None,
) -> dict:
	"""One page of results (with snippets), the total, the facets and the dossiers found, for the user."""
	user = user or frappe.session.user
	check_sort(sort)
	query = parse(text, within)
	page, page_length = max(1, int(page or 1)), min(MAX_PAGE_LENGTH, max(1, int(page_length or PAGE_LENGTH)))
	view = snapshot_view(query)
	total, counts, in_dossiers, shown = found(
		query, filters, user, sort, (page - 1) * page_length, page_length, view
	)
	segments = engine.hit_segments([r.name for r in shown], query.terms)
	results = []
	for row in shown:
		hits = [
			{
				"where": "meta" if s.kind == engine.META else "file",
				"file": s.file,
				"page": s.page,
				"snippet": rules.snippet(s.text, query.terms),
			}
			for s in segments.get(row.name, [])
			if row.status != "Destroyed" or s.kind == engine.META
		]
		results.append({**{c: row.get(c) for c in COLUMNS}, "score": int(row.score), "hits": hits})
	return {
		"terms": list(query.terms),
		"excluded": list(query.excluded),
		"total": total,
		"page": page,
		"page_length": page_length,
		"results": results,
		"facets": counts,
		"file_names": file_names(segments),
		"dossiers": dossiers(query, in_dossiers, filters, user, view),
	}


def dossiers(
	query: rules.Query, in_dossiers: dict, filters: dict | None = None, user: str | None = None, view=None
):
	"""The dossiers found, that the user may learn of: by their own fields (题名, 档号, 备注: every term, no
	excluded one) and by their items among the results (``in_dossiers``: how many each holds, from facets()).
	At most DOSSIER_LIMIT, those found by their own fields first, then by the number of their items found;
	and how many there are in all. A filter that a dossier has not (载体, 状态, 电子文件) leaves only the
	dossiers found by their items. With a snapshot ``view``, its dossiers' texts are searched but for those
	changed since, which the database searches."""
	user = user or frappe.session.user
	conditions = [dossier_query(user)]
	filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
	own = set()
	if set(filters) <= DOSSIER_FILTERS:
		where = [*conditions, filter_sql(filters, DOSSIER)]
		candidates = view[0].own_dossiers(query, view[1]) if view else None
		if candidates is not None:
			among = [*candidates, *view[1]]
			where += [sql_in(f"{DOSSIER}.`name`", among) if among else "1=0"]
		where.append(dossier_text_sql(query))
		own = set(
			frappe.db.sql_list(
				f"select `name` from {DOSSIER} where " + " and ".join(f"({c})" for c in where if c)
			)
		)
	names = own | set(in_dossiers)
	if not names:
		return {"total": 0, "results": []}
	condition = " and ".join(f"({c})" for c in conditions if c)
	if condition:
		total = frappe.db.sql(
			f"select count(*) from {DOSSIER} where {condition} and {sql_in(f'{DOSSIER}.`name`', sorted(names))}"
		)[0][0]
	else:
		total = len(names)  # an item's dossier is a link: it exists
	results = []
	for (not_own, minus_items), group in itertools.groupby(
		sorted(names, key=lambda n: (n not in own, -in_dossiers.get(n, 0))),
		key=lambda n: (n not in own, -in_dossiers.get(n, 0)),
	):
		if len(results) >= DOSSIER_LIMIT:
			break
		rows = frappe.db.sql(
			f"""select `name`, `reference_code`, `title`, `year`, `secrecy_level` from {DOSSIER}
			where {" and ".join(c for c in [condition, sql_in(f"{DOSSIER}.`name`", sorted(group))] if c)}
			order by {DOSSIER_CODE_ORDER}, {_binary(f"{DOSSIER}.`name`")} limit {DOSSIER_LIMIT - len(results)}""",
			as_dict=True,
		)
		for row in rows:
			row.update({"own": not not_own, "items": -minus_items})
		results += rows
	return {"total": total, "results": results}


DOSSIER_CODE_ORDER = CODE_ORDER.replace(ITEM, DOSSIER)


def dossier_text_sql(query: rules.Query) -> str:
	"""A dossier's own fields hold every term of the query and none of its excluded ones."""

	def in_own_fields(term):
		pattern = frappe.db.escape(rules.like_pattern(term))
		return (
			"("
			+ " or ".join(f"ifnull({DOSSIER}.`{f}`, '') like {pattern}" for f in snapshot.DOSSIER_FIELDS)
			+ ")"
		)

	return engine.every_term_sql(query, in_own_fields)


def check_sort(sort: str) -> None:
	if sort not in SORTS:
		frappe.throw(_("Unknown sort {0}").format(sort), exc=SearchQueryError)


def file_names(segments: dict) -> dict:
	files = sorted({s.file for rows in segments.values() for s in rows if s.file})
	if not files:
		return {}
	return dict(frappe.db.sql(f"select `name`, `file_name` from `tabFile` where {sql_in('`name`', files)}"))


def results_for_export(text, within=None, filters=None, sort="relevance", user=None) -> list:
	"""The results with their columns, in order, at most EXPORT_LIMIT of them (exports, adding to a list)."""
	check_sort(sort)
	query = parse(text, within)
	return found(query, filters, user or frappe.session.user, sort, 0, EXPORT_LIMIT, snapshot_view(query))[3]
