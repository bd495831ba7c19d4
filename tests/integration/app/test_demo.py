"""The demo is all or nothing: a failure part-way keeps nothing and says why (the full run on a site of its own
is in test_install)."""

import frappe
import pytest

from archive_mgmt import demo


def demo_leftovers() -> dict:
	return {
		"fonds": frappe.db.exists("Fonds", demo.FONDS),
		"locations": frappe.db.count("Archive Location", {"name": ("like", f"{demo.FONDS}-%")}),
		"items": frappe.db.count("Archive Item", {"fonds": demo.FONDS}),
	}


@pytest.fixture
def no_demo_yet():
	if frappe.db.exists("Fonds", demo.FONDS):
		pytest.skip(f"the test site already holds the demo fonds {demo.FONDS}")


def test_a_demo_that_fails_part_way_keeps_nothing_and_says_why(no_demo_yet, capsys):
	# the categories the demo files under are gone: its first item fails, after fonds, units and locations
	categories = sorted({category for category, _title in demo.TITLES})
	frappe.db.delete("Archive Category", {"name": ("in", categories)})
	with pytest.raises(SystemExit) as failed:
		demo.make_demo(items=5)
	assert "The demo data could not be made, nothing was kept" in str(failed.value)
	assert "Traceback" in capsys.readouterr().err
	assert demo_leftovers() == {"fonds": None, "locations": 0, "items": 0}
	# the rollback undid the deletion as well
	assert frappe.db.exists("Archive Category", categories[0])


@pytest.mark.parametrize("items", [0, -3, "many", 10**6])
def test_the_demo_size_is_checked_before_anything_is_written(no_demo_yet, items):
	with pytest.raises(SystemExit) as failed:
		demo.make_demo(items=items)
	assert "between 1 and" in str(failed.value)
	assert demo_leftovers() == {"fonds": None, "locations": 0, "items": 0}


def test_only_the_archive_manager_or_system_manager_may_make_it(no_demo_yet):
	from tests.integration.factories import as_user, make_user

	reader = make_user("Archive Reader", prefix="reader")
	with as_user(reader), pytest.raises(frappe.PermissionError):
		demo.make_demo(items=1)
	assert demo_leftovers()["fonds"] is None
