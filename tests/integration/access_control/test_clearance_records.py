"""Archive Clearance: defaults by role, set by the security officer only, never raised by oneself."""

import frappe
import pytest

from archive_mgmt import roles
from archive_mgmt.access_control import clearance
from archive_mgmt.exceptions import ClearanceError
from tests.integration.clearance_factories import set_clearance
from tests.integration.factories import as_user, make_user

# Every archive DocType keeps its history; child tables ride on their parent's, the code counter is an
# internal sequence and the access log is itself the record (and never changes).
# Internal counters (numbering, statistics) and the log itself: a Version per change would be noise.
UNTRACKED = {"Archive Code Sequence", "Archive Statistic", "Archive Access Log", "Audit Chain Anchor"}


def test_defaults_by_role():
	assert clearance.user_clearance("Administrator") == "绝密"
	assert clearance.user_clearance(make_user(roles.ARCHIVE_MANAGER)) == "绝密"
	assert clearance.user_clearance(make_user(roles.PRINCIPAL)) == "绝密"
	assert clearance.user_clearance(make_user(roles.DEPARTMENTAL_ARCHIVIST)) == "内部"
	assert clearance.user_clearance(make_user(roles.ARCHIVE_READER)) == "内部"
	assert clearance.user_clearance(make_user("Blogger")) == "内部"  # any desk user is staff
	website = frappe.get_doc(
		{
			"doctype": "User",
			"email": f"w-{frappe.generate_hash(length=8)}@archive.test",
			"first_name": "w",
			"user_type": "Website User",
			"send_welcome_email": 0,
		}
	).insert(ignore_permissions=True)
	assert clearance.user_clearance(website.name) == "公开"


def test_the_security_officer_sets_a_clearance_that_takes_effect(world):
	clerk, officer = world.clerk, make_user(roles.SECURITY_OFFICER)
	with as_user(officer):
		set_clearance(clerk, "机密")
	assert clearance.user_clearance(clerk) == "机密"
	with as_user(officer):
		set_clearance(clerk, "公开")
	assert clearance.user_clearance(clerk) == "公开"


def test_only_the_security_officer_sets_clearances(world):
	director = make_user(roles.OFFICE_DIRECTOR)
	with as_user(director):
		with pytest.raises(frappe.PermissionError):
			set_clearance(world.clerk, "机密")
	for user in (make_user(roles.PRINCIPAL), world.manager):  # the archive manager no longer does
		with as_user(user):
			with pytest.raises((frappe.PermissionError, ClearanceError)):
				set_clearance(world.clerk, "机密")
	assert not frappe.db.exists("Archive Clearance", world.clerk)


def test_nobody_raises_their_own_clearance(world):
	officer = make_user(roles.SECURITY_OFFICER)
	with as_user(officer):
		set_clearance(officer, "公开")  # setting one's own without raising it is allowed
		with pytest.raises(ClearanceError):
			set_clearance(officer, "内部")
	assert frappe.db.get_value("Archive Clearance", officer, "clearance") == "公开"


def test_a_clearance_change_is_tracked(world):
	with as_user(make_user(roles.SECURITY_OFFICER)):
		set_clearance(world.clerk, "秘密")
		doc = frappe.get_doc("Archive Clearance", world.clerk)
		doc.clearance = "机密"
		doc.save(ignore_version=False)
	versions = frappe.get_all("Version", filters={"ref_doctype": "Archive Clearance", "docname": world.clerk})
	assert versions


def test_every_archive_doctype_tracks_changes():
	doctypes = frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("archive_mgmt")), "istable": 0},
		fields=["name", "track_changes"],
	)
	assert {d.name for d in doctypes if not d.track_changes} == UNTRACKED
	assert {
		"Archive Item",
		"Dossier",
		"Loan Request",
		"Destruction Batch",
		"Handover List",
		"Archive Clearance",
		"Fonds",
		"Archive Settings",
	} <= {d.name for d in doctypes if d.track_changes}


def test_a_clerk_makes_a_dossier_of_internal_items_but_not_a_secret_item(world):
	from tests.integration.factories import make_item

	with as_user(world.clerk):
		item = make_item(world)
		dossier = frappe.get_doc(
			{
				"doctype": "Dossier",
				"title": "内部案卷",
				"fonds": world.fonds,
				"category": "WS",
				"year": 2024,
				"retention_period": "D30",
				"filing_unit": world.unit,
				"items": [{"archive_item": item.name}],
			}
		).insert()
		assert dossier.secrecy_level == "内部"
		with pytest.raises(frappe.PermissionError):
			make_item(world, secrecy_level="秘密")
	assert not frappe.db.exists("Archive Item", {"fonds": world.fonds, "secrecy_level": "秘密"})
