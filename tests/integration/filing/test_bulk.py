"""The Archive Item list's bulk actions (api/filing.py): adding a selection to a loan request, a handover list
or a dossier, and printing a sheet of 归档章 or the box labels for it. Each refusal leaves everything as it was."""

import frappe
import pytest

from archive_mgmt.api.filing import add_items, print_selection
from archive_mgmt.exceptions import BulkActionError
from tests.integration.factories import (
	act,
	as_user,
	make_box,
	make_dossier,
	make_filed_item,
	make_handover,
	make_item,
)
from tests.integration.loan_factories import make_loan, make_loan_world


@pytest.fixture
def lw(world):
	return make_loan_world(world)


def rows(doctype, name):
	return [r.archive_item for r in frappe.get_doc(doctype, name).items]


def printed(items, print_format) -> str:
	frappe.local.response = frappe._dict()
	print_selection(items, print_format)
	assert frappe.response["type"] == "download"
	return frappe.response["filecontent"].decode()


# adding a selection


def test_the_borrower_adds_a_selection_to_their_draft_loan_request(lw):
	items = [make_filed_item(lw).name for _ in range(2)]
	with as_user(lw.borrower):
		loan = make_loan([items[0]], borrower_unit=lw.unit)
		result = add_items("Loan Request", loan.name, frappe.as_json(items))
	assert result == {"added": [items[1]], "already_there": [items[0]]}
	assert rows("Loan Request", loan.name) == items


def test_another_borrower_cannot_add_to_someone_elses_loan_request(lw):
	first, second = make_filed_item(lw).name, make_filed_item(lw).name
	with as_user(lw.borrower):
		loan = make_loan([first], borrower_unit=lw.unit)
	with as_user(lw.other_borrower), pytest.raises(frappe.PermissionError):
		add_items("Loan Request", loan.name, [second])
	assert rows("Loan Request", loan.name) == [first]


def test_a_submitted_loan_request_takes_no_more_items(lw):
	first, second = make_filed_item(lw).name, make_filed_item(lw).name
	with as_user(lw.borrower):
		loan = make_loan([first], borrower_unit=lw.unit)
		act(loan, "Submit")
		with pytest.raises(BulkActionError):
			add_items("Loan Request", loan.name, [second])
	assert rows("Loan Request", loan.name) == [first]


def test_the_clerk_adds_drafts_of_their_unit_to_their_handover_list(world):
	with as_user(world.clerk):
		first, second = make_item(world), make_item(world, doc_number="办发〔2024〕2号")
	handover = make_handover(world, [first])
	with as_user(world.clerk):
		result = add_items("Handover List", handover.name, [second.name])
	assert result["added"] == [second.name]
	assert rows("Handover List", handover.name) == [first.name, second.name]


def test_a_reader_cannot_change_a_dossier_and_the_manager_can(lw):
	items = [make_filed_item(lw).name for _ in range(2)]
	dossier = make_dossier(lw)
	with as_user(lw.borrower), pytest.raises(frappe.PermissionError):
		add_items("Dossier", dossier.name, items)
	assert rows("Dossier", dossier.name) == []
	with as_user(lw.manager):
		assert add_items("Dossier", dossier.name, items)["added"] == items
	assert rows("Dossier", dossier.name) == items
	assert {frappe.db.get_value("Archive Item", i, "dossier") for i in items} == {dossier.name}


def test_only_known_targets_and_a_real_selection_are_accepted(world):
	item = make_filed_item(world).name
	with as_user(world.manager):
		with pytest.raises(BulkActionError):
			add_items("Destruction Batch", "anything", [item])  # api/appraisal.add_items checks eligibility
		dossier = make_dossier(world)
		with pytest.raises(BulkActionError):
			add_items("Dossier", dossier.name, "[]")
	assert rows("Dossier", dossier.name) == []


# printing a selection


def test_the_manager_prints_a_sheet_of_archival_stamps_for_the_selection(world):
	items = [make_filed_item(world) for _ in range(3)]
	with as_user(world.manager):
		html = printed([i.name for i in reversed(items)], "归档章")
	assert html.count('class="stamp-cell"') == len(items)
	assert "break-after: page" not in html  # one sheet, not a page per stamp
	numbers = [f"<td>{i.item_no:04}</td>" for i in items]
	assert sorted(numbers, key=html.index) == numbers  # in 档号 order
	assert "window.print()" in html


def test_box_labels_are_one_per_box_of_the_selection(world):
	"""An item is in the box its location names, or else in its dossier's box; shelves get no label."""
	boxed, in_dossier, on_shelf, loose = [make_filed_item(world) for _ in range(4)]
	first, second = make_box(), make_box()
	shelf = make_box(location_type="密集架")
	frappe.db.set_value("Archive Item", boxed.name, "location", first.name)
	frappe.db.set_value("Archive Item", on_shelf.name, "location", shelf.name)
	dossier = make_dossier(world, [in_dossier], location=second.name)
	assert dossier.location == second.name
	with as_user(world.manager):
		html = printed([boxed.name, in_dossier.name, on_shelf.name, loose.name], "档案盒标签")
		assert first.name in html and second.name in html and shelf.name not in html
		assert html.count("break-after: page") == 1
		with pytest.raises(BulkActionError):
			printed([on_shelf.name, loose.name], "档案盒标签")  # in no box


def test_a_reader_cannot_print_items_they_may_not_read(lw):
	item = make_filed_item(lw).name
	frappe.local.response = frappe._dict()
	with as_user(lw.other_borrower), pytest.raises(frappe.PermissionError):
		print_selection([item], "归档章")
	assert "filecontent" not in frappe.response


def test_an_unknown_print_format_is_refused(world):
	item = make_filed_item(world).name
	with as_user(world.manager), pytest.raises(BulkActionError):
		print_selection([item], "Standard")
