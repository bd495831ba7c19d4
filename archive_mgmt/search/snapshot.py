"""A column snapshot of the search index: what answers 档案检索 in milliseconds at a million items.

The index's segment table (engine.py) stays the record; this is a copy of it and of the items' facet
columns, as numpy arrays in files beside the site (``sites/<site>/archive_search/<token>/``), mapped into
memory and shared by every worker through the page cache:

- positional bigram postings: for each bigram of the normalised text (rules.search.normalise), the places it
  is at, as ``item << 32 | offset`` in the item's text (its catalogue entry first, then each page of each
  file, a NUL between two segments). A phrase is found where its bigrams follow one another: exactly
  where the text holds it, no candidate to verify; a single character by every bigram it starts;
- per item: its facet values (as codes), dossier, status, whether it has files, the length of its catalogue
  entry and of its title (a hit there counts for relevance), and its rank in the code and the date order;
- per dossier: its own fields (题名, 档号, 备注), normalised.

It is never stale. Triggers on the items, the dossiers, the index's segments and the files log every change
to an item or a dossier in ``__archive_search_change``, in the changing transaction; the snapshot knows the
last change it holds (``seq``), and a query leaves the items changed since to the database (service.py),
which answers them as without a snapshot and adds them in. Who may see what is decided by the app's own
condition (permissions.archive_item_query), read from the database once per snapshot and condition.

A snapshot is valid only while the site's database names its token (a restore of an older backup does not),
and it is built again (build(): the rebuild command, the long queue once many items have changed, the hourly
job where there is none).
"""

import hashlib
import json
import os
import re
import shutil
import time
import uuid

import frappe
import numpy as np
from frappe import _

from archive_mgmt.rules import search as rules
from archive_mgmt.rules.status import DESTROYED
from archive_mgmt.search import engine

CHANGE = "__archive_search_change"
STATE = "__archive_search_snapshot"
FOLDER = "archive_search"
VERSION = 2  # of the files' layout: a snapshot of another is not used (and made again by the hourly job)
BUILD_LOCK = "archive_search_snapshot"
SEPARATOR = "\x00"
OFFSET_BITS = 32
OFFSET_MASK = (1 << OFFSET_BITS) - 1
# Once this many items have changed since the snapshot, a search queues a new one; beyond DIRTY_LIMIT the
# database answers the query alone until it is made.
REBUILD_AFTER = 2_000
DIRTY_LIMIT = 50_000
ALLOWED_CACHE = 32  # conditions kept per worker
ALLOWED_SECONDS = 24 * 3600  # and in the cache, for the other workers
# A dossier's own fields, by which it is found (service.dossier_text_sql).
DOSSIER_FIELDS = ("title", "reference_code", "note")
MAX_SCORE = 3 * rules.MAX_TERMS + 1
HOLDS, IN_CATALOGUE, IN_TITLE = 1, 2, 4  # an item's flags for a term
HAS_FILES = "has_files"
# The facet columns kept per item, as codes into a list of their values.
COLUMNS = (
	"fonds",
	"category",
	"year",
	"retention_period",
	"filing_unit",
	"carrier",
	"secrecy_level",
	"status",
	"dossier",
)


def _record_triggers(label: str, table: str) -> dict:
	"""Triggers logging a record's name (both names on a rename) on every insert, update and delete."""
	return {
		f"archive_search_{label}_insert": ("after insert", table, "new.`name`", "1"),
		f"archive_search_{label}_update": ("after update", table, "new.`name`", "1"),
		f"archive_search_{label}_rename": ("after update", table, "old.`name`", "old.`name` != new.`name`"),
		f"archive_search_{label}_delete": ("after delete", table, "old.`name`", "1"),
	}


# name: (when, table, the item (or dossier) logged, on what condition)
TRIGGERS = {
	**_record_triggers("item", "`tabArchive Item`"),
	**_record_triggers("dossier", "`tabDossier`"),
	"archive_search_segment_insert": ("after insert", f"`{engine.SEGMENT}`", "new.`item`", "1"),
	"archive_search_segment_delete": ("after delete", f"`{engine.SEGMENT}`", "old.`item`", "1"),
	"archive_search_file_insert": (
		"after insert",
		"`tabFile`",
		"new.`attached_to_name`",
		"new.`attached_to_doctype` = 'Archive Item'",
	),
	"archive_search_file_update": (
		"after update",
		"`tabFile`",
		"new.`attached_to_name`",
		"new.`attached_to_doctype` = 'Archive Item' or old.`attached_to_doctype` = 'Archive Item'",
	),
	"archive_search_file_moved": (
		"after update",
		"`tabFile`",
		"old.`attached_to_name`",
		"old.`attached_to_doctype` = 'Archive Item'",
	),
	"archive_search_file_delete": (
		"after delete",
		"`tabFile`",
		"old.`attached_to_name`",
		"old.`attached_to_doctype` = 'Archive Item'",
	),
}


# The change log -------------------------------------------------------------------------------------------


def ensure_tables() -> None:
	"""The change log, the snapshot's state and the triggers that fill the log (after_migrate). A database
	that refuses triggers (binary logging without log_bin_trust_function_creators) keeps no snapshot: the
	search then runs on like alone."""
	frappe.db.sql_ddl(
		f"""create table if not exists `{CHANGE}` (
			`id` bigint unsigned not null auto_increment primary key,
			`item` varchar(140) not null
		) engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci"""
	)
	frappe.db.sql_ddl(
		f"""create table if not exists `{STATE}` (
			`id` int not null primary key,
			`token` varchar(32) not null,
			`seq` bigint unsigned not null
		) engine=InnoDB"""
	)
	present = _triggers()
	for name, (when, table, item, condition) in TRIGGERS.items():
		if name in present:
			continue
		try:
			frappe.db.sql_ddl(
				f"create trigger `{name}` {when} on {table} for each row"
				f" begin if @archive_search_quiet is null and ({condition}) and {item} is not null then"
				f" insert into `{CHANGE}` (`item`) values ({item}); end if; end"
			)
		except Exception:
			frappe.log_error(title="archive_mgmt: search snapshot triggers refused")
			return


def after_migrate() -> None:
	"""The tables and triggers; a snapshot queued where there is none (an upgrade from the bigram table)."""
	ensure_tables()
	if missing():
		enqueue_build()


def _triggers() -> set:
	return set(
		frappe.db.sql_list(
			"select trigger_name from information_schema.triggers where trigger_schema = database()"
		)
	)


def triggers_present() -> bool:
	return set(TRIGGERS) <= _triggers()


class quiet:
	"""Within it, this connection's changes are not logged (a rebuild, which builds a snapshot after)."""

	def __enter__(self):
		frappe.db.sql("set @archive_search_quiet = 1")

	def __exit__(self, *exc):
		frappe.db.sql("set @archive_search_quiet = null")


# Building -------------------------------------------------------------------------------------------------


def folder(token: str | None = None) -> str:
	path = frappe.get_site_path(FOLDER)
	return os.path.join(path, token) if token else path


def _log_position() -> int:
	"""The last change logged, every change up to it committed: the log is locked for writing, which waits
	for each transaction that has written to it and not ended."""
	frappe.db.commit()
	frappe.db.sql(f"lock tables `{CHANGE}` write")
	try:
		seq = frappe.db.sql(f"select ifnull(max(`id`), 0) from `{CHANGE}`")[0][0]
	finally:
		frappe.db.sql("unlock tables")
	return int(seq)


def build(within_transaction: bool = False) -> dict | None:
	"""A new snapshot of the site's index and items (None where triggers are refused, or while another build
	is under way). Reads the database in one consistent view taken after the last logged change it records;
	commits.

	``within_transaction`` (tests): of what the current transaction sees, which it neither commits nor
	ends; the snapshot is named in the database only until it rolls back."""
	if within_transaction:
		return _build(int(frappe.db.sql(f"select ifnull(max(`id`), 0) from `{CHANGE}`")[0][0]), False)
	ensure_tables()
	if not triggers_present() or not frappe.db.sql("select get_lock(%s, 0)", BUILD_LOCK)[0][0]:
		return None
	try:
		seq = _log_position()
		frappe.db.sql("start transaction with consistent snapshot")
		return _build(seq, True)
	finally:
		frappe.db.sql("select release_lock(%s)", BUILD_LOCK)


def _build(seq: int, commit: bool) -> dict:
	started = time.perf_counter()
	items = frappe.db.sql(
		f"""select `name`, {", ".join(f"`{c}`" for c in COLUMNS)}, `doc_date`, `reference_code`, `title`
		from `tabArchive Item`"""
	)
	with_files = set(
		frappe.db.sql_list(
			"select distinct `attached_to_name` from `tabFile`"
			" where `attached_to_doctype` = 'Archive Item' and `is_folder` = 0"
		)
	)
	segments = frappe.db.sql(f"select `item`, `kind`, `file`, `page`, `text` from `{engine.SEGMENT}`")
	dossiers = frappe.db.sql(
		f"select `name`, {', '.join(f'`{f}`' for f in DOSSIER_FIELDS)} from `tabDossier`"
	)
	if commit:
		frappe.db.commit()
	read = time.perf_counter()
	token = uuid.uuid4().hex
	path = folder(token)
	os.makedirs(path, exist_ok=True)
	try:
		counts = _write(path, items, with_files, segments)
		with open(f"{path}/dossiers.json", "w") as f:
			json.dump([[name, *(rules.normalise(v or "") for v in fields)] for name, *fields in dossiers], f)
	except BaseException:
		shutil.rmtree(path, ignore_errors=True)  # no half-written snapshot left beside the site
		raise
	del items, segments
	frappe.db.sql(f"replace into `{STATE}` (`id`, `token`, `seq`) values (1, %s, %s)", (token, seq))
	frappe.db.sql(f"delete from `{CHANGE}` where `id` <= %s", seq)
	if commit:
		frappe.db.commit()
		for old in os.listdir(folder()):
			if old != token:
				shutil.rmtree(folder(old), ignore_errors=True)
	return {
		**counts,
		"read_seconds": round(read - started, 1),
		"seconds": round(time.perf_counter() - started, 1),
	}


def _write(path: str, items, with_files: set, segments) -> dict:
	"""The arrays of the snapshot, into ``path``."""
	names = sorted((row[0] for row in items), key=lambda n: n.encode())
	index = {name: i for i, name in enumerate(names)}
	n = len(names)
	by_name = {row[0]: row for row in items}
	meta = {"version": VERSION, "items": n, "columns": {}}
	for c, column in enumerate(COLUMNS, 1):
		values, codes = {}, np.zeros(n, dtype=np.int32)
		for i, name in enumerate(names):
			codes[i] = values.setdefault(by_name[name][c], len(values))
		np.save(f"{path}/col_{column}.npy", codes)
		meta["columns"][column] = list(values)
	rows = [by_name[name] for name in names]
	date_at, code_at, title_at = len(COLUMNS) + 1, len(COLUMNS) + 2, len(COLUMNS) + 3
	np.save(f"{path}/has_files.npy", np.array([name in with_files for name in names], dtype=bool))
	np.save(f"{path}/title_length.npy", np.array([len(r[title_at] or "") for r in rows], dtype=np.int64))
	code_order = sorted(range(n), key=lambda i: (not rows[i][code_at], (rows[i][code_at] or "").encode(), i))
	date_order = sorted(
		range(n),
		key=lambda i: (
			rows[i][date_at] is None,
			-(rows[i][date_at].toordinal() if rows[i][date_at] else 0),
			i,
		),
	)
	for label, order in (("code_rank", code_order), ("date_rank", date_order)):
		rank = np.empty(n, dtype=np.int64)
		rank[np.array(order, dtype=np.int64)] = np.arange(n, dtype=np.int64)
		np.save(f"{path}/{label}.npy", rank)
	width = max((len(name.encode()) for name in names), default=1)
	np.save(f"{path}/names.npy", np.array([name.encode() for name in names], dtype=f"S{width}"))
	meta["postings"] = _write_postings(path, index, segments)
	with open(f"{path}/meta.json", "w") as f:
		json.dump(meta, f, default=str)
	return {"items": n, "segments": len(segments), "bigrams": meta["postings"]["places"]}


def _write_postings(path: str, index: dict, segments) -> dict:
	"""Each item's text (its catalogue entry, then its files' pages, NUL between two), all of them in one
	array of code points; every bigram's places, sorted, as item << 32 | offset."""
	n = len(index)
	layout = sorted(
		(
			(index[item], kind != engine.META, file or "", page or 0, text)
			for item, kind, file, page, text in segments
			if item in index and text
		),
		key=lambda s: s[:4],
	)
	meta_length = np.zeros(n, dtype=np.int64)
	for i, is_file, _file, _page, text in layout:
		if not is_file:
			meta_length[i] = len(text)
	np.save(f"{path}/meta_length.npy", meta_length)
	if not layout:
		for name, dtype in (("bigrams", np.uint64), ("postings", np.int64), ("chars", np.uint32)):
			np.save(f"{path}/{name}.npy", np.zeros(0, dtype=dtype))
		np.save(f"{path}/starts.npy", np.zeros(1, dtype=np.int64))
		return {"char_bits": 1, "places": 0}
	whole = SEPARATOR.join(s[4] for s in layout) + SEPARATOR
	lengths = np.fromiter((len(s[4]) + 1 for s in layout), dtype=np.int64, count=len(layout))
	owners = np.fromiter((s[0] for s in layout), dtype=np.int64, count=len(layout))
	del layout
	table = {ord(c): rules.normalise(c) for c in set(whole) if rules.normalise(c) != c}
	codes = np.frombuffer(whole.translate(table).encode("utf-32-le"), dtype=np.uint32)
	del whole
	chars, dense = np.unique(codes, return_inverse=True)
	dense = dense.astype(np.uint64)
	char_bits = max(1, len(chars).bit_length())
	place_bits = 64 - 2 * char_bits
	if len(codes) >= 1 << place_bits:
		frappe.throw(_("The search snapshot cannot hold {0} characters of text").format(len(codes)))
	separator = np.searchsorted(chars, 0) if len(chars) and chars[0] == 0 else -1
	pairs = (dense[:-1] << np.uint64(char_bits)) | dense[1:]
	places = np.arange(len(pairs), dtype=np.uint64)
	keep = dense[:-1] != separator  # a character before a NUL too: every character starts a bigram
	packed = (pairs[keep] << np.uint64(place_bits)) | places[keep]
	del pairs, places, keep, dense, codes
	packed.sort()
	bigrams = packed >> np.uint64(place_bits)
	at = (packed & np.uint64((1 << place_bits) - 1)).astype(np.int64)
	del packed
	starts = np.flatnonzero(np.concatenate(([True], bigrams[1:] != bigrams[:-1])))
	np.save(f"{path}/bigrams.npy", bigrams[starts])
	np.save(f"{path}/starts.npy", np.concatenate((starts, [len(bigrams)])).astype(np.int64))
	del bigrams
	segment_start = np.concatenate(([0], np.cumsum(lengths)[:-1]))
	item_start = np.zeros(n, dtype=np.int64)
	first = np.concatenate(([True], owners[1:] != owners[:-1]))
	item_start[owners[first]] = segment_start[first]
	owner = np.repeat(owners.astype(np.int32), lengths)[at].astype(np.int64)
	np.save(f"{path}/postings.npy", (owner << OFFSET_BITS) | (at - item_start[owner]))
	np.save(f"{path}/chars.npy", chars.astype(np.uint32))
	return {"char_bits": char_bits, "places": len(at)}


def rebuild_if_needed() -> None:
	"""Scheduler: a snapshot where there is none, or again once many items have changed since."""
	snapshot = current()
	if missing() or (snapshot and changed_count(snapshot) > REBUILD_AFTER):
		build()


def missing() -> bool:
	"""Whether the site has items and no snapshot of them."""
	return current() is None and bool(frappe.db.sql("select 1 from `tabArchive Item` limit 1"))


def enqueue_build() -> None:
	frappe.enqueue(
		"archive_mgmt.search.snapshot.build",
		queue="long",
		job_id=f"archive_search_snapshot::{frappe.local.site}",
		deduplicate=True,
	)


# Reading --------------------------------------------------------------------------------------------------


class Snapshot:
	def __init__(self, token: str, seq: int):
		path = folder(token)
		with open(f"{path}/meta.json") as f:
			meta = json.load(f)
		if meta.get("version") != VERSION:
			raise ValueError(f"search snapshot {token} has another layout")
		self.token, self.seq, self.n = token, seq, meta["items"]
		self.values = meta["columns"]
		self.char_bits = meta["postings"]["char_bits"]

		def load(name):
			return np.load(f"{path}/{name}.npy", mmap_mode="r")

		self.columns = {c: load(f"col_{c}") for c in COLUMNS}
		self.codes = {c: {v: i for i, v in enumerate(values)} for c, values in self.values.items()}
		self.value_array = {c: _objects(values) for c, values in self.values.items()}
		for name in ("has_files", "title_length", "meta_length", "code_rank", "date_rank", "names"):
			setattr(self, name, load(name))
		self.bigrams, self.starts = load("bigrams"), load("starts")
		self.postings, self.chars = load("postings"), load("chars")
		self.allowed_cache = {}
		with open(f"{path}/dossiers.json") as f:
			dossiers = json.load(f)
		# every dossier's own fields, one a line, NUL between two dossiers
		self.dossier_names = [name for name, *_fields in dossiers]
		texts = ["\n".join(fields) + SEPARATOR for _name, *fields in dossiers]
		self.dossier_starts = np.cumsum([0] + [len(t) for t in texts[:-1]])
		self.dossier_text = "".join(texts)

	def indices(self, names) -> np.ndarray:
		"""The positions of these items in the snapshot (those it does not hold left out)."""
		if not names:
			return np.zeros(0, dtype=np.int64)
		wanted = np.array([name.encode() for name in names])
		at = np.searchsorted(self.names, wanted)
		inside = at < self.n
		at, wanted = at[inside], wanted[inside]
		return at[self.names[at] == wanted].astype(np.int64)

	def name(self, i: int) -> str:
		return self.names[i].decode()

	def places(self, term: str) -> np.ndarray:
		"""Where the term starts (item << 32 | offset): each of its bigrams at its place after the first (the
		places of a phrase of two characters or more are sorted)."""
		text = rules.normalise(term)
		codes = np.array([ord(c) for c in text], dtype=np.uint32)
		dense = np.searchsorted(self.chars, codes)
		if (dense >= len(self.chars)).any() or (
			self.chars[np.minimum(dense, len(self.chars) - 1)] != codes
		).any():
			return np.zeros(0, dtype=np.int64)
		dense = dense.astype(np.uint64)
		if len(dense) == 1:  # a single character: every bigram it starts, one range of keys and places
			first = dense[0] << np.uint64(self.char_bits)
			span = np.searchsorted(self.bigrams, [first, first + np.uint64(1 << self.char_bits)])
			return np.asarray(self.postings[self.starts[span[0]] : self.starts[span[1]]])
		keys = (dense[:-1] << np.uint64(self.char_bits)) | dense[1:]
		spans = []
		for shift, key in enumerate(keys):
			k = np.searchsorted(self.bigrams, key)
			if k >= len(self.bigrams) or self.bigrams[k] != key:
				return np.zeros(0, dtype=np.int64)
			spans.append((int(self.starts[k + 1] - self.starts[k]), shift, int(self.starts[k])))
		spans.sort()
		size, shift, start = spans[0]
		found = np.asarray(self.postings[start : start + size]) - shift
		for size, shift, start in spans[1:]:
			if not len(found):
				break
			posting = self.postings[start : start + size]
			wanted = found + shift
			at = np.minimum(np.searchsorted(posting, wanted), size - 1)
			found = found[posting[at] == wanted]
		return found

	def term_flags(self, term: str) -> np.ndarray:
		"""Per item: HOLDS when its text holds the term, IN_CATALOGUE when its catalogue entry does, IN_TITLE
		when its title does."""
		found = self.places(term)
		item = found >> OFFSET_BITS
		offset = found & OFFSET_MASK
		flags = np.zeros(self.n, dtype=np.uint8)
		flags[item] = HOLDS
		flags[item[offset < self.meta_length[item]]] |= IN_CATALOGUE
		flags[item[offset + len(term) <= self.title_length[item]]] |= IN_TITLE
		return flags

	def matching(self, query: rules.Query, filters: dict, condition: str, changed) -> tuple:
		"""(the items found, their relevance) among those unchanged since the snapshot: every term and no
		excluded one (a destroyed item: every term in its catalogue entry), admitted by the user's condition
		and the filters. Relevance as service.score_sql: per term 1, one more in the catalogue entry, one
		more in the title."""
		terms = len(query.terms)
		flags = [self.term_flags(term) for term in query.terms]
		found = flags[0] != 0
		for more in flags[1:]:
			found &= more != 0
		for term in query.excluded:
			found &= self.term_flags(term) == 0
		found[self.indices(changed)] = False
		if condition:
			found &= self.allowed(condition)
		if filters:
			found &= self.filtered(filters)
		hits = np.flatnonzero(found)
		at = [f[hits] for f in flags]
		in_meta = sum(((f & IN_CATALOGUE) != 0).astype(np.int64) for f in at)
		titled = sum(((f & IN_TITLE) != 0).astype(np.int64) for f in at)
		destroyed = self.codes["status"].get(DESTROYED)
		if destroyed is not None:
			kept = (np.asarray(self.columns["status"])[hits] != destroyed) | (in_meta == terms)
			hits, in_meta, titled = hits[kept], in_meta[kept], titled[kept]
		return hits, terms + in_meta + titled

	def counts(self, hits: np.ndarray) -> dict:
		"""{facet: [(value, count), …]} over these items, as service.grouped(service.facets()) gives them."""
		out = {}
		for column in COLUMNS:
			values = self.value_array[column]
			counts = np.bincount(np.asarray(self.columns[column])[hits], minlength=len(values))
			present = np.flatnonzero(counts)
			out[column] = list(zip(values[present].tolist(), counts[present].tolist(), strict=True))
		with_files = int(np.asarray(self.has_files)[hits].sum())
		out[HAS_FILES] = [(v, c) for v, c in ((1, with_files), (0, len(hits) - with_files)) if c]
		return out

	def first(self, hits: np.ndarray, scores: np.ndarray, sort: str, k: int) -> list:
		"""The first k of these items in the sort's order (service.ORDER_BY), as (name, relevance)."""
		key = np.asarray(self.date_rank if sort == "date" else self.code_rank)[hits]
		if sort == "relevance":
			key = key + (MAX_SCORE - scores) * self.n
		if k < len(hits):
			pick = np.argpartition(key, k - 1)[:k]
		else:
			pick = np.arange(len(hits))
		pick = pick[np.argsort(key[pick], kind="stable")]
		return [(self.name(hits[i]), int(scores[i])) for i in pick]

	def own_dossiers(self, query: rules.Query, changed) -> list[str] | None:
		"""Candidates among the dossiers unchanged since the snapshot: their own fields hold every term and no
		excluded one (the database verifies them). None for a term with a line break (one could span two
		fields)."""
		if any("\n" in t for t in (*query.terms, *query.excluded)):
			return None

		def holding(term):
			at = [m.start() for m in re.finditer(re.escape(rules.normalise(term)), self.dossier_text)]
			return set(np.searchsorted(self.dossier_starts, at, side="right") - 1)

		found = set.intersection(*(holding(t) for t in query.terms))
		for term in query.excluded:
			found -= holding(term)
		changed = set(changed)
		return [self.dossier_names[i] for i in sorted(found) if self.dossier_names[i] not in changed]

	def allowed(self, condition: str) -> np.ndarray:
		"""The items the condition (SQL on `tabArchive Item`) admits: read once per snapshot and condition, and
		shared by the workers through the cache (an item changed since the snapshot is left to the database
		in any case, so what the condition admitted when read stays true of the others)."""
		mask = self.allowed_cache.get(condition)
		if mask is not None:
			return mask
		key = f"archive_search_allowed:{self.token}:{hashlib.sha1(condition.encode()).hexdigest()}"
		packed = frappe.cache.get_value(key)
		if packed is not None:
			mask = np.unpackbits(np.frombuffer(packed, dtype=np.uint8), count=self.n).astype(bool)
		else:
			names = frappe.db.sql_list(f"select `name` from `tabArchive Item` where {condition}")
			mask = np.zeros(self.n, dtype=bool)
			mask[self.indices(names)] = True
			frappe.cache.set_value(key, np.packbits(mask).tobytes(), expires_in_sec=ALLOWED_SECONDS)
		if len(self.allowed_cache) >= ALLOWED_CACHE:
			self.allowed_cache.pop(next(iter(self.allowed_cache)))
		self.allowed_cache[condition] = mask
		return mask

	def filtered(self, filters: dict) -> np.ndarray:
		"""The items the chosen facets and year range admit."""
		mask = np.ones(self.n, dtype=bool)
		for key, value in filters.items():
			if value in (None, "", []):
				continue
			if key in ("year_from", "year_to"):
				years = np.array([y if y is not None else -1 for y in self.values["year"]], dtype=np.int64)
				year = years[self.columns["year"]]
				mask &= (year >= int(value)) if key == "year_from" else ((year <= int(value)) & (year >= 0))
			elif key == "has_files":
				mask &= np.asarray(self.has_files) == rules.wants_files(value)
			else:
				values = value if isinstance(value, list | tuple) else [value]
				codes = [
					code
					for v in values
					for code in (self.codes[key].get(str(v)), self.codes[key].get(_int(v)))
					if code is not None
				]
				mask &= np.isin(self.columns[key], codes)
		return mask


def _objects(values: list) -> np.ndarray:
	array = np.empty(len(values), dtype=object)
	array[:] = values
	return array


def _int(value):
	try:
		return int(value)
	except (TypeError, ValueError):
		return None


_loaded: dict = {}


def current() -> Snapshot | None:
	"""The site's snapshot, if it has one that its database names."""
	try:
		row = frappe.db.sql(f"select `token`, `seq` from `{STATE}` where `id` = 1")
	except Exception as e:
		if frappe.db.is_table_missing(e):
			return None
		raise
	if not row:
		return None
	token, seq = row[0]
	snapshot = _loaded.get(frappe.local.site)
	if snapshot is None or snapshot.token != token:
		try:
			snapshot = Snapshot(token, int(seq))
		except (OSError, ValueError, KeyError):
			return None  # its files are gone or incomplete: the database answers until it is made again
		_loaded[frappe.local.site] = snapshot
	return snapshot


def changed_count(snapshot: Snapshot) -> int:
	return frappe.db.sql(f"select count(distinct `item`) from `{CHANGE}` where `id` > %s", snapshot.seq)[0][0]


def changed_items(snapshot: Snapshot) -> list[str] | None:
	"""The items (and dossiers) changed since the snapshot; None when there are too many to answer them from
	the database beside it. Beyond REBUILD_AFTER of them a new snapshot is queued."""
	names = frappe.db.sql_list(
		f"select distinct `item` from `{CHANGE}` where `id` > %s limit %s", (snapshot.seq, DIRTY_LIMIT + 1)
	)
	if len(names) > min(REBUILD_AFTER, DIRTY_LIMIT):
		enqueue_build()
	return names if len(names) <= DIRTY_LIMIT else None


def answers(query: rules.Query) -> bool:
	"""Whether the snapshot can find every word of the query (not one holding its separator, NUL)."""
	return all(SEPARATOR not in t for t in (*query.terms, *query.excluded))
