"""Every report opened as the desk opens it (frappe.desk.query_report.run), as each role it is made for.

``execute()`` alone misses what Frappe adds around it: the permission check on every DocType a Link
column names, user-permission filtering of the rows, the report's role list. Each report is run here as
a user holding one of its roles only, on a world that gives it rows.
"""

import json
from pathlib import Path

import frappe
import frappe.desk.query_report
import pytest

import archive_mgmt
from archive_mgmt import roles
from archive_mgmt.access_control import access_log
from archive_mgmt.api import statistics as number_cards
from archive_mgmt.preservation import fixity
from archive_mgmt.statistics.tables import TOTALS_REPORTS
from tests.integration.destruction_factories import make_expired_item
from tests.integration.factories import as_user, make_approver, make_filed_item, make_item, make_world
from tests.integration.integrity_factories import electronic_item, tamper
from tests.integration.loan_factories import issued_loan, make_loan_world

APP_DIR = Path(archive_mgmt.__file__).parent


def shipped_reports() -> dict[str, list[str]]:
	reports = {}
	for path in sorted(APP_DIR.glob("*/report/*/*.json")):
		doc = json.loads(path.read_text(encoding="utf-8"))
		if doc.get("doctype") == "Report":
			reports[doc["name"]] = [r["role"] for r in doc["roles"]]
	return reports


REPORTS = shipped_reports()
# Under 三员分立 the 系统管理员 reads nothing above 公开, so the totals reports refuse them (test_probe_reads).
CASES = [
	(report, role)
	for report, report_roles in REPORTS.items()
	for role in report_roles
	if not (report in TOTALS_REPORTS and role in roles.DUTIES)
]

# Reports whose rows the world below gives to the Archive Manager (the others count what the site holds).
WITH_ROWS = {
	"Archive Access Log",
	"Due for Appraisal",
	"Fixity Failures",
	"Loan Register",
	"Overdue Drafts",
	"Overdue Loans",
	"Storage Environment",
	"Holdings Statistics",
	"Additions Statistics",
}


@pytest.fixture
def used_world():
	"""Items filed, one expired, one lent out past its due date, a draft long overdue, a secret item viewed,
	a tampered electronic file found by the fixity audit, a storage reading."""
	w = make_loan_world(make_world())
	lent = make_filed_item(w)
	make_expired_item(w)
	secret = make_filed_item(w, secrecy_level="秘密")
	with as_user(w.manager):
		make_item(w, doc_date="2020-01-05")
		access_log.record_doc(frappe.get_doc("Archive Item", secret.name), access_log.VIEW)
		_item, pdf = electronic_item(w)
	loan = issued_loan(w, [lent.name])
	frappe.db.set_value("Loan Request", loan.name, "due_date", "2020-01-01")
	tamper(pdf)
	fixity.audit(100)
	room = f"KF-{frappe.generate_hash(length=6)}"
	frappe.get_doc(
		{"doctype": "Archive Location", "location_code": room, "location_name": room, "location_type": "库房"}
	).insert()
	frappe.get_doc(
		{"doctype": "Storage Environment Reading", "location": room, "temperature": 20, "humidity": 50}
	).insert()
	return w


def run_as(user: str, report: str) -> dict:
	with as_user(user):
		return frappe.desk.query_report.run(report, filters={})


def test_every_shipped_report_is_covered():
	assert len(REPORTS) >= 13
	assert WITH_ROWS <= set(REPORTS)


def test_each_report_opens_for_each_of_its_roles_and_shows_the_manager_rows(used_world):
	"""One world for all (making users is slow): every report as a user holding only one of its roles."""
	users = {role: make_approver(role, prefix=frappe.scrub(role)[:10]) for _r, role in CASES}
	broken = []
	for report, role in CASES:
		try:
			result = run_as(users[role], report)
		except Exception as e:
			broken.append(f"{report} as {role}: {type(e).__name__}: {e}")
			continue
		if not result["columns"] or not isinstance(result["result"], list):
			broken.append(f"{report} as {role}: no columns or rows")
	assert not broken, "\n".join(broken)

	empty = [report for report in sorted(WITH_ROWS) if not run_as(used_world.manager, report)["result"]]
	assert not empty, f"no row for the archive manager in: {empty}"
	failures = run_as(used_world.manager, "Fixity Failures")["result"]
	assert any(r["attached_to_doctype"] == "Archive Item" for r in failures)


def test_a_role_the_report_is_not_for_is_refused():
	reader = make_approver("Archive Reader", prefix="reader")
	with pytest.raises(frappe.PermissionError):
		run_as(reader, "Fixity Failures")


def test_the_due_for_appraisal_card_counts_what_its_report_lists():
	w = make_loan_world(make_world())
	lent_expired = make_expired_item(w)
	make_expired_item(w)
	issued_loan(w, [lent_expired.name])
	frappe.set_user("Administrator")
	card = number_cards.due_for_appraisal()
	listed = frappe.desk.query_report.run("Due for Appraisal", filters={})["result"]
	assert any(r["archive_item"] == lent_expired.name and r["on_loan"] for r in listed)
	assert card["value"] == len(listed)
	assert card["route"] == ["query-report", "Due for Appraisal"]
