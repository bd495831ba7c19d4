"""Frappe's CLI and site scripts run as bench runs them, in a process of their own, with a given checkout of
the app on PYTHONPATH (this one unless a test says otherwise)."""

import json
import os
import subprocess
from pathlib import Path

from tests.integration.conftest import BENCH, REPO

ROOT_PASSWORD = os.environ.get("ARCHIVE_MGMT_DB_ROOT_PASSWORD", "root")


def run(*args, script: str | None = None, code: Path = REPO, timeout: int = 900) -> str:
	"""`frappe <args>` (or ``script`` with ``args`` as its argv) from the bench's sites folder; its stdout."""
	command = [str(BENCH / "env" / "bin" / "python")]
	command += ["-c", script, *args] if script else ["-m", "frappe.utils.bench_helper", "frappe", *args]
	result = subprocess.run(
		command,
		cwd=BENCH / "sites",
		env={**os.environ, "PYTHONPATH": str(code)},
		capture_output=True,
		text=True,
		timeout=timeout,
	)
	assert result.returncode == 0, f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-4000:]}"
	return result.stdout


def last_json(out: str):
	"""What a command printed last, as JSON (scripts print one JSON line after Frappe's own output)."""
	return json.loads(out.strip().splitlines()[-1])


def site_python(site: str, script: str, *args, code: Path = REPO):
	return last_json(run(site, *args, script=script, code=code))
