"""The declared permission matrix (archive_mgmt/permission_matrix.csv) is what the live site enforces."""

import csv
from pathlib import Path

import frappe

import archive_mgmt

MATRIX = Path(archive_mgmt.__file__).parent / "permission_matrix.csv"
RIGHTS = ("read", "write", "create", "delete", "export", "print", "share")


def declared() -> dict:
	with MATRIX.open(encoding="utf-8") as fh:
		return {(r["doctype"], r["role"]): {k: int(r[k]) for k in RIGHTS} for r in csv.DictReader(fh)}


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("archive_mgmt")), "istable": 0},
		pluck="name",
		order_by="name",
	)


def live() -> dict:
	out = {}
	for doctype in app_doctypes():
		for perm in frappe.get_meta(doctype).permissions:
			if perm.permlevel:
				continue
			rights = out.setdefault((doctype, perm.role), dict.fromkeys(RIGHTS, 0))
			for k in RIGHTS:
				rights[k] = rights[k] or int(perm.get(k) or 0)
	return out


def test_every_doctype_of_the_app_is_declared():
	assert set(app_doctypes()) == {doctype for doctype, _role in declared()}


def test_the_site_grants_exactly_what_the_matrix_declares():
	expected, actual = declared(), live()
	assert set(actual) == set(expected), set(actual) ^ set(expected)
	for key, rights in expected.items():
		assert actual[key] == rights, key


def test_frappe_resolves_the_matrix_for_a_user_of_each_role():
	from archive_mgmt.roles import ALL_ROLES
	from tests.integration.factories import make_user

	matrix = declared()
	for role in ALL_ROLES:
		user = make_user(role, prefix="matrix")
		for doctype in app_doctypes():
			perms = frappe.permissions.get_role_permissions(doctype, user=user)
			want = matrix.get((doctype, role), dict.fromkeys(RIGHTS, 0))
			for right in ("read", "write", "create", "delete", "export", "print"):
				assert bool(perms.get(right)) == bool(want[right]), (role, doctype, right)


def test_no_one_may_share_archive_items_or_dossiers():
	for (doctype, role), rights in declared().items():
		if doctype in ("Archive Item", "Dossier"):
			assert not rights["share"], role


def test_no_one_may_write_or_delete_the_access_log():
	for (doctype, role), rights in declared().items():
		if doctype == "Archive Access Log":
			assert role in ("Archive Manager", "Principal", "Security Auditor")
			assert not (rights["write"] or rights["create"] or rights["delete"])
