"""档案检索: one search over the catalogue and the files' text, within what the user may learn of.

Every result, count, facet, snippet and export passes through permissions.archive_item_query (the user's
filing units and clearance.item_condition: secrecy levels, loans, a reader's lent items): the same rule as
the Archive Item list, applied to the items the index finds, so that a change of clearance, loan or level
shows at once. The index (engine.py) only says where the words are.
"""

from collections import Counter

import frappe
from frappe import _

from archive_mgmt.access_control.permissions import archive_item_query
from archive_mgmt.exceptions import SearchQueryError
from archive_mgmt.rules import search as rules
from archive_mgmt.search import engine
from archive_mgmt.sql import sql_in

ITEM = "`tabArchive Item`"
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


def filter_sql(filters: dict | None) -> str:
	"""SQL conditions on the item (alias i) for the chosen facets and the year range."""
	filters = dict(filters or {})
	parts = []
	for key, value in filters.items():
		if value in (None, "", []):
			continue
		if key in EQUAL_FILTERS:
			values = value if isinstance(value, list | tuple) else [value]
			parts.append(sql_in(f"{ITEM}.`{key}`", [str(v) for v in values]))
		elif key in ("year_from", "year_to"):
			try:
				year = int(value)
			except (TypeError, ValueError):
				frappe.throw(_("Year {0} is not a year").format(value), exc=SearchQueryError)
			parts.append(f"{ITEM}.`year` {'>=' if key == 'year_from' else '<='} {year}")
		elif key == "has_files":
			parts.append(("" if str(value) in ("1", "true", "True") else "not ") + HAS_FILES)
		else:
			frappe.throw(_("Unknown search filter {0}").format(key), exc=SearchQueryError)
	return " and ".join(parts)


HAS_FILES = (
	"exists (select 1 from `tabFile` f where f.`attached_to_doctype` = 'Archive Item'"
	" and f.`attached_to_name` = `tabArchive Item`.`name` and f.`is_folder` = 0)"
)


def matches(query: rules.Query, filters: dict | None = None, user: str | None = None) -> list:
	"""Every item the user may learn of that the query finds (with the facet columns and relevance)."""
	user = user or frappe.session.user
	conditions = [
		archive_item_query(user),
		filter_sql(filters),
		f"({ITEM}.`status` != 'Destroyed' or m.`metas` = {len(query.terms)})",  # a tombstone: catalogue only
	]
	if query.excluded:
		conditions.append(f"{ITEM}.`name` not in ({engine.excluded_sql(query)})")
	where = " and ".join(f"({c})" for c in conditions if c)
	columns = ", ".join(f"{ITEM}.`{c}`" for c in COLUMNS)
	rows = frappe.db.sql(
		f"""select {columns}, m.`metas`, {HAS_FILES} as has_files
		from ({engine.matching_sql(query)}) m join {ITEM} on {ITEM}.`name` = m.`item`
		where {where}""",
		as_dict=True,
	)
	for row in rows:
		titled = sum(1 for t in query.terms if rules.contains(row.title, t))
		row.score = len(query.terms) + int(row.metas) + titled
	return rows


def order(rows: list, sort: str) -> list:
	if sort == "date":
		return sorted(
			rows, key=lambda r: (r.doc_date is None, -(r.doc_date.toordinal() if r.doc_date else 0), r.name)
		)
	if sort == "code":
		return sorted(rows, key=lambda r: (not r.reference_code, r.reference_code or "", r.name))
	return sorted(rows, key=lambda r: (-r.score, not r.reference_code, r.reference_code or "", r.name))


def facets(rows: list) -> dict:
	"""For each facet, its values among the results with their counts (most first; years by year)."""
	out = {}
	for field in FACETS:
		counts = Counter(r.get(field) for r in rows if r.get(field) not in (None, ""))
		pairs = sorted(
			counts.items(), key=lambda kv: (-kv[0], 0) if field == "year" else (-kv[1], str(kv[0]))
		)
		out[field] = [{"value": v, "count": c} for v, c in pairs]
	return out


def search(
	text: str | None,
	within=None,
	filters: dict | None = None,
	sort: str = "relevance",
	page: int = 1,
	page_length: int = PAGE_LENGTH,
	user: str | None = None,
) -> dict:
	"""One page of results (with snippets), the total and the facets, for the user."""
	user = user or frappe.session.user
	if sort not in SORTS:
		frappe.throw(_("Unknown sort {0}").format(sort), exc=SearchQueryError)
	query = parse(text, within)
	page, page_length = max(1, int(page or 1)), min(MAX_PAGE_LENGTH, max(1, int(page_length or PAGE_LENGTH)))
	rows = order(matches(query, filters, user), sort)
	shown = rows[(page - 1) * page_length : page * page_length]
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
		results.append({**{c: row.get(c) for c in COLUMNS}, "score": row.score, "hits": hits})
	return {
		"terms": list(query.terms),
		"excluded": list(query.excluded),
		"total": len(rows),
		"page": page,
		"page_length": page_length,
		"results": results,
		"facets": facets(rows),
		"file_names": file_names(segments),
	}


def file_names(segments: dict) -> dict:
	files = {s.file for rows in segments.values() for s in rows if s.file}
	if not files:
		return {}
	return dict(
		frappe.get_all(
			"File", filters={"name": ("in", list(files))}, fields=["name", "file_name"], as_list=True
		)
	)


def all_names(text, within=None, filters=None, sort="relevance", user=None) -> list[str]:
	"""Every result's name, in order (for exports and adding the whole result to a list)."""
	query = parse(text, within)
	return [r.name for r in order(matches(query, filters, user), sort)]
