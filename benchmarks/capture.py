"""Benchmark: capture (前端控制) of business documents into the archive, on a real site.

    cd <repo> && PYTHONPATH=. heavy ~/frappe-bench/env/bin/python benchmarks/capture.py --site test.localhost \
        [--pdf-docs 60] [--submits 30] [--resume-docs 10000]

It prints, in one run:
- the time one submit takes with no capture rule for its DocType, and with an on-submit rule that renders
  the PDF (the time the rule adds to a submit, and the ratio);
- batch throughput with PDFs (documents per minute) with one worker, then with two workers at once, each
  worker a process of its own running a Capture Batch of its own month;
- a large batch killed mid-way (SIGKILL of its process) and resumed in a new process: the items it ends
  with, and the duplicates (there must be none). The large batch renders no PDF (each PDF costs wkhtmltopdf
  about a second here, so 10 000 would take hours); it still writes every metadata file and fixity record.

The business DocType is the tests' custom submittable "Capture Test Voucher"; the benchmark's own fonds, unit,
rules, vouchers and items are removed at the end.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import frappe
from bench_site import connect

FONDS, UNIT = "BMCP", "BMCPU"
# The benchmark's own submittable DocType: its rules never meet the capture tests' vouchers on the site.
VOUCHER = "Capture Bench Voucher"
PREFIX = "基准归档"


def setup():
	from archive_mgmt.install import refresh_module_map
	from tests.integration.capture.capture_factories import ensure_doctypes

	refresh_module_map()
	ensure_doctypes(VOUCHER)
	if not frappe.db.exists("Fonds", FONDS):
		frappe.get_doc({"doctype": "Fonds", "fonds_code": FONDS, "fonds_name": "基准测试全宗"}).insert()
	if not frappe.db.exists("Filing Unit", UNIT):
		frappe.get_doc(
			{"doctype": "Filing Unit", "unit_code": UNIT, "unit_name": "基准测试财务部", "fonds": FONDS}
		).insert()
	frappe.db.commit()


def make_rule(name: str, **values) -> str:
	frappe.get_doc(
		{
			"doctype": "Archive Capture Rule",
			"rule_name": f"{PREFIX}-{name}-{frappe.generate_hash(length=6)}",
			"source_doctype": VOUCHER,
			"capture_on": "Period Batch",
			"batch_frequency": "Monthly",
			"date_field": "posting_date",
			"fonds": FONDS,
			"category": "KU",
			"filing_unit": UNIT,
			"retention_period": "D30",
			"title_template": "{party_name} 记账凭证 {name}",
			"responsible_party_template": "{company}",
			"render_pdf": 1,
			"include_attachments": 0,
			**values,
		}
	).insert()
	frappe.db.commit()
	return frappe.db.get_value("Archive Capture Rule", {"rule_name": ("like", f"{PREFIX}-{name}-%")}, "name")


def bulk_vouchers(count: int, year: int, month: int) -> list[str]:
	"""Submitted vouchers written straight to the table (their own submit is not what is measured)."""
	now = frappe.utils.now()
	tag = frappe.generate_hash(length=6)
	names = [f"BMV-{tag}-{i:05d}" for i in range(count)]
	rows = [
		(
			n,
			now,
			now,
			"Administrator",
			"Administrator",
			1,
			f"{year}-{month:02d}-{1 + i % 28:02d}",
			"基准公司",
			f"供应商{i % 50}",
			"Journal Entry",
			100 + i,
			0,
		)
		for i, n in enumerate(names)
	]
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"posting_date",
		"company",
		"party_name",
		"voucher_type",
		"amount",
		"outstanding_amount",
	]
	for start in range(0, len(rows), 1000):
		frappe.db.bulk_insert(VOUCHER, fields, rows[start : start + 1000])
	frappe.db.commit()
	return names


def make_batch(rule: str, year: int, month: int) -> str:
	doc = frappe.get_doc(
		{"doctype": "Capture Batch", "capture_rule": rule, "fiscal_year": year, "month": month}
	)
	doc.insert()
	frappe.db.commit()
	return doc.name


# --- children: one process per worker ------------------------------------------------------------------


def child(args) -> None:
	connect(args.site)
	from archive_mgmt.install import refresh_module_map

	refresh_module_map()
	from archive_mgmt.capture import batch

	try:
		start = time.perf_counter()
		batch.run(args.child)
		print("RESULT " + json.dumps({"seconds": time.perf_counter() - start}), flush=True)
	finally:
		frappe.destroy()


def spawn(site: str, batch: str) -> subprocess.Popen:
	return subprocess.Popen(
		[sys.executable, __file__, "--site", site, "--child", batch],
		stdout=subprocess.PIPE,
		stderr=subprocess.PIPE,
		text=True,
	)


def wait(proc: subprocess.Popen) -> dict:
	out, err = proc.communicate()
	line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
	if line is None:
		raise SystemExit(f"worker failed:\n{out[-3000:]}\n{err[-3000:]}")
	return json.loads(line[len("RESULT ") :])


def batch_rows(batch: str) -> int:
	frappe.db.rollback()
	return frappe.db.count("Capture Batch Document", {"parent": batch})


# --- the measurements ----------------------------------------------------------------------------------


def submit_times(count: int) -> tuple[float, float]:
	"""Mean seconds of one insert+submit: with no rule for the DocType, then with an on-submit PDF rule."""
	from archive_mgmt.capture import capture
	from tests.integration.capture.capture_factories import make_voucher

	frappe.db.set_value("Archive Capture Rule", {"source_doctype": VOUCHER}, "enabled", 0)
	frappe.db.commit()
	capture.forget_captured_doctypes()

	def timed(n):
		start = time.perf_counter()
		for _ in range(n):
			make_voucher(doctype=VOUCHER, posting_date="2023-05-10")
			frappe.db.commit()
		return (time.perf_counter() - start) / n

	without = timed(count)
	make_rule("on-submit", capture_on="On Submit")
	with_rule = timed(count)
	frappe.db.set_value(
		"Archive Capture Rule", {"rule_name": ("like", f"{PREFIX}-on-submit-%")}, "enabled", 0
	)
	frappe.db.commit()
	capture.forget_captured_doctypes()
	return without, with_rule


def throughput(site: str, per_month: int) -> tuple[float, float]:
	rule = make_rule("pdf")
	bulk_vouchers(per_month, 2022, 1)
	bulk_vouchers(per_month, 2022, 2)
	# one worker: both months, one after the other
	one = [make_batch(rule, 2022, 1), make_batch(rule, 2022, 2)]
	start = time.perf_counter()
	for b in one:
		wait(spawn(site, b))
	one_rate = 2 * per_month / (time.perf_counter() - start) * 60
	delete_items_of(rule)
	# two workers: one month each, at the same time
	two = [make_batch(rule, 2022, 1), make_batch(rule, 2022, 2)]
	start = time.perf_counter()
	procs = [spawn(site, b) for b in two]
	for p in procs:
		wait(p)
	two_rate = 2 * per_month / (time.perf_counter() - start) * 60
	assert frappe.db.count("Archive Item", {"capture_rule": rule}) == 2 * per_month
	return one_rate, two_rate


def kill_and_resume(site: str, count: int) -> dict:
	rule = make_rule("resume", render_pdf=0)
	made = time.perf_counter()
	bulk_vouchers(count, 2021, 6)
	made = time.perf_counter() - made
	batch = make_batch(rule, 2021, 6)
	start = time.perf_counter()
	proc = spawn(site, batch)
	while batch_rows(batch) < count // 2 and proc.poll() is None:
		time.sleep(1)
	os.kill(proc.pid, signal.SIGKILL)
	proc.communicate()
	killed_at = batch_rows(batch)
	first = time.perf_counter() - start
	start = time.perf_counter()
	wait(spawn(site, batch))
	second = time.perf_counter() - start
	frappe.db.rollback()
	items = frappe.db.count("Archive Item", {"capture_rule": rule})
	duplicates = frappe.db.sql(
		"""select count(*) from (select source_name from `tabArchive Item` where capture_rule = %s
		group by source_name having count(*) > 1) d""",
		rule,
	)[0][0]
	status, captured = frappe.db.get_value("Capture Batch", batch, ["status", "captured_count"])
	return {
		"documents": count,
		"killed_after": killed_at,
		"items": items,
		"duplicates": duplicates,
		"rows": batch_rows(batch),
		"status": status,
		"captured_count": captured,
		"seconds_before_kill": first,
		"seconds_resume": second,
		"seconds_making_vouchers": made,
	}


# --- cleanup -------------------------------------------------------------------------------------------


def delete_items_of(rule: str) -> None:
	items = frappe.get_all("Archive Item", filters={"capture_rule": rule}, pluck="name")
	for start in range(0, len(items), 500):
		chunk = items[start : start + 500]
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Archive Item", "attached_to_name": ("in", chunk)},
			fields=["name", "file_url"],
		)
		for f in files:
			path = frappe.get_site_path(f.file_url.lstrip("/")) if f.file_url.startswith("/private") else None
			if path and os.path.exists(path):
				os.remove(path)
		frappe.db.delete("File", {"name": ("in", [f.name for f in files] or [""])})
		frappe.db.delete(
			"Fixity Record", {"attached_to_doctype": "Archive Item", "attached_to_name": ("in", chunk)}
		)
		frappe.db.delete("Archive Item", {"name": ("in", chunk)})
	frappe.db.sql(
		"""delete from `tabCapture Batch Document` where parent in
		(select name from `tabCapture Batch` where capture_rule = %s)""",
		rule,
	)
	for hl in frappe.get_all("Capture Batch", filters={"capture_rule": rule}, pluck="handover_list"):
		if hl:
			frappe.db.delete("Handover List Item", {"parent": hl})
			frappe.db.delete("Handover List", {"name": hl})
	frappe.db.delete("Capture Batch", {"capture_rule": rule})
	frappe.db.commit()


def cleanup() -> None:
	frappe.db.rollback()
	for rule in frappe.get_all(
		"Archive Capture Rule", filters={"rule_name": ("like", f"{PREFIX}-%")}, pluck="name"
	):
		delete_items_of(rule)
		frappe.db.delete("Archive Capture Rule", {"name": rule})
	if frappe.db.table_exists(VOUCHER):
		frappe.db.delete(VOUCHER, {})
		frappe.db.delete("Capture Test Voucher Line", {"parenttype": VOUCHER})
	frappe.db.sql("delete from `tabArchive Code Sequence` where name like %s", f"%{FONDS}%")
	frappe.db.delete("Filing Unit", {"name": UNIT})
	frappe.db.delete("Fonds", {"name": FONDS})
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", default="test.localhost")
	parser.add_argument("--pdf-docs", type=int, default=60, help="documents per month (two months) with PDFs")
	parser.add_argument("--submits", type=int, default=30, help="submits timed with and without a rule")
	parser.add_argument("--resume-docs", type=int, default=10000, help="documents of the killed batch")
	parser.add_argument("--child", help=argparse.SUPPRESS)
	args = parser.parse_args()
	if args.child:
		return child(args)
	connect(args.site)
	try:
		setup()
		without, with_rule = submit_times(args.submits)
		print(f"submit, no rule for the DocType:       {without * 1000:8.1f} ms")
		print(f"submit, on-submit rule with its PDF:   {with_rule * 1000:8.1f} ms")
		print(f"  added by the rule: {(with_rule - without) * 1000:.1f} ms ({with_rule / without:.1f}x)")
		one, two = throughput(args.site, args.pdf_docs)
		print(
			f"batch with PDFs, {2 * args.pdf_docs} documents: 1 worker {one:.1f} docs/min, 2 workers {two:.1f} docs/min"
		)
		print(f"  ratio 2 workers / 1 worker: {two / one:.2f}x")
		r = kill_and_resume(args.site, args.resume_docs)
		print(
			f"batch of {r['documents']} (no PDF) killed after {r['killed_after']} documents"
			f" ({r['seconds_before_kill']:.0f} s), resumed ({r['seconds_resume']:.0f} s):"
			f" {r['items']} items, {r['duplicates']} duplicates, {r['rows']} batch rows,"
			f" status {r['status']!r}, captured_count {r['captured_count']}"
		)
		rate = r["documents"] / (r["seconds_before_kill"] + r["seconds_resume"]) * 60
		print(
			f"  throughput without PDF: {rate:.0f} docs/min (vouchers written in {r['seconds_making_vouchers']:.0f} s)"
		)
		assert r["items"] == r["documents"] and r["duplicates"] == 0, r
	finally:
		cleanup()
		frappe.destroy()


if __name__ == "__main__":
	main()
