"""三员分立: 系统管理员 (System Manager), 安全保密员 (Security Officer), 安全审计员 (Security Auditor).

Each refusal is tried on the path it guards, and nothing changes: no user holds two duties, nobody adds roles
to themselves (a System Manager neither), the archive's roles and clearances are the security officer's,
the three duties read nothing above 公开, and the auditor reads the trail and changes nothing.
"""

import frappe
import pytest

from archive_mgmt import roles
from archive_mgmt.access_control import clearance
from archive_mgmt.api import access_control as api
from archive_mgmt.exceptions import ClearanceError, DutySeparationError
from tests.integration.factories import as_user, make_user, set_clearance

SM, OFFICER, AUDITOR = roles.SYSTEM_MANAGER, roles.SECURITY_OFFICER, roles.SECURITY_AUDITOR


def roles_of(user):
	return set(frappe.get_all("Has Role", filters={"parent": user, "parenttype": "User"}, pluck="role"))


def role_log(user):
	return frappe.get_all(
		"Archive Access Log",
		filters={"action": "角色变更", "reference_doctype": "User", "reference_name": user},
		fields=["user", "detail"],
	)


def add_role_row(user, role):
	return frappe.get_doc(
		{"doctype": "Has Role", "parent": user, "parenttype": "User", "parentfield": "roles", "role": role}
	).insert(ignore_permissions=True)


def test_the_duties_are_roles_and_the_system_manager_is_the_first():
	assert roles.DUTIES == ("System Manager", "Security Officer", "Security Auditor")
	for role in roles.DUTIES:
		assert frappe.db.exists("Role", role)
	frappe.local.lang = "zh"
	try:
		assert [frappe._(r) for r in roles.DUTIES] == ["系统管理员", "安全保密员", "安全审计员"]
	finally:
		frappe.local.lang = "en"


@pytest.mark.parametrize("pair", [(SM, OFFICER), (SM, AUDITOR), (OFFICER, AUDITOR)])
def test_no_user_is_given_two_duties_by_saving_the_user(pair):
	user = make_user(pair[0])
	doc = frappe.get_doc("User", user)
	doc.append("roles", {"role": pair[1]})
	with pytest.raises(DutySeparationError):
		doc.save(ignore_permissions=True)
	assert roles_of(user) == {pair[0]}
	with pytest.raises(DutySeparationError):
		frappe.get_doc("User", user).add_roles(pair[1])
	assert roles_of(user) == {pair[0]}


def test_no_user_is_created_with_two_duties():
	with pytest.raises(DutySeparationError):
		make_user(OFFICER, AUDITOR, prefix="twoduties")
	assert not frappe.db.exists("User", {"name": ("like", "twoduties-%")})


def test_no_user_is_given_a_second_duty_by_a_role_row_of_its_own():
	user = make_user(AUDITOR)
	with pytest.raises(DutySeparationError):
		add_role_row(user, OFFICER)
	assert roles_of(user) == {AUDITOR}


def test_a_role_profile_never_hands_out_two_duties():
	with pytest.raises(DutySeparationError):
		frappe.get_doc(
			{
				"doctype": "Role Profile",
				"role_profile": f"两员{frappe.generate_hash(length=6)}",
				"roles": [{"role": SM}, {"role": AUDITOR}],
			}
		).insert(ignore_permissions=True)


def test_a_role_profile_applied_obeys_the_same_rules():
	profile = frappe.get_doc(
		{
			"doctype": "Role Profile",
			"role_profile": f"档案{frappe.generate_hash(length=6)}",
			"roles": [{"role": roles.ARCHIVE_MANAGER}],
		}
	).insert(ignore_permissions=True)
	sm, clerk = make_user(SM, prefix="sysadmin"), make_user("Blogger", prefix="clerk")
	with as_user(sm):
		for user in (clerk, sm):  # an archive role, to another or to oneself
			doc = frappe.get_doc("User", user)
			doc.role_profile_name = profile.name
			with pytest.raises(DutySeparationError):
				doc.save()
	assert roles_of(clerk) == {"Blogger"} and roles_of(sm) == {SM}


def test_a_system_manager_does_not_grant_themselves_archive_manager_on_any_path():
	sm = make_user(SM, prefix="sysadmin")
	with as_user(sm):
		doc = frappe.get_doc("User", sm)
		doc.append("roles", {"role": roles.ARCHIVE_MANAGER})
		with pytest.raises(DutySeparationError):
			doc.save()
		with pytest.raises(DutySeparationError):
			add_role_row(sm, roles.ARCHIVE_MANAGER)
		with pytest.raises(DutySeparationError):
			frappe.get_doc("User", sm).add_roles("Blogger")  # no role at all, to oneself
	assert roles_of(sm) == {SM}
	assert clearance.user_clearance(sm) == "公开"
	assert not clearance.sees_everything(sm)


def test_a_system_manager_does_not_grant_or_withdraw_archive_roles_of_others():
	sm, clerk = make_user(SM, prefix="sysadmin"), make_user(roles.ARCHIVE_READER, prefix="clerk")
	with as_user(sm):
		with pytest.raises(DutySeparationError):
			frappe.get_doc("User", clerk).add_roles(roles.ARCHIVE_MANAGER)
		with pytest.raises(DutySeparationError):
			frappe.get_doc("User", clerk).remove_roles(roles.ARCHIVE_READER)
		with pytest.raises(DutySeparationError):
			make_user(roles.ARCHIVE_READER, prefix="newreader")
		# the system manager's own work: users, and roles outside the archive's
		helper = make_user("Blogger", prefix="helper")
		frappe.get_doc("User", helper).add_roles(AUDITOR)
	assert roles_of(clerk) == {roles.ARCHIVE_READER}
	assert roles_of(helper) == {"Blogger", AUDITOR}


def test_the_security_officer_grants_the_archive_roles_and_the_change_is_in_the_trail():
	officer, clerk = make_user(OFFICER, prefix="officer"), make_user("Blogger", prefix="clerk")
	with as_user(officer):
		assert api.grant_archive_roles(clerk, [roles.ARCHIVE_MANAGER, roles.ARCHIVE_READER])
		assert api.archive_roles_of(clerk)["held"] == [roles.ARCHIVE_MANAGER, roles.ARCHIVE_READER]
		api.grant_archive_roles(clerk, [roles.ARCHIVE_READER])
	assert roles_of(clerk) == {"Blogger", roles.ARCHIVE_READER}
	assert [r.user for r in role_log(clerk) if r.user == officer] == [officer, officer]
	with as_user(officer):
		with pytest.raises(DutySeparationError):
			api.grant_archive_roles(officer, [roles.ARCHIVE_MANAGER])  # not to oneself
		with pytest.raises(frappe.ValidationError):
			api.grant_archive_roles(clerk, [SM])  # nor anything but the archive's roles
	assert roles_of(officer) == {OFFICER}
	with as_user(make_user(SM)), pytest.raises(frappe.PermissionError):
		api.grant_archive_roles(clerk, [roles.ARCHIVE_MANAGER])
	assert roles_of(clerk) == {"Blogger", roles.ARCHIVE_READER}


def test_the_three_duties_read_nothing_above_public():
	for role in roles.DUTIES:
		assert clearance.user_clearance(make_user(role)) == "公开"
	# an archive manager who is also a system manager (a site from before the separation) is capped too
	both = make_user(SM, roles.ARCHIVE_MANAGER)
	assert clearance.user_clearance(both) == "公开"
	assert clearance.user_clearance(make_user(roles.ARCHIVE_MANAGER)) == "绝密"
	assert clearance.user_clearance("Administrator") == "绝密"


def test_no_clearance_above_public_for_a_duty_holder():
	for role in roles.DUTIES:
		user = make_user(role)
		with pytest.raises(ClearanceError):
			set_clearance(user, "秘密")
		assert not frappe.db.exists("Archive Clearance", user)
		set_clearance(user, "公开")


def test_only_the_security_officer_sets_clearances_and_each_change_is_in_the_trail():
	officer, clerk = make_user(OFFICER), make_user(roles.DEPARTMENTAL_ARCHIVIST)
	for who in (make_user(roles.ARCHIVE_MANAGER), make_user(SM), make_user(AUDITOR)):
		with as_user(who), pytest.raises((ClearanceError, frappe.PermissionError)):
			set_clearance(clerk, "机密")
	assert not frappe.db.exists("Archive Clearance", clerk)
	with as_user(officer):
		set_clearance(clerk, "机密")
		set_clearance(clerk, "秘密")
	assert clearance.user_clearance(clerk) == "秘密"
	trail = frappe.get_all(
		"Archive Access Log",
		filters={"action": "密级授权变更", "reference_name": clerk},
		fields=["user", "detail"],
		order_by="chain_seq",
	)
	assert [(t.user, t.detail) for t in trail] == [(officer, "- → 机密"), (officer, "机密 → 秘密")]


def test_the_auditor_reads_the_trail_and_changes_nothing(world):
	auditor = make_user(AUDITOR)
	with as_user(auditor):
		assert frappe.has_permission("Archive Access Log", "read")
		assert frappe.has_permission("Audit Chain Anchor", "read")
		for doctype in ("Archive Access Log", "Audit Chain Anchor", "Archive Clearance", "Archive Item"):
			for right in ("write", "create", "delete"):
				assert not frappe.has_permission(doctype, right), (doctype, right)
		assert api.check_audit_chain()["intact"]
	for who in (make_user(SM), make_user(roles.ARCHIVE_MANAGER), make_user(OFFICER)):
		with as_user(who), pytest.raises(frappe.PermissionError):
			api.check_audit_chain()


def test_administrator_and_fixtures_still_make_users_with_archive_roles():
	user = make_user(roles.ARCHIVE_MANAGER, roles.APPRAISAL_MEMBER)
	assert roles_of(user) == {roles.ARCHIVE_MANAGER, roles.APPRAISAL_MEMBER}
	assert role_log(user)[0].user == "Administrator"


def test_the_setup_wizard_makes_its_first_user_the_system_manager_only():
	from frappe.desk.page.setup_wizard.setup_wizard import add_all_roles_to

	user = make_user(prefix="first")
	frappe.flags.in_setup_wizard = True
	try:
		add_all_roles_to(user)
	finally:
		frappe.flags.in_setup_wizard = False
	held = roles_of(user)
	assert SM in held and not held & {OFFICER, AUDITOR}
	assert clearance.user_clearance(user) == "公开"
