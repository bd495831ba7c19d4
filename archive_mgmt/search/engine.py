"""The search engine behind 档案检索: a bigram index in two MariaDB tables of the site, kept in the same
transaction as the records it indexes (so a rollback takes its index entries with it, and bench backup
keeps it; `rebuild()` makes it again from the site).

- ``__archive_search_segment``: the searchable texts of each Archive Item, one row per segment: its
  catalogue entry ("meta": 题名, 责任者, 文号, 档号, 备注, the audio-visual description, its dossier's title,
  one field a line) and each page of each of its files' text ("file", with the file and the page number).
- ``__archive_search_token``: (bigram, segment), the bigrams of each segment (rules.search.tokens).

A term is looked up by its bigrams (a join of the token table on itself, each bigram one range of the
primary key), and every candidate segment is verified with ``like '%term%'`` on its text, so that a match
is exactly what like finds. Who may see what is not the index's business: search() joins the items and
applies the caller's condition (permissions.archive_item_query: units and clearance) to every result,
count and facet. A destroyed item keeps only its catalogue entry (its files' segments are dropped).

This module is the only one that knows the tables: an organisation outgrowing one database can put another
engine behind index_item / index_files / drop_item / matching_items.
"""

from contextlib import contextmanager

import frappe

from archive_mgmt.rules import search as rules
from archive_mgmt.rules.description import AUDIO_VISUAL_FIELDS
from archive_mgmt.sql import sql_in

SEGMENT = "__archive_search_segment"
TOKEN = "__archive_search_token"
META, FILE = "meta", "file"
# The catalogue fields searched, in the order they make the catalogue entry's text.
META_FIELDS = (
	"title",
	"responsible_party",
	"doc_number",
	"reference_code",
	"remarks",
	*AUDIO_VISUAL_FIELDS,
)
INSERT_CHUNK = 5000
TOKEN_COLUMNS = "`token` bigint unsigned not null, `segment` bigint unsigned not null"
TOKEN_KEYS = ("primary key (`token`, `segment`)", "key `segment` (`segment`)")


def ensure_tables() -> None:
	"""Create the index tables (after_migrate; DDL commits, so never inside a request's transaction)."""
	frappe.db.sql_ddl(
		f"""create table if not exists `{SEGMENT}` (
			`id` bigint unsigned not null auto_increment primary key,
			`item` varchar(140) not null,
			`kind` varchar(8) not null,
			`file` varchar(140),
			`page` int,
			`text` longtext,
			key `item` (`item`, `kind`)
		) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci"""
	)
	frappe.db.sql_ddl(
		f"create table if not exists `{TOKEN}` ({TOKEN_COLUMNS}, {', '.join(TOKEN_KEYS)}) engine=InnoDB"
	)


@contextmanager
def bulk_load():
	"""For a rebuild: the index emptied, its token table filled without keys (rows appended, not put one by
	one into a B-tree) and keyed at the end in one sort. DDL: it commits; the index finds nothing until the
	end, and within it only index_items(bulk=True) and add_file_pages may write."""
	frappe.db.sql_ddl(f"truncate table `{SEGMENT}`")
	frappe.db.sql_ddl(f"drop table if exists `{TOKEN}`")
	frappe.db.sql_ddl(f"create table `{TOKEN}` ({TOKEN_COLUMNS}) engine=InnoDB")
	try:
		yield
	finally:
		frappe.db.commit()
		frappe.db.sql_ddl(f"alter table `{TOKEN}` " + ", ".join(f"add {key}" for key in TOKEN_KEYS))


def meta_text(row) -> str:
	"""The catalogue entry's searchable text: one field a line (no term spans two fields: a term has no
	line break)."""
	values = [row.get(f) for f in META_FIELDS] + [row.get("dossier_title")]
	return "\n".join(str(v).replace("\n", " ") for v in values if v not in (None, ""))


def _item_rows(names) -> list:
	fields = ", ".join(f"i.`{f}`" for f in META_FIELDS)
	return frappe.db.sql(
		f"""select i.`name`, i.`status`, {fields}, d.`title` as dossier_title
		from `tabArchive Item` i left join `tabDossier` d on d.`name` = i.`dossier`
		where i.`name` in %(names)s""",
		{"names": tuple(names)},
		as_dict=True,
	)


def _delete(items, kind: str | None = None, file: str | None = None) -> None:
	"""Remove the segments (and their tokens) of these items: of one kind, of one file, or all."""
	where = "s.`item` in %(items)s"
	if kind:
		where += " and s.`kind` = %(kind)s"
	if file:
		where += " and s.`file` = %(file)s"
	values = {"items": tuple(items), "kind": kind, "file": file}
	frappe.db.sql(
		f"delete t from `{TOKEN}` t join `{SEGMENT}` s on s.`id` = t.`segment` where {where}", values
	)
	frappe.db.sql(f"delete s from `{SEGMENT}` s where {where}", values)


def _insert(segments, bulk: bool = False) -> None:
	"""segments: (item, kind, file, page, text); their tokens too (sorted, so that the primary key fills in
	order, unless ``bulk``: in bulk_load the token table has no key yet)."""
	segments = [s for s in segments if s[4]]
	for start in range(0, len(segments), INSERT_CHUNK):
		chunk = segments[start : start + INSERT_CHUNK]
		frappe.db.sql(
			f"insert into `{SEGMENT}` (`item`, `kind`, `file`, `page`, `text`) values "
			+ ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk)),
			[value for segment in chunk for value in segment],
		)
		ids = _segment_ids(chunk)
		rows = [
			(t, ids[(item, kind, file, page)])
			for item, kind, file, page, text in chunk
			for t in rules.tokens(text)
		]
		if not bulk:
			rows.sort()
		for at in range(0, len(rows), 50_000):
			frappe.db.sql(
				f"insert into `{TOKEN}` (`token`, `segment`) values "
				+ ", ".join(f"({t},{s})" for t, s in rows[at : at + 50_000])
			)


def _segment_ids(chunk) -> dict:
	"""The ids the segments just inserted got, by (item, kind, file, page): unique, as every indexing first
	removes what it replaces."""
	items = tuple({segment[0] for segment in chunk})
	kinds = tuple({segment[1] for segment in chunk})
	rows = frappe.db.sql(
		f"select `id`, `item`, `kind`, `file`, `page` from `{SEGMENT}` where `item` in %(items)s and `kind` in %(kinds)s",
		{"items": items, "kinds": kinds},
	)
	return {(item, kind, file, page): id for id, item, kind, file, page in rows}


def index_items(names, bulk: bool = False) -> None:
	"""(Re)index the catalogue entries of these items (``bulk``: within bulk_load, where they have none)."""
	names = sorted({n for n in names if n})
	for start in range(0, len(names), INSERT_CHUNK):
		chunk = names[start : start + INSERT_CHUNK]
		if not bulk:
			_delete(chunk, META)
		_insert([(r.name, META, None, None, meta_text(r)) for r in _item_rows(chunk)], bulk)


def index_item(name: str) -> None:
	index_items([name])


def index_files(item: str, pages, file: str | None = None) -> None:
	"""(Re)index the text of an item's file (``file``) or of all its files (None): pages are
	(file, page number, text). A destroyed item's files are never indexed."""
	_delete([item], FILE, file)
	if frappe.db.get_value("Archive Item", item, "status") == "Destroyed":
		return
	_insert([(item, FILE, f, p, t) for f, p, t in pages])


def add_file_pages(pages) -> None:
	"""Within bulk_load: add pages (item, file, page, text) to an index that holds none of them."""
	_insert([(item, FILE, file, page, text) for item, file, page, text in pages], bulk=True)


def drop_file(item: str, file: str) -> None:
	_delete([item], FILE, file)


def drop_files(item: str) -> None:
	_delete([item], FILE)


def drop_item(name: str) -> None:
	drop_items([name])


def drop_items(names) -> None:
	"""Every segment of these items (for a bulk delete that skips the items' controllers)."""
	names = list(names)
	for start in range(0, len(names), INSERT_CHUNK):
		_delete(names[start : start + INSERT_CHUNK])


# Looking up -----------------------------------------------------------------------------------------------


def term_hits_sql(term: str, items=None) -> str:
	"""SQL of (item, meta) for the items whose text contains the term; meta = 1 when the catalogue entry does.

	A term with bigrams: one index range per bigram (the first drives, the others join on the segment);
	a single character, or a few ``items`` named: like alone, over their segments."""
	keys = rules.lookup_tokens(term)
	pattern = frappe.db.escape(rules.like_pattern(term))
	if not keys or items is not None:
		among = f" and {sql_in('s.`item`', items)}" if items is not None else ""
		return (
			f"select s.`item`, max(s.`kind` = 'meta') as meta from `{SEGMENT}` s"
			f" where s.`text` like {pattern}{among} group by s.`item`"
		)
	joins = "".join(
		f" join `{TOKEN}` t{n} on t{n}.`segment` = t0.`segment` and t{n}.`token` = {key}"
		for n, key in enumerate(keys[1:], 1)
	)
	return (
		f"select s.`item`, max(s.`kind` = 'meta') as meta from `{TOKEN}` t0{joins}"
		f" join `{SEGMENT}` s on s.`id` = t0.`segment`"
		f" where t0.`token` = {keys[0]} and s.`text` like {pattern} group by s.`item`"
	)


def found_at_most(terms, n: int) -> bool:
	"""Whether the index bounds the items holding every term to n: some term's bigram is in at most n
	segments (each counted up to n + 1)."""
	keys = sorted({key for term in terms for key in rules.lookup_tokens(term)})
	if not keys:
		return False
	counts = frappe.db.sql_list(
		" union all ".join(
			f"select count(*) from (select 1 from `{TOKEN}` where `token` = {key} limit {int(n) + 1}) c{i}"
			for i, key in enumerate(keys)
		)
	)
	return min(counts) <= n


def matching_sql(query: rules.Query, items=None) -> str:
	"""SQL of (item, metas, terms) for the items (among ``items``, when named) in which every term is found:
	``metas`` counts the terms found in the catalogue entry (a destroyed item needs all of them there)."""
	parts = " union all ".join(
		f"select item, meta from ({term_hits_sql(t, items)}) h{n}" for n, t in enumerate(query.terms)
	)
	return (
		f"select m.item, sum(m.meta) as metas, count(*) as terms from ({parts}) m"
		f" group by m.item having count(*) = {len(query.terms)}"
	)


def excluded_sql(query: rules.Query, items=None) -> str:
	return " union ".join(
		f"select item from ({term_hits_sql(t, items)}) x{n}" for n, t in enumerate(query.excluded)
	)


def hit_segments(items, terms, limit_per_item: int = 3) -> dict:
	"""The segments of these items that contain a term (catalogue entry first), for snippets."""
	if not items or not terms:
		return {}
	likes = " or ".join(f"s.`text` like {frappe.db.escape(rules.like_pattern(t))}" for t in terms)
	rows = frappe.db.sql(
		f"""select s.`item`, s.`kind`, s.`file`, s.`page`, s.`text` from `{SEGMENT}` s
		where s.`item` in %(items)s and ({likes})
		order by s.`item`, s.`kind` = 'file', s.`file`, s.`page`""",
		{"items": tuple(items)},
		as_dict=True,
	)
	out = {}
	for row in rows:
		kept = out.setdefault(row.item, [])
		if len(kept) < limit_per_item:
			kept.append(row)
	return out


def like_scan_sql(query: rules.Query) -> str:
	"""The same search as a like scan (no index), for the benchmark and the recall tests: every term found
	in a catalogue field, the dossier's title, or a page of a file's text (Archive Full Text Page)."""

	def found(term):
		pattern = frappe.db.escape(rules.like_pattern(term))
		# ifnull: an empty field is not found, also under "not" (where null like … would drop the row)
		fields = " or ".join(f"ifnull(i.`{f}`, '') like {pattern}" for f in META_FIELDS)
		return (
			f"({fields} or ifnull(d.`title`, '') like {pattern}"
			f" or (i.`status` != 'Destroyed' and exists (select 1 from `tabArchive Full Text` f"
			f" join `tabArchive Full Text Page` p on p.`parent` = f.`name`"
			f" where f.`archive_item` = i.`name` and p.`text` like {pattern})))"
		)

	return every_term_sql(query, found)


def every_term_sql(query: rules.Query, found) -> str:
	"""A query's condition from ``found(term)`` (SQL: where the term is found): every term found and none
	of the excluded ones."""
	sql = " and ".join(found(t) for t in query.terms)
	if query.excluded:
		sql += " and not (" + " or ".join(found(t) for t in query.excluded) + ")"
	return sql
