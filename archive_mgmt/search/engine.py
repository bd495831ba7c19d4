"""The search index's record: the searchable texts of the site's items, in one MariaDB table of the site,
kept in the same transaction as the records they come from (so a rollback takes them too, and bench backup
keeps them; `indexing.rebuild()` makes them again from the site).

``__archive_search_segment``: one row per segment of an Archive Item: its catalogue entry ("meta": 题名,
责任者, 文号, 档号, 备注, the audio-visual description, its dossier's title, one field a line) and each page of
each of its files' text ("file", with the file and the page number). A destroyed item keeps only its
catalogue entry (its files' segments are dropped).

The search itself is answered by the snapshot (snapshot.py: positional bigram postings in memory, made from
this table). What changed since the snapshot, and a site without one, is answered here with the database's
own ``like '%term%'`` over the segments: of the few items named, or of all of them. Who may see what is not
the index's business: service.py joins the items and applies the caller's condition
(permissions.archive_item_query: units and clearance) to every result, count and facet.

This module and snapshot.py are the only ones that know the index: an organisation outgrowing one database
can put another engine behind index_items / index_files / drop_items and service.found.
"""

import frappe

from archive_mgmt.rules import search as rules
from archive_mgmt.rules.description import AUDIO_VISUAL_FIELDS
from archive_mgmt.sql import sql_in

SEGMENT = "__archive_search_segment"
# The bigram table of earlier versions (the snapshot replaced it): dropped on migrate.
OLD_TOKEN_TABLE = "__archive_search_token"
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
	frappe.db.sql_ddl(f"drop table if exists `{OLD_TOKEN_TABLE}`")


def clear() -> None:
	"""For a rebuild: the index emptied (DDL: it commits)."""
	frappe.db.sql_ddl(f"truncate table `{SEGMENT}`")


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
	"""Remove the segments of these items: of one kind, of one file, or all."""
	where = "`item` in %(items)s"
	if kind:
		where += " and `kind` = %(kind)s"
	if file:
		where += " and `file` = %(file)s"
	frappe.db.sql(
		f"delete from `{SEGMENT}` where {where}", {"items": tuple(items), "kind": kind, "file": file}
	)


def _insert(segments) -> None:
	"""segments: (item, kind, file, page, text); the empty ones left out."""
	segments = [s for s in segments if s[4]]
	for start in range(0, len(segments), INSERT_CHUNK):
		chunk = segments[start : start + INSERT_CHUNK]
		frappe.db.sql(
			f"insert into `{SEGMENT}` (`item`, `kind`, `file`, `page`, `text`) values "
			+ ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk)),
			[value for segment in chunk for value in segment],
		)


def index_items(names, bulk: bool = False) -> None:
	"""(Re)index the catalogue entries of these items (``bulk``: after clear(), where they have none)."""
	names = sorted({n for n in names if n})
	for start in range(0, len(names), INSERT_CHUNK):
		chunk = names[start : start + INSERT_CHUNK]
		if not bulk:
			_delete(chunk, META)
		_insert([(r.name, META, None, None, meta_text(r)) for r in _item_rows(chunk)])


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
	"""After clear(): add pages (item, file, page, text) to an index that holds none of them."""
	_insert([(item, FILE, file, page, text) for item, file, page, text in pages])


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
	"""SQL of (item, meta) for the items (among ``items``, when named) whose text contains the term; meta = 1
	when the catalogue entry does."""
	among = f" and {sql_in('s.`item`', items)}" if items is not None else ""
	return (
		f"select s.`item`, max(s.`kind` = 'meta') as meta from `{SEGMENT}` s"
		f" where s.`text` like {frappe.db.escape(rules.like_pattern(term))}{among} group by s.`item`"
	)


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
