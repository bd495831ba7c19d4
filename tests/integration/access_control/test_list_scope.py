"""What a list of Archive Items costs a restricted user: one indexable condition, and cached look-ups that
are forgotten the moment a loan or a clearance changes (or a change is rolled back). A reader's condition is
the items naming them as holder, which the loans write and the loans alone decide."""

from types import SimpleNamespace

import frappe
import pytest
from frappe.client import get as api_get

from archive_mgmt import indexes, roles
from archive_mgmt.access_control import clearance, permissions
from archive_mgmt.api.utilization import return_items
from archive_mgmt.patches import set_item_holders
from tests.integration.factories import as_user, make_item, make_user, set_clearance
from tests.integration.loan_factories import filed_items, issued_loan, make_loan_world


def listed(user, doctype="Archive Item", **filters) -> set[str]:
	with as_user(user):
		return set(frappe.get_list(doctype, filters=filters, pluck="name"))


def test_the_unit_scope_is_one_indexable_condition(world):
	mine, theirs = make_item(world), make_item(world, filing_unit=world.other_unit)
	with as_user(world.clerk):
		query = frappe.get_list("Archive Item", filters={"fonds": world.fonds}, run=0)
		count = frappe.get_list("Archive Item", fields=["count(*) as n"], filters={"fonds": world.fonds})
	# Frappe's own form of it (`ifnull(filing_unit, '') = '' or ...`) reads every row; ours an index range.
	assert "ifnull(`tabArchive Item`.`filing_unit`" not in query
	assert f"`tabArchive Item`.`filing_unit` in ({frappe.db.escape(world.unit)})" in query
	assert count[0].n == 1
	assert listed(world.clerk, fonds=world.fonds) == {mine.name}
	assert theirs.name in listed(world.manager, fonds=world.fonds)


def test_the_unit_scope_guards_the_form_and_saving(world):
	theirs = make_item(world, filing_unit=world.other_unit)
	with as_user(world.clerk):
		assert not frappe.has_permission("Archive Item", "read", theirs.name)
		assert not frappe.has_permission("Archive Item", "write", theirs.name)
		mine = make_item(world)
		mine.filing_unit = world.other_unit
		with pytest.raises(frappe.PermissionError):
			mine.save()
	assert frappe.db.get_value("Archive Item", mine.name, "filing_unit") == world.unit


def test_a_unit_permission_for_another_doctype_does_not_narrow_items(world):
	user = make_user("Departmental Archivist", prefix="dossieronly")
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": "Filing Unit",
			"for_value": world.unit,
			"apply_to_all_doctypes": 0,
			"applicable_for": "Dossier",
		}
	).insert(ignore_permissions=True)
	assert permissions.units_in_scope("Dossier", user) == [world.unit]
	assert permissions.units_in_scope("Archive Item", user) is None
	theirs = make_item(world, filing_unit=world.other_unit)
	assert theirs.name in listed(user, fonds=world.fonds)


def test_a_reader_sees_an_item_exactly_while_a_loan_holds_it_out(world):
	lw = make_loan_world(world)
	item = filed_items(lw, 1)[0]
	assert item not in listed(lw.borrower, fonds=lw.fonds)  # fills the cache: nothing lent
	loan = issued_loan(lw, [item])
	assert listed(lw.borrower, fonds=lw.fonds) == {item}
	with as_user(lw.borrower):
		assert frappe.has_permission("Archive Item", "read", item)
	with as_user(lw.manager):
		return_items(loan.name, [item])
	assert item not in listed(lw.borrower, fonds=lw.fonds)
	with as_user(lw.borrower):
		assert not frappe.has_permission("Archive Item", "read", item)


def test_a_rolled_back_loan_is_forgotten(world):
	lw = make_loan_world(world)
	item = filed_items(lw, 1)[0]
	issued_loan(lw, [item])
	assert clearance.items_on_loan_to(lw.borrower) == [item]  # cached inside the transaction
	frappe.db.rollback()
	assert clearance.items_on_loan_to(lw.borrower) == []


def test_a_clearance_takes_effect_at_once_and_a_rolled_back_one_is_forgotten(world):
	secret = make_item(world, secrecy_level="秘密")
	assert secret.name not in listed(world.clerk, fonds=world.fonds)  # caches 内部
	with as_user(make_user(roles.SECURITY_OFFICER)):
		set_clearance(world.clerk, "秘密")
	assert secret.name in listed(world.clerk, fonds=world.fonds)
	assert clearance.user_clearance(world.clerk) == "秘密"
	clerk = world.clerk
	frappe.db.rollback()
	assert clearance.user_clearance(clerk) != "秘密"


def holder(item):
	return frappe.db.get_value("Archive Item", item, "lent_to")


def list_query(user, **filters) -> str:
	with as_user(user):
		return frappe.get_list("Archive Item", filters=filters, run=0)


def requested_by(lw, user):
	"""The loan world with another requester (issued_loan has the world's borrower request)."""
	return SimpleNamespace(**{**vars(lw), "borrower": user})


def test_a_readers_list_is_the_items_naming_them_as_holder(world):
	lw = make_loan_world(world)
	items = filed_items(lw, 2)
	loan = issued_loan(lw, items)
	assert [holder(i) for i in items] == [lw.borrower, lw.borrower]
	query = list_query(lw.borrower, fonds=lw.fonds)
	# one index range (lent_to, modified, ...), not a list of names the optimizer weighs name by name
	assert f"`tabArchive Item`.`lent_to` = {frappe.db.escape(lw.borrower)}" in query
	assert "`tabArchive Item`.`name` in" not in query
	assert listed(lw.borrower, fonds=lw.fonds) == set(items)
	with as_user(lw.manager):
		return_items(loan.name, [items[0]])
	assert [holder(i) for i in items] == [None, lw.borrower]
	assert listed(lw.borrower, fonds=lw.fonds) == {items[1]}


def test_two_readers_in_the_reading_room_both_see_the_item_until_each_returns(world):
	lw = make_loan_world(world)
	item = filed_items(lw, 1)[0]
	first = issued_loan(lw, [item], use_mode="阅览")
	second = issued_loan(requested_by(lw, lw.other_borrower), [item], use_mode="阅览")
	assert holder(item) == lw.other_borrower  # the latest issue is named; the first holder by name
	assert f"`tabArchive Item`.`name` in ({frappe.db.escape(item)})" in list_query(lw.borrower)
	assert item in listed(lw.borrower, fonds=lw.fonds)
	assert item in listed(lw.other_borrower, fonds=lw.fonds)
	# a reader learns nothing of who else holds it (the field is at permission level 1, staff only)
	with as_user(lw.borrower):
		assert api_get("Archive Item", item).get("lent_to") is None
	with as_user(lw.manager):
		assert api_get("Archive Item", item).get("lent_to") == lw.other_borrower
		return_items(second.name, [item])
	assert holder(item) == lw.borrower
	assert item not in listed(lw.other_borrower, fonds=lw.fonds)
	assert item in listed(lw.borrower, fonds=lw.fonds)
	with as_user(lw.manager):
		return_items(first.name, [item])
	assert holder(item) is None
	assert item not in listed(lw.borrower, fonds=lw.fonds)


def test_a_requester_who_is_not_the_borrower_still_sees_what_the_loan_holds(world):
	lw = make_loan_world(world)
	item = filed_items(lw, 1)[0]
	issued_loan(lw, [item], borrower=lw.other_borrower)
	assert holder(item) == lw.other_borrower
	assert item in listed(lw.other_borrower, fonds=lw.fonds)
	assert item in listed(lw.borrower, fonds=lw.fonds)


def test_the_holder_is_written_by_loans_never_by_a_save(world):
	lw = make_loan_world(world)
	item = filed_items(lw, 1)[0]
	with as_user(lw.manager):
		doc = frappe.get_doc("Archive Item", item)
		doc.lent_to = lw.borrower
		doc.remarks = "manager's edit"
		doc.save()
	assert holder(item) is None
	assert frappe.db.get_value("Archive Item", item, "remarks") == "manager's edit"
	assert item not in listed(lw.borrower, fonds=lw.fonds)


def test_a_holder_the_loans_do_not_bear_out_widens_nothing(world):
	lw = make_loan_world(world)
	lent, other = filed_items(lw, 2)
	issued_loan(lw, [lent])
	frappe.db.set_value("Archive Item", other, "lent_to", lw.borrower, update_modified=False)
	clearance.forget(clearance.LENT_CACHE)
	# the field names an item no loan of theirs holds: the loans decide, by name
	assert listed(lw.borrower, fonds=lw.fonds) == {lent}
	set_item_holders.execute()  # the patch (and any later run) puts the field right from the loans
	assert (holder(lent), holder(other)) == (lw.borrower, None)
	frappe.db.set_value("Archive Item", lent, "lent_to", None, update_modified=False)
	set_item_holders.execute()
	assert holder(lent) == lw.borrower
	assert "`lent_to` =" in list_query(lw.borrower)


def test_list_indexes_carry_the_columns_of_the_conditions_they_serve_and_exist():
	indexed = {
		row.Key_name
		for row in frappe.db.sql("show index from `tabArchive Item`", as_dict=True)
		if row.Key_name.startswith("stats_")
	}
	declared = indexes.INDEXES["Archive Item"]
	assert indexed == {"stats_" + "_".join(fields) for fields in declared}
	by_modified = [fields for fields in declared if "modified" in fields]
	# a reader's list is led by their own condition (lent_to); every other carries the unit and the level
	readers = [fields for fields in by_modified if fields[0] == "lent_to"]
	assert len(readers) == 1 and {"fonds", "year", "status"} <= set(readers[0])
	others = [fields for fields in by_modified if fields not in readers]
	assert others and all(set(indexes.PERMISSION_COLUMNS) <= set(fields) for fields in others)
