"""A site installed from the commit before the area modules (one Frappe module "Archive Management") migrates
to this checkout with every record, count, report and permission unchanged.

The old app is taken from this repository's history (git archive of OLD_COMMIT), installed on a throw-away site
with the demo data and a world of role users with filed, lent and destroyed items, all through the old code;
then the site migrates with this checkout, as `bench migrate` after `git pull` does.
"""

import json
import subprocess
import tarfile
import tempfile
import time
import uuid
from io import BytesIO
from pathlib import Path

import frappe
import pytest

from archive_mgmt.rules.capture import ACCOUNTING_RETENTION
from tests.integration.bench_cli import ROOT_PASSWORD, run, site_python
from tests.integration.conftest import BENCH, FIGURES, REPO

OLD_COMMIT = "dd9f3279cd121d87b316c5be8ddd8c175ccec5d0"  # the last commit with the single module
OLD_MODULE = "Archive Management"

# Run with the old code: the demo's masters plus a world of users whose items are filed, lent and destroyed.
OLD_WORLD = """
import json, sys
import frappe
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
frappe.set_user("Administrator")
from tests.integration.destruction_factories import approved_batch, execute, make_destruction_world
from tests.integration.destruction_factories import make_expired_item
from tests.integration.factories import as_user, make_filed_item, make_item, make_world
from tests.integration.loan_factories import issued_loan, make_loan_world
lw = make_loan_world(make_world())
lent = [make_filed_item(lw, title=f"借出文件{n}").name for n in range(2)]
issued_loan(lw, lent)
with as_user(lw.clerk):
	draft = make_item(lw, title="未归档文件").name
w = make_destruction_world()
destroyed = [make_expired_item(w, title=f"销毁文件{n}").name for n in range(2)]
execute(w, approved_batch(w, {name: "Destroy" for name in destroyed}))
frappe.db.commit()
users = {k: getattr(lw, k) for k in ("clerk", "other_clerk", "manager", "reader", "borrower", "director")}
users["appraisal_lead"] = w.lead
print(json.dumps({"users": users, "lent": lent, "destroyed": destroyed, "draft": draft}))
"""

# Run with either code: what the site holds and what each user may see, independent of the app's layout.
SNAPSHOT = """
import json, sys
import frappe
import frappe.desk.query_report
frappe.init(site=sys.argv[1], sites_path=".")
frappe.connect()
users = json.loads(sys.argv[2])
modules = frappe.get_module_list("archive_mgmt")
doctypes = frappe.get_all("DocType", filters={"module": ("in", modules), "issingle": 0}, pluck="name",
	order_by="name")
out = {"modules": modules, "doctype_modules": sorted(set(frappe.get_all("DocType",
	filters={"name": ("in", doctypes)}, pluck="module"))), "tables": {}, "perms": {}, "visible": {},
	"reports": {}}
for dt in doctypes:
	rows = frappe.db.sql(f"select * from `tab{dt}` order by name", as_dict=True)
	out["tables"][dt] = {r["name"]: r for r in rows}
	out["perms"][dt] = sorted(json.dumps({k: v for k, v in p.items() if k not in ("name", "creation",
		"modified", "modified_by", "owner", "idx")}, default=str, sort_keys=True)
		for p in frappe.get_all("DocPerm", filters={"parent": dt}, fields=["*"]))
out["workflows"] = sorted([w.name, w.document_type, w.is_active] for w in frappe.get_all("Workflow",
	filters={"document_type": ("in", doctypes)}, fields=["name", "document_type", "is_active"]))
out["counts"] = {dt: frappe.db.count(dt) for dt in ("Archive Item", "Dossier", "Loan Request",
	"Destruction Batch", "Archive Statistic", "Fixity Record", "Archive Access Log")}
out["statuses"] = dict(frappe.db.sql("select status, count(*) from `tabArchive Item` group by status"))
for key, user in users.items():
	frappe.set_user(user)
	out["visible"][key] = {dt: sorted(frappe.get_list(dt, pluck="name", limit_page_length=0))
		if frappe.has_permission(dt, "read") else "refused"
		for dt in ("Archive Item", "Dossier", "Loan Request", "Destruction Batch", "Handover List")}
	if key == "manager":
		for name in frappe.get_all("Report", filters={"module": ("in", modules)}, pluck="name"):
			# a tree's group rows (馆藏统计 heads its classes with their 门类 since) are headings, not rows
			out["reports"][name] = sum(1 for r in frappe.desk.query_report.run(name, filters={})["result"]
				if not (isinstance(r, dict) and r.get("is_group")))
frappe.set_user("Administrator")
out["old_module_def"] = bool(frappe.db.exists("Module Def", "Archive Management"))
print(json.dumps(out, default=str))
"""


@pytest.fixture(scope="module")
def old_code():
	"""The app as it was at OLD_COMMIT, from this repository's history."""
	archive = subprocess.run(
		["git", "-C", str(REPO), "archive", "--format=tar", OLD_COMMIT], capture_output=True, timeout=120
	)
	if archive.returncode:
		pytest.fail(
			f"commit {OLD_COMMIT} is not in this clone (a shallow clone?): {archive.stderr.decode()[-300:]}"
		)
	with tempfile.TemporaryDirectory(prefix="archive_mgmt-old-") as tmp:
		with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
			tar.extractall(tmp, filter="data")
		yield Path(tmp)


@pytest.fixture(scope="module")
def migrated(old_code):
	"""Old app installed, demo and world made, snapshot; then migrate with this checkout, snapshot."""
	site = f"upgrade-{uuid.uuid4().hex[:8]}.localhost"
	frappe.db.rollback()
	try:
		run("new-site", site, "--db-root-password", ROOT_PASSWORD, "--admin-password", "admin", code=old_code)
		run("--site", site, "install-app", "archive_mgmt", code=old_code)
		run("--site", site, "execute", "archive_mgmt.demo.make_demo", code=old_code)
		world = site_python(site, OLD_WORLD, code=old_code)
		users = json.dumps(world["users"])
		before = site_python(site, SNAPSHOT, users, code=old_code)
		started = time.monotonic()
		run("--site", site, "migrate")
		seconds = time.monotonic() - started
		after = site_python(site, SNAPSHOT, users)
		run("--site", site, "migrate")
		again = site_python(site, SNAPSHOT, users)
		FIGURES.append(f"migrate of a site from {OLD_COMMIT[:7]} to the area modules: {seconds:.1f} s")
		yield world, before, after, again
	finally:
		if (BENCH / "sites" / site).exists():
			run("drop-site", site, "--db-root-password", ROOT_PASSWORD, "--force", "--no-backup")


def test_the_old_site_had_the_single_module_and_real_data(migrated):
	world, before, _after, _again = migrated
	assert before["modules"] == [OLD_MODULE] and before["doctype_modules"] == [OLD_MODULE]
	assert before["statuses"]["On Loan"] >= len(world["lent"]) and before["statuses"]["Destroyed"] >= 2
	assert world["draft"] in before["visible"]["clerk"]["Archive Item"]
	assert before["counts"]["Archive Item"] >= 300 and before["counts"]["Dossier"] > 0


# What changed on purpose since OLD_COMMIT: the DocTypes and reports added since (the audit chain of issue 16,
# capture of issue 19, the full-text index of issue 18, the office's 收发文 of issue 20), and the permissions
# that moved: 三员分立 (clearances are the security officer's; the security auditor reads the access log) and
# the office's registry clerk and handler, who pick filing units.
NEW_DOCTYPES = {
	"Audit Chain Anchor",
	"Archive Capture Rule",
	"Capture Batch",
	"Capture Batch Document",
	"Archive Full Text",
	"Archive Full Text Page",
	"Incoming Office Document",
	"Outgoing Office Document",
	"Office Countersign",
	"Office Document Reader",
	"Office Supervision Round",
	"Outgoing Document Recipient",
}
NEW_REPORTS = {
	"Incoming Document Register",
	"Outgoing Document Register",
	"Supervision Ledger",
	"Handling Timeliness",
}
NEW_WORKFLOWS = {"Incoming Document Handling", "Outgoing Document Handling"}
PERMISSIONS_CHANGED = {"Archive Clearance", "Archive Access Log", "Filing Unit"}


def kept(by_doctype: dict, leave_out=frozenset()) -> dict:
	return {dt: v for dt, v in by_doctype.items() if dt not in NEW_DOCTYPES | set(leave_out)}


def as_they_were(rows: dict, old_rows: dict) -> dict:
	"""Each old record with the columns it had (a migrate adds the columns of new fields)."""
	return {name: {column: rows[name].get(column) for column in row} for name, row in old_rows.items()}


def test_every_record_and_count_is_unchanged(migrated):
	_world, before, after, again = migrated
	assert set(after["tables"]) - set(before["tables"]) == NEW_DOCTYPES
	for doctype, old_rows in before["tables"].items():
		rows = after["tables"][doctype]
		added = set(rows) - set(old_rows)
		# the only records a migrate adds: the retention rules of 《会计档案管理办法》 (the capture presets)
		assert len(added) == (len(ACCOUNTING_RETENTION) if doctype == "Retention Rule" else 0), doctype
		assert set(old_rows) <= set(rows), doctype
		assert as_they_were(rows, old_rows) == old_rows, doctype
	assert after["counts"] == before["counts"] and after["statuses"] == before["statuses"]
	assert again["tables"] == after["tables"]


def test_every_permission_and_what_each_user_sees_is_unchanged(migrated):
	_world, before, after, _again = migrated
	assert kept(after["perms"], PERMISSIONS_CHANGED) == kept(before["perms"], PERMISSIONS_CHANGED)
	assert [w for w in after["workflows"] if w[0] not in NEW_WORKFLOWS] == before["workflows"]
	assert {w[0] for w in after["workflows"]} - {w[0] for w in before["workflows"]} == NEW_WORKFLOWS
	assert after["visible"] == before["visible"]
	assert after["visible"]["reader"]["Archive Item"] != after["visible"]["manager"]["Archive Item"]


def test_every_report_opens_with_the_same_rows(migrated):
	_world, before, after, _again = migrated
	assert len(before["reports"]) >= 13
	assert set(after["reports"]) - set(before["reports"]) == NEW_REPORTS
	assert {name: rows for name, rows in after["reports"].items() if name in before["reports"]} == before[
		"reports"
	]


def test_the_records_live_in_the_area_modules_and_the_old_module_is_gone(migrated):
	_world, before, after, again = migrated
	assert after["modules"] == list(frappe.get_module_list("archive_mgmt"))
	assert set(after["doctype_modules"]) == set(frappe.get_module_list("archive_mgmt"))
	assert not after["old_module_def"] and not again["old_module_def"]
	assert before["old_module_def"]
