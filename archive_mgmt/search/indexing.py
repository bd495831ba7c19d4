"""Keeping the search index current with the items (their controllers call these) and rebuilding it.

    bench --site <site> execute archive_mgmt.search.indexing.rebuild
    bench --site <site> execute archive_mgmt.search.indexing.rebuild --kwargs "{'read_files': 1}"

rebuild() makes the index again from the site: every catalogue entry, and every file's stored text
(Archive Full Text); with read_files it first reads (queues) every attached file's text again.
"""

import time

import frappe

from archive_mgmt.rules.status import DESTROYED
from archive_mgmt.search import engine, full_text, snapshot

REBUILD_CHUNK = 5000


def item_changed(doc) -> None:
	"""Archive Item on_update: its catalogue entry again; a destroyed item loses its files' text."""
	engine.index_item(doc.name)
	if doc.status == DESTROYED and doc.has_value_changed("status"):
		engine.drop_files(doc.name)


def items_imported(names) -> None:
	"""A catalogue import's chunk (bulk-inserted, no controller ran): their catalogue entries, in bulk."""
	engine.index_items(names)


def item_deleted(doc) -> None:
	engine.drop_item(doc.name)


def dossier_changed(doc) -> None:
	"""Dossier on_update: its items' catalogue entries carry its title (and it may have gained or lost items)."""
	items = set(frappe.get_all("Archive Item", filters={"dossier": doc.name}, pluck="name"))
	items |= {row.archive_item for row in doc.get("items") or [] if row.archive_item}
	before = doc.get_doc_before_save()
	if before:
		items |= {row.archive_item for row in before.get("items") or [] if row.archive_item}
	engine.index_items(items)


def rebuild(read_files: int = 0) -> dict:
	"""The whole index again from the site (commits each chunk: run it from bench execute, not a request).
	Returns the counts and the seconds each part took."""
	started = time.perf_counter()
	engine.ensure_tables()
	with snapshot.quiet():  # the snapshot made at the end holds it all
		engine.clear()
		names = frappe.db.sql_list("select `name` from `tabArchive Item` order by `name`")
		for start in range(0, len(names), REBUILD_CHUNK):
			engine.index_items(names[start : start + REBUILD_CHUNK], bulk=True)
			frappe.db.commit()
		catalogue = time.perf_counter()
		texts = index_all_file_texts()
		frappe.db.commit()
		pages = time.perf_counter()
	built = snapshot.build()
	snapshotted = time.perf_counter()
	queued = queue_files() if read_files else 0
	frappe.db.commit()
	result = {
		"items": len(names),
		"file_texts": texts,
		"files_queued": queued,
		"catalogue_seconds": round(catalogue - started, 1),
		"file_text_seconds": round(pages - catalogue, 1),
		"snapshot_seconds": round(snapshotted - pages, 1) if built else None,
		"seconds": round(time.perf_counter() - started, 1),
	}
	print(result)
	return result


def queue_files() -> int:
	"""Every file attached to an item, to be read again: its Archive Full Text set pending (made if missing),
	then enqueued (during a migrate only marked: the hourly resume_pending enqueues them)."""
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": ("in", full_text.INDEXED_DOCTYPES), "is_folder": 0},
		fields=["name", "attached_to_name", "file_name"],
	)
	for row in files:
		if frappe.db.exists(full_text.DOCTYPE, row.name):
			frappe.db.set_value(full_text.DOCTYPE, row.name, "status", full_text.PENDING)
		else:
			frappe.get_doc(
				{
					"doctype": full_text.DOCTYPE,
					"archive_item": row.attached_to_name,
					"file": row.name,
					"file_name": row.file_name,
					"status": full_text.PENDING,
				}
			).insert(ignore_permissions=True, ignore_links=True)
		if not frappe.flags.in_migrate:
			full_text.enqueue(row.name)
	return len(files)


def index_all_file_texts(chunk: int = 2000) -> int:
	"""Every stored file text (Archive Full Text pages) into the index, in chunks of files, committing each."""
	done, last = 0, ""
	while True:
		files = frappe.db.sql_list(
			"""select f.`name` from `tabArchive Full Text` f join `tabArchive Item` i on i.`name` = f.`archive_item`
			where f.`name` > %s and i.`status` != 'Destroyed' order by f.`name` limit %s""",
			(last, chunk),
		)
		if not files:
			return done
		pages = frappe.db.sql(
			"""select f.`archive_item`, f.`name`, p.`page`, p.`text` from `tabArchive Full Text Page` p
			join `tabArchive Full Text` f on f.`name` = p.`parent` and p.`parenttype` = 'Archive Full Text'
			where f.`name` in %(files)s order by f.`name`, p.`idx`""",
			{"files": tuple(files)},
		)
		engine.add_file_pages([(item, file, page, text) for item, file, page, text in pages])
		frappe.db.commit()
		done += len(files)
		last = files[-1]
