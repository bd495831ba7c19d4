"""Install on a site that already runs (with data of its own and a module map cached before the app came),
migrate twice (no error, no change, a user's edits survive), then the README's demo command, once, and
every report as the archive manager would open it.

Runs Frappe's own CLI (as bench does) against a throw-away site, with this checkout on PYTHONPATH.
"""

import json
import sys
import uuid

import frappe
import pytest

from archive_mgmt.install import CATEGORIES, RETENTION_PERIODS, RETENTION_RULES
from archive_mgmt.roles import ALL_ROLES
from archive_mgmt.rules.capture import ACCOUNTING_RETENTION
from tests.integration.bench_cli import ROOT_PASSWORD, run, site_python
from tests.integration.conftest import BENCH, REPO

SNAPSHOT = """
import json, os, sys
import frappe
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
if len(sys.argv) > 2:
	frappe.db.set_value("Archive Category", "XZ", "category_name", sys.argv[2])
	frappe.db.commit()
out = {"apps": frappe.get_installed_apps()}
for dt in ("Archive Category", "Retention Rule", "Retention Period", "Workflow", "Workflow State", "Role",
		"Workflow Action Master", "DocType"):
	out[dt] = sorted(map(list, frappe.get_all(dt, fields=["name", "modified"], as_list=True)))
out["settings"] = frappe.db.get_singles_dict("Archive Settings")
out["settings"].pop("modified", None)
out["xz"] = frappe.db.get_value("Archive Category", "XZ", "category_name")
out["workflow"] = frappe.get_doc("Workflow", "Archive Item Filing").as_dict()["transitions"].__len__()
print(json.dumps(out, default=str))
"""


def frappe_cli(*args):
	return run(*args)


# What a site in use before the app holds: a DocType of another app's (ERPNext's Location) with a record named
# as one of the demo's locations, users, and a module map cached before archive_mgmt was on the bench.
EXISTING_DATA = """
import sys
import frappe
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
frappe.get_doc({"doctype": "DocType", "name": "Location", "module": "Custom", "custom": 1, "autoname": "Prompt",
	"fields": [{"fieldname": "location_name", "label": "Location Name", "fieldtype": "Data"}],
	"permissions": [{"role": "System Manager", "read": 1, "write": 1, "create": 1}]}).insert()
frappe.get_doc({"doctype": "Location", "name": "Z109-KF1", "location_name": "Head office"}).insert()
frappe.get_doc({"doctype": "User", "email": "accounts@example.com", "first_name": "Accounts",
	"send_welcome_email": 0, "roles": [{"role": "System Manager"}]}).insert()
frappe.db.commit()
modules = frappe.cache.get_value("app_modules") or {}
frappe.cache.set_value("app_modules", {app: m for app, m in modules.items() if app != "archive_mgmt"})
print("{}")
"""

# The site's own archive before the demo: fonds J001 whose office unit has the demo's code BGS.
OWN_ARCHIVE = """
import sys
import frappe
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
frappe.set_user("Administrator")
frappe.get_doc({"doctype": "Fonds", "fonds_code": "J001", "fonds_name": "本单位"}).insert()
frappe.get_doc({"doctype": "Filing Unit", "unit_code": "BGS", "unit_name": "综合办公室", "fonds": "J001"}).insert()
item = frappe.get_doc({"doctype": "Archive Item", "fonds": "J001", "category": "XZ", "year": 2023,
	"filing_unit": "BGS", "title": "本单位已有文件", "responsible_party": "本单位", "doc_date": "2023-05-01",
	"pages": 2, "secrecy_level": "内部", "carrier": "纸质"}).insert()
frappe.db.commit()
print(json.dumps({"item": item.name}))
""".replace("import sys", "import json, sys")

# As an archive manager: what the demo made, and every report opened as the desk opens it.
AFTER_DEMO = """
import json, sys
import frappe
import frappe.desk.query_report
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
own_item = sys.argv[2]
manager = "archivist@example.com"
if not frappe.db.exists("User", manager):
	frappe.get_doc({"doctype": "User", "email": manager, "first_name": "档案管理员", "send_welcome_email": 0,
		"roles": [{"role": "Archive Manager"}]}).insert(ignore_permissions=True)
	frappe.db.commit()
items = frappe.get_all("Archive Item", filters={"fonds": "Z109"}, fields=["name", "status", "reference_code",
	"carrier", "pages"])
codes = [i.reference_code for i in items if i.reference_code]
electronic = [i.name for i in items if i.carrier == "电子"]
with_pdf = {f.attached_to_name for f in frappe.get_all("File", filters={"attached_to_doctype": "Archive Item",
	"attached_to_name": ("in", electronic or [""]), "is_private": 1}, fields=["attached_to_name"])}
reports = {}
frappe.set_user(manager)
for name in frappe.get_all("Report", filters={"module": ("in", frappe.get_module_list("archive_mgmt"))},
		pluck="name"):
	reports[name] = len(frappe.desk.query_report.run(name, filters={})["result"])
frappe.set_user("Administrator")
print(json.dumps({
	"items": len(items),
	"filed": sum(1 for i in items if i.status == "Filed"),
	"codes": codes,
	"electronic": len(electronic),
	"electronic_with_pdf": len(with_pdf),
	"dossiers": frappe.db.count("Dossier", {"fonds": "Z109"}),
	"dossier_items": frappe.db.count("Dossier Content"),
	"bgs": frappe.db.get_value("Filing Unit", "BGS", ["fonds", "unit_name"], as_dict=True),
	"own_item": frappe.db.get_value("Archive Item", own_item, ["fonds", "status", "title"], as_dict=True),
	"erp_location": frappe.db.get_value("Location", "Z109-KF1", "location_name"),
	"archive_location": frappe.db.get_value("Archive Location", "Z109-KF1", "location_name"),
	"reports": reports,
}, default=str))
"""


def snapshot(site, rename_xz=None):
	return site_python(site, SNAPSHOT, *([rename_xz] if rename_xz else []))


@pytest.fixture(scope="module")
def fresh_site():
	"""A site in use without the app, then `install-app archive_mgmt` on it, as an administrator would."""
	site = f"fresh-{uuid.uuid4().hex[:8]}.localhost"
	frappe.db.rollback()
	try:
		frappe_cli("new-site", site, "--db-root-password", ROOT_PASSWORD, "--admin-password", "admin")
		site_python(site, EXISTING_DATA)
		frappe_cli("--site", site, "install-app", "archive_mgmt")
		yield site
	finally:
		if (BENCH / "sites" / site).exists():
			frappe_cli("drop-site", site, "--db-root-password", ROOT_PASSWORD, "--force", "--no-backup")


def test_fresh_install_then_two_migrates_change_nothing(fresh_site):
	installed = snapshot(fresh_site)
	assert installed["apps"] == ["frappe", "archive_mgmt"]
	assert {c[0] for c in CATEGORIES} <= {r[0] for r in installed["Archive Category"]}
	assert set(RETENTION_PERIODS) <= {r[0] for r in installed["Retention Period"]}
	# the schedule, and the rules of 《会计档案管理办法》 the capture presets add to 会计 (KU)
	assert len(installed["Retention Rule"]) == len(RETENTION_RULES) + len(ACCOUNTING_RETENTION)
	assert set(ALL_ROLES) <= {r[0] for r in installed["Role"]}
	assert "Archive Item Filing" in {r[0] for r in installed["Workflow"]}
	assert installed["settings"]["reference_code_pattern"].startswith("{fonds}-{category}·{year}")

	edited = snapshot(fresh_site, rename_xz="行政管理（用户改名）")
	frappe_cli("--site", fresh_site, "migrate")
	first = snapshot(fresh_site)
	frappe_cli("--site", fresh_site, "migrate")
	second = snapshot(fresh_site)

	assert first["xz"] == second["xz"] == "行政管理（用户改名）"
	for key in (
		"Archive Category",
		"Retention Rule",
		"Retention Period",
		"Workflow",
		"Workflow State",
		"DocType",
	):
		assert first[key] == second[key], key
		if key != "Archive Category":
			assert edited[key] == first[key], key
	assert first["settings"] == second["settings"] == installed["settings"]


def test_the_demo_runs_once_beside_the_sites_own_data(fresh_site):
	own = site_python(fresh_site, OWN_ARCHIVE)
	out = frappe_cli("--site", fresh_site, "execute", "archive_mgmt.demo.make_demo")
	made = json.loads(out.strip().splitlines()[-1])
	assert made["created"] is True
	assert made["items"] == 300
	again = json.loads(
		frappe_cli("--site", fresh_site, "execute", "archive_mgmt.demo.make_demo").splitlines()[-1]
	)
	assert again["created"] is False

	seen = site_python(fresh_site, AFTER_DEMO, own["item"])
	assert seen["items"] == 300
	assert 0.55 < seen["filed"] / seen["items"] < 0.8
	assert seen["filed"] == made["filed"] == len(seen["codes"]) == len(set(seen["codes"]))
	assert all(c.startswith("Z109-") and "·20" in c for c in seen["codes"])
	assert seen["electronic"] > 0 and seen["electronic_with_pdf"] == seen["electronic"]
	assert seen["dossiers"] == made["dossiers"] > 0
	assert seen["dossier_items"] > seen["dossiers"]
	# the site's own data is untouched: its unit BGS, its item, ERPNext's Location of the same name
	assert seen["bgs"] == {"fonds": "J001", "unit_name": "综合办公室"}
	assert seen["own_item"] == {"fonds": "J001", "status": "Draft", "title": "本单位已有文件"}
	assert seen["erp_location"] == "Head office"
	assert seen["archive_location"] == "一号库房"
	# every report opens for the archive manager, and the demo gives the holdings ones rows
	assert len(seen["reports"]) >= 13
	for report in ("Holdings Statistics", "Additions Statistics", "Due for Appraisal", "Overdue Drafts"):
		assert seen["reports"][report] > 0, report


def test_migrating_the_test_site_is_clean():
	frappe.db.rollback()
	before = snapshot(frappe.local.site)
	frappe_cli("--site", frappe.local.site, "migrate")
	after = snapshot(frappe.local.site)
	for key in ("Archive Category", "Retention Rule", "Retention Period", "Workflow", "DocType"):
		assert before[key] == after[key], key
	assert sys.modules["archive_mgmt"].__file__.startswith(str(REPO))
