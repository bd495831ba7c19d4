import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import frappe
import pytest


@pytest.fixture(scope="session", autouse=True)
def capture_doctypes(site):
	"""The business DocTypes the capture tests submit (made once, committed: DDL cannot roll back), and a
	module map that knows the Capture module (a bench whose apps/archive_mgmt was linked to an older
	checkout may have cached one without it)."""
	from archive_mgmt.install import refresh_module_map
	from tests.integration.capture.capture_factories import ensure_doctypes

	refresh_module_map()
	ensure_doctypes()


class QuietHandler(SimpleHTTPRequestHandler):
	def log_message(self, *args):
		pass


@pytest.fixture(scope="session")
def assets_url(site):
	"""The site's /assets served as the web server serves them: the PDF of a captured document links
	print.bundle.css by the site's URL, which wkhtmltopdf fetches (tests/integration/app/test_print_pdf.py)."""
	if not shutil.which("wkhtmltopdf"):
		pytest.fail("wkhtmltopdf is not installed (scripts/setup-bench installs Debian's package)")
	handler = functools.partial(QuietHandler, directory=str(Path(frappe.get_site_path()).parent))
	server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
	threading.Thread(target=server.serve_forever, daemon=True).start()
	yield f"http://127.0.0.1:{server.server_address[1]}"
	server.shutdown()


@pytest.fixture(autouse=True)
def served_site(assets_url, monkeypatch):
	monkeypatch.setitem(frappe.local.conf, "host_name", assets_url)
