import frappe
import pytest

from archive_mgmt.exceptions import DossierError, FiledItemLockedError
from tests.integration import factories
from tests.integration.factories import make_filed_item, make_item


def make_dossier(world, items, **values):
	"""Thirty-year dossiers unless a test says otherwise."""
	return factories.make_dossier(world, items, **{"retention_period": "D30", **values})


def test_contents_list_numbers_pages_and_totals(world):
	a = make_item(world, pages=3, doc_date="2024-02-01", doc_number="办发〔2024〕3号")
	b = make_item(world, pages=1, doc_date="2024-01-15")
	c = make_item(world, pages=10, doc_date="2024-06-30", secrecy_level="秘密")
	dossier = make_dossier(world, [a, b, c])
	assert [(r.idx, r.page_range) for r in dossier.items] == [(1, "1-3"), (2, "4"), (3, "5-14")]
	assert dossier.items[0].doc_number == "办发〔2024〕3号" and dossier.items[0].item_title == a.title
	assert (dossier.item_count, dossier.total_pages) == (3, 14)
	assert (str(dossier.start_date), str(dossier.end_date)) == ("2024-01-15", "2024-06-30")
	assert dossier.secrecy_level == "秘密"
	assert dossier.reference_code == f"{world.fonds}-WS·2024-D30-{world.unit}-001"
	assert frappe.db.get_value("Archive Item", a.name, "dossier") == dossier.name


def test_more_than_200_pages_is_refused_and_nothing_written(world):
	items = [make_item(world, pages=101), make_item(world, pages=100)]
	before = frappe.db.count("Dossier")
	with pytest.raises(DossierError, match="200"):
		make_dossier(world, items)
	assert frappe.db.count("Dossier") == before
	assert not frappe.db.get_value("Archive Item", items[0].name, "dossier")


def test_retention_never_shorter_than_the_longest_item(world):
	permanent = make_item(world, retention_period="Y")
	with pytest.raises(DossierError):
		make_dossier(world, [permanent], retention_period="D30")
	assert make_dossier(world, [permanent], retention_period="Y").reference_code


def test_an_item_belongs_to_one_dossier_once(world):
	item = make_item(world)
	make_dossier(world, [item])
	with pytest.raises(DossierError):
		make_dossier(world, [item])
	other = make_item(world)
	with pytest.raises(DossierError):
		make_dossier(world, [other, other])


def test_items_of_another_fonds_are_refused(world):
	from tests.integration.factories import make_fonds, make_unit

	fonds = make_fonds()
	stranger = make_item(world, fonds=fonds, filing_unit=make_unit(fonds))
	with pytest.raises(DossierError):
		make_dossier(world, [stranger])


def test_removing_an_item_frees_it_and_numbers_stay(world):
	a, b = make_filed_item(world), make_filed_item(world)
	dossier = make_dossier(world, [a, b])
	second = make_dossier(world, [], title="第二卷")
	dossier.items = dossier.items[:1]
	dossier.save()
	assert frappe.db.get_value("Archive Item", b.name, "dossier") is None
	assert dossier.total_pages == a.pages
	assert second.reference_code.endswith("-002")
	dossier.year = 2020
	with pytest.raises(FiledItemLockedError):
		dossier.save()
