"""Builders for integration tests: real documents on the real site, inside the test's transaction."""

import random
import string
from contextlib import contextmanager
from types import SimpleNamespace
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow

from archive_mgmt import roles


def code(length=4) -> str:
	return "".join(random.choices(string.ascii_uppercase + string.digits, k=length))


# Frappe's User.validate rewrites the site-wide default "email_user_password" (the users whose e-mail account
# awaits a password) on every save, and a change of a site-wide default clears the whole site cache: every
# DocType's meta is then read again from the database, about 2 s for each user made. The test users have no
# e-mail account, so the default would be written unchanged; the factory leaves that write out.
UNCHANGED_EMAIL_DEFAULT = "frappe.core.doctype.user.user.ask_pass_update"


def make_user(*role_names, units=(), prefix="u") -> str:
	email = f"{prefix}-{frappe.generate_hash(length=10)}@archive.test"
	with patch(UNCHANGED_EMAIL_DEFAULT):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": prefix,
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": r} for r in role_names],
			}
		).insert(ignore_permissions=True)
	for unit in units:
		frappe.get_doc(
			{"doctype": "User Permission", "user": user.name, "allow": "Filing Unit", "for_value": unit}
		).insert(ignore_permissions=True)
	return user.name


def set_clearance(user: str, level: str) -> None:
	"""As the archive manager would: create or change the user's Archive Clearance."""
	if frappe.db.exists("Archive Clearance", user):
		doc = frappe.get_doc("Archive Clearance", user)
		doc.clearance = level
		doc.save()
	else:
		frappe.get_doc({"doctype": "Archive Clearance", "user": user, "clearance": level}).insert()


def make_approver(*role_names, prefix="u", clearance="绝密") -> str:
	"""A user who approves or appraises documents listing archive items: the archive manager clears them
	for what they are to decide on (绝密 unless told)."""
	user = make_user(*role_names, prefix=prefix)
	if not set(role_names) & set(roles.DUTIES):  # the separated duties read nothing above 公开 (三员分立)
		set_clearance(user, clearance)
	return user


@contextmanager
def as_user(user: str):
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def make_fonds() -> str:
	fonds = code(4)
	while frappe.db.exists("Fonds", fonds):
		fonds = code(4)
	frappe.get_doc({"doctype": "Fonds", "fonds_code": fonds, "fonds_name": f"测试全宗{fonds}"}).insert()
	return fonds


def make_unit(fonds=None) -> str:
	unit = "U" + code(5)
	frappe.get_doc(
		{"doctype": "Filing Unit", "unit_code": unit, "unit_name": f"部门{unit}", "fonds": fonds}
	).insert()
	return unit


def make_world():
	fonds = make_fonds()
	unit, other_unit = make_unit(fonds), make_unit(fonds)
	return SimpleNamespace(
		fonds=fonds,
		unit=unit,
		other_unit=other_unit,
		clerk=make_user(roles.DEPARTMENTAL_ARCHIVIST, units=[unit], prefix="clerk"),
		other_clerk=make_user(roles.DEPARTMENTAL_ARCHIVIST, units=[other_unit], prefix="clerk2"),
		manager=make_user(roles.ARCHIVE_MANAGER, prefix="manager"),
		reader=make_user(roles.ARCHIVE_READER, prefix="reader"),
	)


def item_values(world, **values) -> dict:
	return {
		"doctype": "Archive Item",
		"fonds": world.fonds,
		"category": "WS",
		"year": 2024,
		"filing_unit": world.unit,
		"title": "关于开展档案检查工作的通知",
		"responsible_party": "办公室",
		"doc_number": "办发〔2024〕1号",
		"doc_date": "2024-03-01",
		"pages": 3,
		"secrecy_level": "内部",
		"open_status": "控制",
		"carrier": "纸质",
		**values,
	}


def make_item(world, **values):
	return frappe.get_doc(item_values(world, **values)).insert()


def act(doc, action: str):
	"""Apply a workflow action as the current user, as the desk and REST do."""
	return apply_workflow(doc.as_dict(), action)


def file_item(world, doc):
	"""Submit (as the unit's clerk, if they made it) and file (as the archive manager)."""
	with as_user(world.manager):
		return act(frappe.get_doc("Archive Item", doc.name), "File to Archive")


def make_filed_item(world, **values):
	with as_user(world.manager):
		doc = make_item(world, **values)
		return act(doc, "File to Archive")


def make_handover(world, items, **values):
	"""A handover list of the world's unit, made by its clerk."""
	with as_user(world.clerk):
		return frappe.get_doc(
			{
				"doctype": "Handover List",
				"filing_unit": world.unit,
				"period_from": "2024-01-01",
				"period_to": "2024-12-31",
				"items": [{"archive_item": i.name} for i in items],
				**values,
			}
		).insert()


def make_dossier(world, items=(), **values):
	"""A permanent 2024 dossier of the world's unit holding ``items`` (documents or names), as the current user."""
	return frappe.get_doc(
		{
			"doctype": "Dossier",
			"title": "2024年档案工作",
			"fonds": world.fonds,
			"category": "WS",
			"year": 2024,
			"retention_period": "Y",
			"filing_unit": world.unit,
			"items": [{"archive_item": getattr(i, "name", i)} for i in items],
			**values,
		}
	).insert()


def make_box(**values):
	"""An archive box (an Archive Location of type 盒) with a fresh code."""
	box = f"H{code(6)}"
	return frappe.get_doc(
		{
			"doctype": "Archive Location",
			"location_code": box,
			"location_name": f"{box}号档案盒",
			"location_type": "盒",
			**values,
		}
	).insert()


def run_app_reports_at_once() -> None:
	"""Frappe turns a Script Report into a prepared (background) report for good once one run takes over 15 s
	(Report.execute_script_report); on a loaded test machine that happens, and the tests of the reports, in the
	desk and through query_report.run, expect the app's reports to run at once. Test sites only."""
	report = frappe.qb.DocType("Report")
	frappe.qb.update(report).set(report.prepared_report, 0).where(
		report.module.isin(frappe.get_module_list("archive_mgmt")) & (report.prepared_report == 1)
	).run()
