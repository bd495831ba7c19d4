"""Integration tier: pytest against a real Frappe site (MariaDB, Redis), every test rolled back.

The bench is ARCHIVE_MGMT_BENCH (default ~/frappe-bench), the site ARCHIVE_MGMT_SITE (default
test.localhost). The checkout under test is put first on sys.path, so it is what runs, whatever
the bench's apps/archive_mgmt points at.
"""

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = Path(os.environ.get("ARCHIVE_MGMT_BENCH", "~/frappe-bench")).expanduser()
SITE = os.environ.get("ARCHIVE_MGMT_SITE", "test.localhost")

sys.path.insert(0, str(REPO))

import frappe  # noqa: E402


def connect():
	os.chdir(BENCH / "sites")
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")


@pytest.fixture(scope="session", autouse=True)
def site():
	if not (BENCH / "sites" / SITE / "site_config.json").exists():
		pytest.exit(
			f"No site {SITE} in bench {BENCH}: set ARCHIVE_MGMT_BENCH and ARCHIVE_MGMT_SITE", returncode=3
		)
	connect()
	from tests.integration.factories import run_app_reports_at_once

	run_app_reports_at_once()
	frappe.db.commit()
	yield
	frappe.db.rollback()
	frappe.destroy()


@pytest.fixture(autouse=True)
def rollback(site):
	"""Each test runs in a transaction that is rolled back, as Administrator unless it says otherwise."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.message_log = []
	forget_request_caches()
	yield
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.message_log = []
	forget_request_state()


def forget_request_state():
	"""What a test may leave behind that the next request would not inherit: the language it read in
	(a test that reads in Chinese must not make the next one's messages Chinese) and the response it built
	(a download's file content)."""
	frappe.local.lang = "en"
	frappe.local.lang_full_dict = None
	frappe.local.jenv = None
	frappe.local.response = frappe._dict({"docs": []})
	# a report the test ran straight through query_report.run and that raised (a refusal, a bad filter) leaves
	# Frappe's watcher armed, which would make the report a background one for the tests that follow (the desk's
	# path cancels it: api/statistics.run_report)
	from archive_mgmt.reports import cancel_prepared_report_watchers

	cancel_prepared_report_watchers()


def forget_request_caches():
	"""As if each test were a request of its own: values cached in this process (a Single's fields, the
	request cache) may belong to a transaction that was rolled back."""
	frappe.db.value_cache.clear()
	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()


@pytest.fixture
def world():
	"""A fonds, two filing units and the users of the filing process, made inside the test's transaction."""
	from tests.integration.factories import make_world

	return make_world()


# Figures a test reports for the run's log (pytest captures what tests print): shown at the end of the run.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter):
	for line in FIGURES:
		terminalreporter.write_line(line)
