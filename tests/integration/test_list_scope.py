"""What a list of Archive Items costs a restricted user: one indexable condition, and cached look-ups that
are forgotten the moment a loan or a clearance changes (or a change is rolled back)."""

import frappe
import pytest

from archive_mgmt import clearance, permissions, statistics
from archive_mgmt.loans import return_items
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
	with as_user(world.manager):
		set_clearance(world.clerk, "秘密")
	assert secret.name in listed(world.clerk, fonds=world.fonds)
	assert clearance.user_clearance(world.clerk) == "秘密"
	clerk = world.clerk
	frappe.db.rollback()
	assert clearance.user_clearance(clerk) != "秘密"


def test_list_indexes_end_with_the_permission_columns_and_exist():
	indexed = {
		row.Key_name
		for row in frappe.db.sql("show index from `tabArchive Item`", as_dict=True)
		if row.Key_name.startswith("stats_")
	}
	declared = statistics.INDEXES["Archive Item"]
	assert indexed == {"stats_" + "_".join(fields) for fields in declared}
	by_modified = [fields for fields in declared if "modified" in fields]
	assert by_modified and all(set(statistics.PERMISSION_COLUMNS) <= set(fields) for fields in by_modified)
