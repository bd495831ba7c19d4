"""The benchmarks' one way onto a site: the bench is ARCHIVE_MGMT_BENCH (default ~/frappe-bench)."""

import os
from pathlib import Path

import frappe


def connect(site: str) -> None:
	"""Connect to the site as Administrator, from the bench's sites folder."""
	sites = Path(os.environ.get("ARCHIVE_MGMT_BENCH", "~/frappe-bench")).expanduser() / "sites"
	os.chdir(sites)
	frappe.init(site=site, sites_path=str(sites))
	frappe.connect()
	frappe.set_user("Administrator")
