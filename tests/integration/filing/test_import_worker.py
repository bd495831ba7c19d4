"""A large catalogue goes to a real background worker (RQ on the bench's Redis), which reports its progress
over Redis to the desk's realtime channel. The worker only sees committed data, so this test commits and
cleans up after itself instead of relying on the usual rollback."""

import json
import os
import subprocess
import sys
import tempfile
import time

import frappe
from frappe.utils.background_jobs import get_job, get_queue

from archive_mgmt.api.filing import start_import
from archive_mgmt.filing import catalogue_import
from archive_mgmt.filing.catalogue_import import BACKGROUND_BYTES, MODE_FILED
from tests.integration.catalogue_files import catalogue_bytes
from tests.integration.conftest import BENCH, REPO
from tests.integration.factories import make_fonds, make_unit

ROWS = 5_000


def make_import(content: bytes) -> str:
	doc = frappe.get_doc(
		{"doctype": "Archive Catalogue Import", "mode": MODE_FILED, "import_file": "/private/files/x.xlsx"}
	).insert()
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "大目录.xlsx",
			"is_private": 1,
			"content": content,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
		}
	).insert()
	doc.db_set("import_file", file.file_url)
	return doc.name


def put_first(name: str) -> None:
	"""Move our job to the head of the long queue, so that jobs other sites left there don't delay the test."""
	job = get_job(catalogue_import.job_id(name))
	assert job is not None and job.get_status() == "queued"
	queue = get_queue("long")
	queue.remove(job)
	queue.push_job_id(job.id, at_front=True)


def run_worker_until(done, timeout: int = 600) -> str:
	"""Run a real worker on the long queue until ``done()`` holds; returns its log."""
	env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
	log = tempfile.TemporaryFile(mode="w+")
	worker = subprocess.Popen(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", "long"],
		cwd=BENCH / "sites",
		env=env,
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	try:
		deadline = time.monotonic() + timeout
		while time.monotonic() < deadline and worker.poll() is None and not done():
			time.sleep(0.2)
	finally:
		worker.terminate()  # warm shutdown: a job it took meanwhile may finish, but not for long
		try:
			worker.wait(30)
		except subprocess.TimeoutExpired:
			worker.kill()
			worker.wait()
		log.seek(0)
		output = log.read()
		log.close()
	return output


def progress_of(pubsub, name: str, seconds: float = 10) -> list[dict]:
	"""The progress events of our import among those buffered (the channel is shared by every site, so
	other sites' events may keep arriving: read for a bounded time)."""
	messages = []
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline and (message := pubsub.get_message(timeout=0.5)):
		if message["type"] != "message":
			continue
		event = json.loads(message["data"])
		if event["event"] == "progress" and event["room"] == f"doc:Archive Catalogue Import/{name}":
			messages.append(event["message"])
	return messages


def cleanup(fonds: str, unit: str, name: str | None) -> None:
	frappe.db.rollback()
	frappe.db.delete("Archive Item", {"fonds": fonds})
	frappe.db.delete("Archive Code Sequence", {"name": ("like", f"%{fonds}%")})
	if name:
		for file in frappe.get_all("File", {"attached_to_name": name}, pluck="name"):
			frappe.delete_doc("File", file, force=True)
		frappe.delete_doc("Archive Catalogue Import", name, force=True)
	frappe.delete_doc("Filing Unit", unit, force=True)
	frappe.delete_doc("Fonds", fonds, force=True)
	frappe.db.commit()


def test_a_large_catalogue_is_imported_by_a_background_worker_with_progress():
	from frappe.utils.background_jobs import get_redis_connection_without_auth

	fonds = make_fonds()
	unit = make_unit(fonds)
	name = None
	pubsub = get_redis_connection_without_auth().pubsub()
	try:
		content = catalogue_bytes(fonds, unit, ROWS)
		assert len(content) > BACKGROUND_BYTES
		name = make_import(content)
		frappe.flags.in_test = False  # in tests the import would run in the request
		try:
			assert start_import(name) == {"queued": True}
		finally:
			frappe.flags.in_test = True
		assert frappe.db.get_value("Archive Catalogue Import", name, "import_status") == "Import Queued"
		pubsub.subscribe("events")
		frappe.db.commit()  # the job is enqueued when the request commits
		put_first(name)

		def finished():
			frappe.db.rollback()  # see what the worker committed
			return frappe.db.get_value("Archive Catalogue Import", name, "import_status") != "Import Queued"

		log = run_worker_until(finished)

		doc = frappe.get_doc("Archive Catalogue Import", name)
		assert doc.import_status != "Import Queued", log[-3000:]
		assert (doc.import_status, doc.row_count, doc.imported_count) == ("Import Completed", ROWS, ROWS)
		codes = frappe.get_all(
			"Archive Item", {"fonds": fonds}, ["item_no", "status"], order_by="name", as_list=True
		)
		assert [tuple(c) for c in codes] == [(i, "Filed") for i in range(1, ROWS + 1)]
		percents = [m["percent"] for m in progress_of(pubsub, name)]
		assert len(percents) >= 3 and percents[-1] == 100
		assert percents == sorted(percents) and 0 < percents[0] < 100
	finally:
		pubsub.close()
		cleanup(fonds, unit, name)
