"""Data for the browser flows, written to the e2e site and committed (the server must see it).

The people and the fonds are made once per site and reused; each flow makes its own items, whose titles
carry a fresh token so that a flow finds exactly what it made.
"""

from types import SimpleNamespace

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils.password import update_password

from archive_mgmt import roles
from archive_mgmt.access_control import clearance
from tests.integration import factories

PASSWORD = "Archive-e2e-2024"
FONDS = "E2EA"
UNIT, OTHER_UNIT = "E2EBGS", "E2ECWB"
PEOPLE = {
	"clerk": [roles.DEPARTMENTAL_ARCHIVIST],
	"manager": [roles.ARCHIVE_MANAGER, roles.APPRAISAL_MEMBER],
	"borrower": [roles.ARCHIVE_READER],
	"outsider": [roles.ARCHIVE_READER],
	"director": [roles.OFFICE_DIRECTOR],
	"leader": [roles.LEADER_IN_CHARGE],
	"principal": [roles.PRINCIPAL],
	"appraiser": [roles.APPRAISAL_MEMBER],
	"appraiser2": [roles.APPRAISAL_MEMBER],
}
NAMES = {
	"clerk": "兼职档案员",
	"manager": "档案管理员",
	"borrower": "借阅人",
	"outsider": "普通读者",
	"director": "办公室主任",
	"leader": "主管领导",
	"principal": "单位负责人",
	"appraiser": "鉴定员",
	"appraiser2": "鉴定员乙",
	"witness1": "监销人甲",
	"witness2": "监销人乙",
	"registry": "收发员",
	"handler": "承办人",
}


def token() -> str:
	return frappe.generate_hash(length=6).upper()


def complete_setup() -> None:
	"""A site that never ran the setup wizard sends every desk route to it (and, unlike a site that ran
	it, shows no Module Onboarding). The wizard would also have set the organisation's time zone and
	language; without it the desk shows times as Asia/Kolkata."""
	frappe.db.set_single_value(
		"System Settings",
		{"setup_complete": 1, "enable_onboarding": 1, "time_zone": "Asia/Shanghai", "language": "zh"},
	)
	frappe.db.set_default("setup_complete", "1")
	frappe.db.set_default("desktop:home_page", "workspace")
	factories.run_app_reports_at_once()


def make_user(key: str, role_names) -> str:
	email = f"e2e-{key}@archive.test"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": NAMES[key],
				"language": "zh",
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": r} for r in role_names],
			}
		).insert(ignore_permissions=True)
	update_password(email, PASSWORD)
	return email


def people() -> SimpleNamespace:
	frappe.set_user("Administrator")
	complete_setup()
	if not frappe.db.exists("Fonds", FONDS):
		frappe.get_doc({"doctype": "Fonds", "fonds_code": FONDS, "fonds_name": "端到端测试单位"}).insert()
	for unit, name in ((UNIT, "办公室"), (OTHER_UNIT, "财务部")):
		if not frappe.db.exists("Filing Unit", unit):
			frappe.get_doc(
				{"doctype": "Filing Unit", "unit_code": unit, "unit_name": name, "fonds": FONDS}
			).insert()
	made = {key: make_user(key, r) for key, r in PEOPLE.items()}
	made["witnesses"] = [make_user(k, []) for k in ("witness1", "witness2")]
	# Everyone works with the default clearance of their roles (issue #21): approvers and appraisers see what
	# waits for their decision without being cleared for it. A clearance left by an earlier run is removed.
	users = [u for u in made.values() if isinstance(u, str)] + made["witnesses"]
	frappe.db.delete("Archive Clearance", {"user": ("in", users)})
	clearance.clear_cache()
	if not frappe.db.exists(
		"User Permission", {"user": made["clerk"], "allow": "Filing Unit", "for_value": UNIT}
	):
		frappe.get_doc(
			{"doctype": "User Permission", "user": made["clerk"], "allow": "Filing Unit", "for_value": UNIT}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	return SimpleNamespace(fonds=FONDS, unit=UNIT, other_unit=OTHER_UNIT, password=PASSWORD, **made)


def item(title: str, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Archive Item",
			"fonds": FONDS,
			"category": "WS",
			"year": 2024,
			"filing_unit": UNIT,
			"title": title,
			"responsible_party": "办公室",
			"doc_number": f"办发〔2024〕{frappe.generate_hash(length=3)}号",
			"doc_date": "2024-03-01",
			"pages": 3,
			"secrecy_level": "内部",
			"open_status": "控制",
			"carrier": "纸质",
			**values,
		}
	).insert()
	return doc


def filed_item(title: str, **values):
	doc = item(title, **values)
	apply_workflow(doc.as_dict(), "File to Archive")
	frappe.db.commit()
	return frappe.get_doc("Archive Item", doc.name)


def set_clearance(user: str, level: str) -> None:
	"""As the archive manager sets it in the desk (Archive Clearance), committed for the browser to see."""
	frappe.set_user("Administrator")
	factories.set_clearance(user, level)
	frappe.db.commit()


def fresh(doctype: str, name: str):
	"""The document as the server last committed it."""
	frappe.db.rollback()
	frappe.clear_document_cache(doctype, name)
	return frappe.get_doc(doctype, name)


def dossier(title: str, items) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Dossier",
			"title": title,
			"fonds": FONDS,
			"category": "WS",
			"year": 2024,
			"retention_period": "Y",
			"filing_unit": UNIT,
			"note": "本卷文件齐全，无破损。",
			"compiled_on": "2024-12-20",
			"items": [{"archive_item": i} for i in items],
		}
	).insert()
	frappe.db.commit()
	return doc.name


def search_snapshot() -> None:
	"""The search snapshot made again (as the rebuild and the hourly job make it): what is seeded so far is
	then found in it, not among the changes since."""
	from archive_mgmt.search import snapshot

	assert snapshot.build(), "the e2e site's database refused the search snapshot's triggers"


def in_days(days: int) -> str:
	return str(frappe.utils.add_days(frappe.utils.today(), days))


def free_year() -> int:
	"""A year before 2000 in which the fonds has no item yet: a flow's expired items are then all of it."""
	used = set(frappe.get_all("Archive Item", filters={"fonds": FONDS}, pluck="year", distinct=True))
	return next(y for y in range(1999, 1900, -1) if y not in used)


def expired_item(title: str, year: int, **values):
	"""A filed item whose ten-year retention ended long ago."""
	return filed_item(title, year=year, retention_period="D10", doc_date=f"{year}-03-01", **values)
