"""Install on a fresh site, then migrate twice: no error, no change, and a user's edits survive.

Runs Frappe's own CLI (as bench does) against a throw-away site, with this checkout on PYTHONPATH.
"""

import json
import os
import subprocess
import sys
import uuid

import frappe
import pytest

from archive_mgmt.install import CATEGORIES, RETENTION_PERIODS, RETENTION_RULES
from archive_mgmt.roles import ALL_ROLES
from tests.integration.conftest import BENCH, REPO

ROOT_PASSWORD = os.environ.get("ARCHIVE_MGMT_DB_ROOT_PASSWORD", "root")

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
	env = {**os.environ, "PYTHONPATH": str(REPO)}
	result = subprocess.run(
		[str(BENCH / "env" / "bin" / "python"), "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=BENCH / "sites",
		env=env,
		capture_output=True,
		text=True,
		timeout=600,
	)
	assert result.returncode == 0, (
		f"frappe {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
	)
	return result.stdout


def snapshot(site, rename_xz=None):
	args = [str(BENCH / "env" / "bin" / "python"), "-c", SNAPSHOT, site] + ([rename_xz] if rename_xz else [])
	result = subprocess.run(
		args, cwd=BENCH / "sites", env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True
	)
	assert result.returncode == 0, result.stderr[-3000:]
	return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def fresh_site():
	site = f"fresh-{uuid.uuid4().hex[:8]}.localhost"
	frappe.db.rollback()
	try:
		frappe_cli(
			"new-site",
			site,
			"--db-root-password",
			ROOT_PASSWORD,
			"--admin-password",
			"admin",
			"--install-app",
			"archive_mgmt",
		)
		yield site
	finally:
		if (BENCH / "sites" / site).exists():
			frappe_cli("drop-site", site, "--db-root-password", ROOT_PASSWORD, "--force", "--no-backup")


def test_fresh_install_then_two_migrates_change_nothing(fresh_site):
	installed = snapshot(fresh_site)
	assert installed["apps"] == ["frappe", "archive_mgmt"]
	assert {c[0] for c in CATEGORIES} <= {r[0] for r in installed["Archive Category"]}
	assert set(RETENTION_PERIODS) <= {r[0] for r in installed["Retention Period"]}
	assert len(installed["Retention Rule"]) == len(RETENTION_RULES)
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


def test_migrating_the_test_site_is_clean():
	frappe.db.rollback()
	before = snapshot(frappe.local.site)
	frappe_cli("--site", frappe.local.site, "migrate")
	after = snapshot(frappe.local.site)
	for key in ("Archive Category", "Retention Rule", "Retention Period", "Workflow", "DocType"):
		assert before[key] == after[key], key
	assert sys.modules["archive_mgmt"].__file__.startswith(str(REPO))
