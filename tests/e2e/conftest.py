"""End-to-end tier: the desk in a real browser (Python Playwright driving the system Chromium).

The site is ARCHIVE_MGMT_E2E_SITE (default e2e.localhost) in the bench ARCHIVE_MGMT_BENCH (default
~/frappe-bench); tests/run creates, installs and migrates it. This conftest starts `bench serve` for the
site on a free port and the realtime server (node apps/frappe/socketio.js) on another, opens Chromium
with the flags below, and logs in as real role users whose desk language is Chinese.

Every flow keeps a screenshot of its final screen in tests/e2e/screenshots/<run id>/ (printed at the
end), and fails on any JavaScript error: an uncaught exception (pageerror) or a console message of type
error. Nothing is whitelisted silently: see ALLOWED_CONSOLE_ERRORS.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = Path(os.environ.get("ARCHIVE_MGMT_BENCH", "~/frappe-bench")).expanduser()
SITE = os.environ.get("ARCHIVE_MGMT_E2E_SITE", "e2e.localhost")
CHROMIUM = os.environ.get("ARCHIVE_MGMT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
RUN_ID = os.environ.get("ARCHIVE_MGMT_E2E_RUN_ID") or time.strftime("%Y%m%d-%H%M%S")
SHOTS = REPO / "tests" / "e2e" / "screenshots" / RUN_ID

# Console errors that are not ours and not a fault, each matched narrowly (a substring of the message).
# Keep this empty unless a Frappe message is proven harmless; say why beside it.
ALLOWED_CONSOLE_ERRORS: list[str] = []

sys.path.insert(0, str(REPO))

import frappe  # noqa: E402


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, log: Path, seconds: int = 90) -> None:
	deadline = time.time() + seconds
	while time.time() < deadline:
		if proc.poll() is not None:
			raise RuntimeError(f"server exited ({proc.returncode}); see {log}:\n{log.read_text()[-3000:]}")
		try:
			with urllib.request.urlopen(url, timeout=5) as r:
				if r.status == 200:
					return
		except OSError:
			time.sleep(0.5)
	raise RuntimeError(f"{url} did not answer in {seconds} s; see {log}")


def stop(proc: subprocess.Popen) -> None:
	if proc.poll() is None:
		proc.terminate()
		try:
			proc.wait(10)
		except subprocess.TimeoutExpired:
			proc.kill()


@pytest.fixture(scope="session")
def site():
	"""A connection to the e2e site for seeding data; every seed is committed so the server sees it."""
	if not (BENCH / "sites" / SITE / "site_config.json").exists():
		pytest.exit(
			f"No site {SITE} in bench {BENCH}: run tests/run or set ARCHIVE_MGMT_E2E_SITE", returncode=3
		)
	os.chdir(BENCH / "sites")
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	frappe.set_user("Administrator")
	yield SITE
	frappe.db.rollback()
	frappe.destroy()


@pytest.fixture(scope="session")
def server(site):
	"""`bench serve` for the site and the realtime server, on free ports; the base URL."""
	from frappe.installer import update_site_config

	SHOTS.mkdir(parents=True, exist_ok=True)
	web_port, socketio_port = free_port(), free_port()
	update_site_config(
		"socketio_port", socketio_port, site_config_path=str(BENCH / "sites" / SITE / "site_config.json")
	)
	env = {
		**os.environ,
		"PYTHONPATH": str(REPO),
		"CI": "1",
		# DEV_SERVER (as `bench start` sets it) makes the desk reach the realtime server on its own port.
		"DEV_SERVER": "1",
		"FRAPPE_SOCKETIO_PORT": str(socketio_port),
	}
	web_log, io_log = SHOTS / "server.log", SHOTS / "socketio.log"
	realtime = subprocess.Popen(
		["node", "apps/frappe/socketio.js"],
		cwd=BENCH,
		env=env,
		stdout=io_log.open("w"),
		stderr=subprocess.STDOUT,
	)
	serve = [str(BENCH / "env/bin/python"), "-m", "frappe.utils.bench_helper", "frappe", "--site", SITE]
	web = subprocess.Popen(
		[*serve, "serve", "--port", str(web_port), "--noreload"],
		cwd=BENCH / "sites",
		env=env,
		stdout=web_log.open("w"),
		stderr=subprocess.STDOUT,
	)
	base = f"http://{SITE}:{web_port}"
	try:
		wait_http(f"{base}/api/method/ping", web, web_log)
		yield base
	finally:
		stop(web)
		stop(realtime)


@pytest.fixture(scope="session")
def browser(server):
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
		yield b
		b.close()


@pytest.fixture(scope="session")
def people(site):
	"""The role users of every flow (desk in Chinese), made once per site."""
	from tests.e2e import seed

	return seed.people()


@pytest.fixture
def desk(browser, server, request):
	"""desk.login(user) -> a Desk on a fresh browser context; JavaScript errors fail the test."""
	from tests.e2e.desk import Desk

	opened: list[Desk] = []

	def login(user: str) -> Desk:
		d = Desk.login(browser, server, user)
		opened.append(d)
		return d

	yield login
	failed = getattr(request.node, "rep_call", None)
	if failed is not None and failed.failed:
		for n, d in enumerate(opened):
			d.page.screenshot(path=str(SHOTS / f"FAILED-{request.node.name}-{n}.png"), full_page=True)
	errors = [e for d in opened for e in d.errors if not any(a in e for a in ALLOWED_CONSOLE_ERRORS)]
	for d in opened:
		d.close()
	assert not errors, "JavaScript errors in the browser:\n" + "\n".join(errors)


@pytest.fixture
def shot(request):
	"""shot(desk, name): keep a screenshot of the flow's final screen in this run's folder."""

	def take(d, name: str | None = None) -> Path:
		path = SHOTS / f"{name or request.node.name}.png"
		d.page.screenshot(path=str(path), full_page=True)
		return path

	return take


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
	rep = yield
	setattr(item, f"rep_{rep.when}", rep)
	return rep


def pytest_terminal_summary(terminalreporter):
	if SHOTS.exists():
		terminalreporter.write_line(f"e2e screenshots: {SHOTS}")
