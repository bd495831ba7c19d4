"""First run: after migrate, the workspace 档案管理 offers the Module Onboarding "Archive Management"
(create the fonds, the filing units, check the retention rules, add users with roles), in Chinese; its
steps tick once what they ask for exists, and the only fonds is every new record's default."""

import json

import frappe
import pytest
from frappe.cache_manager import clear_defaults_cache
from frappe.desk.desktop import get_desktop_page

from archive_mgmt import roles
from archive_mgmt.archive_setup.onboarding import tick_done_steps
from archive_mgmt.demo import build_demo
from tests.integration.factories import as_user, make_fonds, make_unit, make_user

STEPS = {
	"Create the Fonds": ("Create Entry", "Fonds"),
	"Create the Filing Units": ("Create Entry", "Filing Unit"),
	"Check the Retention Rules": ("Go to Page", None),
	"Add Users with Roles": ("Create Entry", "User"),
}


def workspace_onboardings(user: str, lang: str = "zh") -> list[dict]:
	frappe.db.set_single_value("System Settings", "enable_onboarding", 1)
	frappe.db.set_value("Module Onboarding", "Archive Management", "is_complete", 0)
	frappe.db.set_value("Onboarding Step", list(STEPS), {"is_complete": 0, "is_skipped": 0})
	frappe.clear_cache()
	page = frappe.db.get_value("Workspace", "档案管理", ["name", "title", "public"], as_dict=True)
	with as_user(user):
		frappe.local.lang = lang
		try:
			return get_desktop_page(json.dumps(page))["onboardings"]["items"]
		finally:
			frappe.local.lang = "en"


def test_the_onboarding_and_its_steps_exist_after_migrate():
	onboarding = frappe.get_doc("Module Onboarding", "Archive Management")
	assert onboarding.module == "Archive Setup"
	assert [s.step for s in onboarding.steps] == list(STEPS)
	assert {r.role for r in onboarding.allow_roles} == {roles.ARCHIVE_MANAGER, "System Manager"}
	for name, (action, doctype) in STEPS.items():
		step = frappe.get_doc("Onboarding Step", name)
		assert (step.action, step.reference_document) == (action, doctype)
		assert step.description
	assert frappe.get_doc("Onboarding Step", "Check the Retention Rules").path == "retention-rule"


def test_the_workspace_shows_it_to_the_archive_manager_in_chinese():
	content = json.loads(frappe.db.get_value("Workspace", "档案管理", "content"))
	assert {"onboarding_name": "Archive Management", "col": 12} in [
		b["data"] for b in content if b["type"] == "onboarding"
	]
	manager = make_user(roles.ARCHIVE_MANAGER, prefix="manager")
	[shown] = workspace_onboardings(manager)
	assert shown["title"] == "开始设置档案管理"
	assert [s["label"] for s in shown["items"]] == [
		"建立全宗",
		"建立机构（问题）",
		"核对保管期限表",
		"添加用户并分配角色",
	]


@pytest.mark.parametrize("role", [roles.DEPARTMENTAL_ARCHIVIST, roles.ARCHIVE_READER])
def test_other_roles_are_not_asked_to_set_up_the_archive(role):
	assert workspace_onboardings(make_user(role, prefix="other")) == []


@pytest.fixture
def no_masters():
	"""A site with no fonds and no units yet (deleted inside the test's transaction, which is rolled back)."""
	frappe.db.sql("delete from `tabFonds`")
	frappe.db.sql("delete from `tabFiling Unit`")
	frappe.db.set_value("Onboarding Step", list(STEPS), {"is_complete": 0, "is_skipped": 0})
	yield
	clear_defaults_cache("__default")


def done() -> set[str]:
	return set(
		frappe.get_all("Onboarding Step", {"name": ("in", list(STEPS)), "is_complete": 1}, pluck="name")
	)


def test_the_steps_tick_once_the_fonds_and_units_exist_however_made(no_masters):
	tick_done_steps()
	assert not done() & {"Create the Fonds", "Create the Filing Units"}
	fonds = make_fonds()
	assert "Create the Fonds" in done()
	assert "Create the Filing Units" not in done()
	make_unit(fonds)
	assert {"Create the Fonds", "Create the Filing Units"} <= done()


def test_giving_a_user_an_archive_role_ticks_the_users_step():
	frappe.db.sql("delete from `tabHas Role` where role in %s", [list(roles.ARCHIVE_ROLES)])
	frappe.db.set_value("Onboarding Step", "Add Users with Roles", "is_complete", 0)
	make_user("Blogger", prefix="other")  # no archive role: nothing to tick
	assert "Add Users with Roles" not in done()
	user = frappe.get_doc("User", make_user(prefix="later"))
	user.add_roles(roles.ARCHIVE_READER)  # as the administrator does in the user's form
	assert "Add Users with Roles" in done()


def test_the_demo_ticks_the_steps_it_does(no_masters):
	build_demo(items=2, seed=1)
	assert {"Create the Fonds", "Create the Filing Units"} <= done()


def test_the_only_fonds_is_the_default_of_every_new_record(no_masters):
	first = make_fonds()
	assert frappe.new_doc("Archive Item").fonds == first
	assert frappe.new_doc("Dossier").fonds == first
	second = make_fonds()
	assert frappe.new_doc("Archive Item").fonds is None
	frappe.delete_doc("Fonds", second)
	assert frappe.new_doc("Archive Item").fonds == first
