"""档案检索 on the real site: recall equals like, clearance, units, loans, destroyed items, the index kept current
on every change, the API and its export, OCR of a generated scan; each answered by the database alone and with
a snapshot."""

import random

import frappe
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_mgmt import roles
from archive_mgmt.access_control import clearance
from archive_mgmt.exceptions import SearchQueryError
from archive_mgmt.rules import search as rules
from archive_mgmt.search import engine, full_text, ocr, service, snapshot
from tests.integration.factories import (
	as_user,
	make_dossier,
	make_filed_item,
	make_item,
	make_user,
	set_clearance,
)
from tests.integration.loan_factories import issued_loan, make_loan_world
from tests.integration.search_factories import attach_text, destroy, names, render_scan, tag

ALPHABET = "档案管理工作通知会议纪要安全生产质量"


@pytest.fixture(autouse=True, params=["database", "snapshot"])
def answered(request, monkeypatch):
	"""Every test twice: answered by the database alone, and by a snapshot made before the test's records
	(which are then changes since it, answered by the database and added in). test_snapshot.py compares the
	two on records the snapshot holds."""
	if request.param == "database":
		monkeypatch.setattr(snapshot, "current", lambda: None)
	else:
		snapshot.build(within_transaction=True)
	return request.param


def like_names(text, fonds) -> set[str]:
	"""What a like scan over the same fields finds (as the Administrator), within one fonds."""
	query = service.parse(text)
	return set(
		frappe.db.sql_list(
			f"""select i.`name` from `tabArchive Item` i left join `tabDossier` d on d.`name` = i.`dossier`
			where i.`fonds` = %s and {engine.like_scan_sql(query)}""",
			fonds,
		)
	)


def test_recall_equals_like_over_random_chinese_text(world, answered):
	rng = random.Random(18)

	def text(n):
		return "".join(rng.choice(ALPHABET) for _ in range(n))

	items = []
	for _ in range(25):
		doc = make_item(world, title=text(rng.randint(4, 16)), responsible_party=text(3), remarks=text(10))
		if rng.random() < 0.4:
			attach_text(doc.name, text(40), file_name=f"{frappe.generate_hash(length=6)}.txt")
		items.append(doc.name)
	if answered == "snapshot":
		snapshot.build(within_transaction=True)  # the items in the snapshot: found by their bigrams' places
	filters = {"fonds": world.fonds}

	@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
	@given(query=st.text(alphabet=ALPHABET, min_size=1, max_size=5), exclude=st.booleans())
	def same_as_like(query, exclude):
		typed = f"{query[:2]} -{query[2:]}" if exclude and len(query) > 3 else query
		found = names(typed, filters=filters)
		assert found == like_names(typed, world.fonds), typed

	same_as_like()
	# phrases, a Latin word in another case and like's wildcards
	doc = make_item(world, title="ISO 9001质量体系 100%_达标")
	if answered == "snapshot":
		snapshot.build(within_transaction=True)
	for typed in ('"质量体系 100%"', "iso", "100%_", '"ISO 9001质量"'):
		assert doc.name in names(typed, filters=filters), typed
		assert names(typed, filters=filters) == like_names(typed, world.fonds)
	assert doc.name not in names("100%%", filters=filters)


def test_the_count_facets_order_and_pages_are_those_of_every_result(world):
	word = tag()
	in_title = [make_filed_item(world, title=f"{word}通知{n}", year=2020 + n % 3) for n in range(5)]
	in_remarks = [make_item(world, title="会议纪要", remarks=f"备注{word}", carrier="纸质") for _ in range(3)]
	in_file = make_item(world, title="附件")
	attach_text(in_file.name, f"正文中有{word}。")
	expected = like_names(word, world.fonds)
	assert expected == {d.name for d in [*in_title, *in_remarks, in_file]}

	result = service.search(word, page_length=4)
	assert result["total"] == len(expected)
	rows = frappe.get_all(
		"Archive Item", filters={"name": ("in", list(expected))}, fields=[*list(service.FACETS)[:-1], "name"]
	)
	for field in ("year", "status", "carrier", "filing_unit", "secrecy_level"):
		counted = {}
		for row in rows:
			if row[field] not in (None, ""):
				counted[row[field]] = counted.get(row[field], 0) + 1
		assert {f["value"]: f["count"] for f in result["facets"][field]} == counted, field
	assert [f["value"] for f in result["facets"]["year"]] == sorted(
		{f["value"] for f in result["facets"]["year"]}, reverse=True
	)
	assert {f["value"]: f["count"] for f in result["facets"]["has_files"]} == {1: 1, 0: len(expected) - 1}
	# relevance: in the title, then in the catalogue entry, then in a file's text; pages do not overlap
	pages = [service.search(word, page=n, page_length=4)["results"] for n in (1, 2, 3)]
	ranked = [r["name"] for page in pages for r in page]
	assert len(ranked) == len(set(ranked)) == len(expected)
	assert set(ranked[:5]) == {d.name for d in in_title}
	assert set(ranked[5:8]) == {d.name for d in in_remarks}
	assert ranked[8] == in_file.name
	assert [r["score"] for page in pages for r in page] == [3] * 5 + [2] * 3 + [1]
	# a facet chosen narrows the count and the other facets
	narrowed = service.search(word, filters={"year": 2021})
	assert narrowed["total"] == sum(1 for d in in_title if d.year == 2021)
	assert {f["value"] for f in narrowed["facets"]["year"]} == {2021}


def test_a_small_result_counted_in_python_equals_a_large_one_counted_in_the_database(world, monkeypatch):
	word = tag()
	rng = random.Random(7)
	with as_user(world.manager):
		filed = [
			make_filed_item(
				world,
				title=f"{rng.choice(['', '关于'])}{word}{rng.choice(['通知', '纪要'])}",
				year=rng.choice([2019, 2020, 2021]),
				doc_date=f"{rng.choice([2019, 2020, 2021])}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
				secrecy_level=rng.choice(["公开", "内部"]),
				filing_unit=rng.choice([world.unit, world.other_unit]),
			)
			for _ in range(12)
		]
		make_dossier(world, filed[:3], title="年度案卷")
	drafts = [make_item(world, title="草稿", remarks=f"备注{word}") for _ in range(3)]
	attach_text(drafts[0].name, f"正文{word}。")
	cases = [(word, {}, sort, page) for sort in service.SORTS for page in (1, 2, 3)] + [
		(f"{word} -关于", {}, "relevance", 1),
		(word, {"year": 2020}, "date", 1),
		(f"{word} 通知", {}, "code", 1),
	]

	def search_as(user, text, filters, sort, page, small: int):
		monkeypatch.setattr(service, "SMALL_RESULT", small)
		with as_user(user):
			return service.search(text, filters=filters, sort=sort, page=page, page_length=5)

	for user in ("Administrator", world.clerk):
		for case in cases:
			assert search_as(user, *case, small=10_000) == search_as(user, *case, small=0), (user, case)
	assert search_as("Administrator", *cases[0], small=0)["total"] == 15


def test_dossiers_are_found_by_their_own_fields_and_by_their_items(world):
	word = tag()
	inside = make_filed_item(world, title=f"卷内{word}")
	other = make_filed_item(world, title="卷内另一件")
	secret_item = make_filed_item(world, title="机密卷内", secrecy_level="机密")
	with as_user(world.manager):
		by_title = make_dossier(world, [other], title=f"{word}专题")
		by_item = make_dossier(world, [inside], title="年度案卷")
		secret = make_dossier(world, [secret_item], title=f"机密案卷{word}")
	assert frappe.db.get_value("Dossier", secret.name, "secrecy_level") == "机密"

	# each dossier's item is found too: `other` and the secret one by their dossier's title
	found = service.search(word)["dossiers"]
	assert found["total"] == 3
	assert {d["name"] for d in found["results"][:2]} == {by_title.name, secret.name}
	assert all(d["own"] and d["items"] == 1 for d in found["results"][:2])
	assert found["results"][2]["name"] == by_item.name
	assert (found["results"][2]["own"], found["results"][2]["items"]) == (False, 1)
	# within clearance: a 内部 director never learns of the 机密 dossier
	director = make_user(roles.OFFICE_DIRECTOR, prefix="director")
	set_clearance(director, "内部")
	with as_user(director):
		seen = service.search(word)["dossiers"]
	assert {d["name"] for d in seen["results"]} == {by_title.name, by_item.name}
	assert seen["total"] == 2 and "机密案卷" not in str(seen)
	# a filter no dossier has (载体): the dossiers of the items found only
	carrier = frappe.db.get_value("Archive Item", inside.name, "carrier")
	narrowed = service.search(word, filters={"carrier": carrier})["dossiers"]["results"]
	assert narrowed and not any(d["own"] for d in narrowed)
	# an excluded word of its own title: neither it nor its item is found
	without = service.search(f"{word} -专题")["dossiers"]["results"]
	assert [d["name"] for d in without] == [secret.name, by_item.name]


def test_a_secret_item_is_found_only_within_clearance_and_at_once_when_cleared(world):
	word = tag()
	secret = make_filed_item(world, title=f"机密{word}", secrecy_level="机密")
	internal = make_filed_item(world, title=f"内部{word}", secrecy_level="内部")
	director = make_user(roles.OFFICE_DIRECTOR, prefix="director")
	set_clearance(director, "内部")
	with as_user(director):
		result = service.search(word)
	assert [r["name"] for r in result["results"]] == [internal.name]
	assert result["total"] == 1
	assert {f["value"] for f in result["facets"]["secrecy_level"]} == {"内部"}
	assert "机密" not in str(result)
	set_clearance(director, "机密")
	with as_user(director):
		assert {r["name"] for r in service.search(word)["results"]} == {secret.name, internal.name}
	# the level raised: gone again at once
	frappe.db.set_value("Archive Item", internal.name, "secrecy_level", "绝密")
	with as_user(director):
		assert names(word, director) == {secret.name}


def test_a_departmental_archivist_finds_only_their_units_items(world):
	word = tag()
	mine = make_filed_item(world, title=f"本部门{word}")
	theirs = make_filed_item(world, title=f"他部门{word}", filing_unit=world.other_unit)
	with as_user(world.clerk):
		assert names(word, world.clerk) == {mine.name}
	with as_user(world.other_clerk):
		assert names(word, world.other_clerk) == {theirs.name}
	assert names(word) == {mine.name, theirs.name}


def test_a_reader_finds_only_what_is_lent_to_them(world):
	lw = make_loan_world(world)
	word = tag()
	lent = make_filed_item(lw, title=f"借出{word}")
	make_filed_item(lw, title=f"未借{word}")
	with as_user(lw.borrower):
		assert names(word, lw.borrower) == set()
	issued_loan(lw, [lent.name])
	clearance.forget(clearance.LENT_CACHE)
	with as_user(lw.borrower):
		assert names(word, lw.borrower) == {lent.name}


def test_a_destroyed_item_is_found_by_its_catalogue_entry_never_by_its_content(world):
	word, content = tag(), tag()
	doc = make_filed_item(world, title=f"待销毁{word}", retention_period="D10", year=2001)
	attach_text(doc.name, f"正文里有{content}")
	assert names(content) == {doc.name}
	destroy(doc.name)
	assert names(content) == set()
	assert names(word) == {doc.name}
	result = service.search(f"{word}")
	assert all(h["where"] == "meta" for r in result["results"] for h in r["hits"])
	# a rebuild of the file's text does not bring it back
	full_text.read(frappe.get_all("Archive Full Text", filters={"archive_item": doc.name}, pluck="name")[0])
	assert names(content) == set()


def test_the_index_follows_every_change(world):
	first, second = tag(), tag()
	doc = make_item(world, title=f"初稿{first}")
	assert names(first) == {doc.name}
	doc.reload()
	doc.title = f"改稿{second}"
	doc.save()
	assert names(first) == set() and names(second) == {doc.name}
	# attachment: its text, with the page it is on
	content = tag()
	file_doc = attach_text(doc.name, f"第一页{content}")
	result = service.search(content)
	assert [r["name"] for r in result["results"]] == [doc.name]
	assert result["results"][0]["hits"][0]["where"] == "file"
	assert result["results"][0]["hits"][0]["page"] == 1
	# the archivist corrects the text
	corrected = tag()
	record = frappe.get_doc("Archive Full Text", file_doc.name)
	record.pages[0].text = f"更正{corrected}"
	record.save()
	assert names(content) == set() and names(corrected) == {doc.name}
	assert frappe.get_doc("Archive Full Text", file_doc.name).pages[0].corrected == 1
	# the file removed, its text leaves the index
	frappe.delete_doc("File", file_doc.name, ignore_permissions=True)
	assert names(corrected) == set()
	# the dossier's title finds its items
	dossier_word = tag()
	filed = make_filed_item(world, title="卷内文件")
	with as_user(world.manager):
		dossier = make_dossier(world, [filed], title=f"案卷{dossier_word}")
	assert names(dossier_word) == {filed.name}
	dossier.reload()
	dossier.title = "改名的案卷"
	dossier.save()
	assert names(dossier_word) == set()
	# deletion of a draft (one that never had a file: a file's fixity record keeps its item)
	third = tag()
	draft = make_item(world, title=f"删除{third}")
	assert names(third) == {draft.name}
	frappe.delete_doc("Archive Item", draft.name)
	assert names(third) == set()
	assert not frappe.db.sql(f"select 1 from `{engine.SEGMENT}` where item = %s", draft.name)


def test_a_rolled_back_save_leaves_no_index_entry(world):
	word = tag()
	frappe.db.savepoint("before_item")
	make_item(world, title=f"回滚{word}")
	assert names(word)
	frappe.db.rollback(save_point="before_item")
	assert names(word) == set()


def test_an_unreadable_file_is_recorded_in_chinese_and_never_blocks_filing(world):
	doc = make_item(world, title="附件损坏")
	file_doc = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "损坏.docx",
			"attached_to_doctype": "Archive Item",
			"attached_to_name": doc.name,
			"content": b"not a zip",
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	record = frappe.get_doc("Archive Full Text", file_doc.name)
	assert record.status == "Unreadable" and record.reason
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	frappe.local.jenv = None
	other = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "未知.bin",
			"attached_to_doctype": "Archive Item",
			"attached_to_name": doc.name,
			"content": b"\x00\x01",
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	reason = frappe.db.get_value("Archive Full Text", other.name, "reason")
	assert any("\u4e00" <= c <= "\u9fff" for c in reason), reason


def test_the_api_checks_the_query_and_who_asks(world):
	from archive_mgmt.api import search as api

	with pytest.raises(SearchQueryError):
		api.search("  -只排除 ")
	with pytest.raises(SearchQueryError):
		api.search("档案", filters='{"nonsense": 1}')
	outsider = make_user(prefix="outsider")
	with as_user(outsider), pytest.raises(frappe.PermissionError):
		api.search("档案")
	word = tag()
	make_filed_item(world, title=f"年度报告{word}", year=2020)
	make_filed_item(world, title=f"会议纪要{word}", year=2022)
	result = api.search(word, filters=f'{{"year_from": 2021, "fonds": "{world.fonds}"}}')
	assert result["total"] == 1 and result["results"][0]["year"] == 2022
	within = api.search("纪要", within=f'["{word}"]')
	assert within["total"] == 1


def test_the_export_is_written_to_the_access_log(world):
	from archive_mgmt.api import search as api

	word = tag()
	secret = make_filed_item(world, title=f"秘密{word}", secrecy_level="秘密")
	api.export(word)
	assert frappe.response["filename"].endswith(".xlsx")
	assert frappe.db.exists("Archive Access Log", {"reference_name": secret.name, "action": "导出"})
	with as_user(world.clerk), pytest.raises(frappe.PermissionError):
		api.export(word)


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr with chi_sim is not installed")
def test_ocr_of_a_generated_scan_finds_its_words(world):
	doc = make_item(world, title="扫描件")
	lines = ["关于加强档案安全管理工作的通知", "各部门要做好档案数字化扫描工作"]
	file_doc = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "扫描.png",
			"attached_to_doctype": "Archive Item",
			"attached_to_name": doc.name,
			"content": render_scan(lines, size=(2480, 600)),
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	assert frappe.db.get_value("Archive Full Text", file_doc.name, "status") == "Awaiting Reading"
	full_text.read(file_doc.name)
	record = frappe.get_doc("Archive Full Text", file_doc.name)
	assert record.status == "Recognised" and record.method == "OCR"
	assert record.pages[0].confidence > 50
	assert rules.character_accuracy("".join(lines), record.pages[0].text) >= 0.9
	assert doc.name in names("档案安全管理")
	assert doc.name in names("数字化扫描")
