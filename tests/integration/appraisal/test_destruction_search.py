"""The Destruction Batch form's item search offers only what may be destroyed today."""

import frappe
import pytest

from archive_mgmt.api.appraisal import destroyable_items
from tests.integration.destruction_factories import (
	hold,
	lend,
	make_batch,
	make_destruction_world,
	make_expired_item,
)
from tests.integration.factories import as_user, make_filed_item, make_fonds, make_item, make_unit


@pytest.fixture
def w():
	return make_destruction_world()


def search(batch, txt="", start=0, page_len=20, **filters):
	rows = destroyable_items(
		doctype="Archive Item",
		txt=txt,
		searchfield="name",
		start=start,
		page_len=page_len,
		filters={"fonds": batch.fonds, "batch": batch.name, **filters},
	)
	return [r[0] for r in rows]


def test_only_expired_filed_items_not_held_nor_in_another_batch_are_offered(w):
	ok = make_expired_item(w).name
	unexpired = make_filed_item(w, year=2024).name
	draft = make_item(w, year=2000, retention_period="D10").name
	on_loan = make_expired_item(w).name
	lend(on_loan)
	held = make_expired_item(w).name
	hold([held])
	in_other_batch = make_expired_item(w).name
	make_batch(w, [in_other_batch])
	other_fonds = make_fonds()
	elsewhere = make_expired_item(w, fonds=other_fonds, filing_unit=make_unit(other_fonds)).name
	batch = make_batch(w)

	with as_user(w.lead):
		found = search(batch)
	assert ok in found
	assert not {unexpired, draft, on_loan, held, in_other_batch, elsewhere} & set(found)


def test_items_already_in_this_batch_or_its_rows_are_still_valid_but_rows_are_not_offered_twice(w):
	kept = make_expired_item(w).name
	picked = make_expired_item(w).name
	batch = make_batch(w, [kept])
	with as_user(w.lead):
		assert {kept, picked} <= set(
			search(batch)
		)  # the batch's own saved rows do not count as "another batch"
		found = search(batch, exclude=[kept, picked])
	assert kept not in found and picked not in found


def test_typing_narrows_by_title_and_pages_follow_the_eligible_items(w):
	mine = [make_expired_item(w, title=f"关于第{n}次销毁鉴定的会议纪要").name for n in (1, 2, 3)]
	make_expired_item(w, title="其他文件")
	held = make_expired_item(w, title="关于第4次销毁鉴定的会议纪要").name
	hold([held])
	batch = make_batch(w)
	with as_user(w.lead):
		everything = search(batch, txt="销毁鉴定")
		pages = [search(batch, txt="销毁鉴定", start=n, page_len=1) for n in range(4)]
	assert sorted(everything) == sorted(mine)
	assert [p[0] for p in pages if p] == everything and pages[3] == []


def test_someone_who_cannot_change_batches_gets_no_search(w):
	make_expired_item(w)
	batch = make_batch(w)
	with as_user(w.reader), pytest.raises(frappe.PermissionError):
		search(batch)
