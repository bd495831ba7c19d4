"""The index made again from the site (indexing.rebuild, as the migration patch and `bench execute` run it):
it finds what it found before, drops what no item holds any more, and makes the search snapshot again.
rebuild() commits (DDL), so this test commits its records and deletes them at the end."""

import frappe

from archive_mgmt.search import engine, indexing, service, snapshot
from tests.integration.factories import make_item, make_world
from tests.integration.search_factories import attach_text, names, tag


def test_a_rebuild_finds_what_the_index_found_and_drops_what_no_item_holds():
	world = make_world()
	word, content = tag(), tag()
	doc = make_item(world, title=f"重建{word}")
	file_doc = attach_text(doc.name, f"正文里的{content}。")
	orphan = "AI-NO-SUCH-ITEM"
	engine._insert([(orphan, engine.META, None, None, f"孤立{word}")])
	frappe.db.commit()
	try:
		assert names(word) == {doc.name} and names(content) == {doc.name}
		result = indexing.rebuild()
		assert result["items"] == frappe.db.count("Archive Item")
		assert result["file_texts"] >= 1
		assert names(word) == {doc.name} and names(content) == {doc.name}
		assert not frappe.db.sql(f"select 1 from `{engine.SEGMENT}` where `item` = %s", orphan)
		# the snapshot made at the end holds it all: nothing changed since, and it finds the words
		assert result["snapshot_seconds"] is not None
		assert snapshot.changed_items(snapshot.current()) == []
		assert [r["name"] for r in service.search(content)["results"]] == [doc.name]
		# and the index is kept current again afterwards
		doc.reload()
		doc.title = "重建后改名"
		doc.save()
		assert names(word) == set() and names("重建后改名") == {doc.name}
	finally:
		frappe.db.rollback()
		frappe.delete_doc("File", file_doc.name, ignore_permissions=True, force=True)
		frappe.delete_doc("Archive Item", doc.name, ignore_permissions=True, force=True)
		frappe.db.commit()
