"""Benchmark: our catalogue import against Frappe's Data Import, same generated catalogue, same run.

    cd <repo> && PYTHONPATH=. /root/frappe-bench/env/bin/python benchmarks/catalogue_import.py \
        --site handover.localhost --rows 10000 [--ours-only-rows 100000]

Prints rows/s for both, the ratio, and our importer's peak memory. Uses a dedicated fonds (BMK1)
and removes everything it made at the end. Not a test: figures vary with the machine.
"""

import argparse
import csv
import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import frappe  # noqa: E402

FONDS, UNIT = "BMK1", "BMKU"
LABELS = {
	"fonds": "Fonds",
	"category": "Archive Category",
	"year": "Year",
	"retention_period": "Retention Period",
	"filing_unit": "Filing Unit",
	"doc_number": "Document Number",
	"responsible_party": "Responsible Party",
	"title": "Title",
	"doc_date": "Document Date",
	"secrecy_level": "Secrecy Level",
	"pages": "Pages",
	"carrier": "Carrier",
	"open_status": "Open Status",
}


def rows(n):
	for i in range(1, n + 1):
		yield {
			"fonds": FONDS,
			"category": "WS",
			"year": 2024,
			"retention_period": "D30",
			"filing_unit": UNIT,
			"doc_number": f"基准〔2024〕{i}号",
			"responsible_party": "办公室",
			"title": f"关于基准测试第{i}项工作的通知",
			"doc_date": f"2024{(i % 12) + 1:02}{(i % 28) + 1:02}",
			"secrecy_level": "内部",
			"pages": i % 20 + 1,
			"carrier": "纸质",
			"open_status": "控制",
		}


def our_workbook(n) -> bytes:
	from tests.integration.catalogue_files import workbook_bytes

	key_of = {
		"全宗号": "fonds",
		"门类": "category",
		"年度": "year",
		"保管期限": "retention_period",
		"机构(问题)": "filing_unit",
		"文号": "doc_number",
		"责任者": "responsible_party",
		"题名": "title",
		"日期": "doc_date",
		"密级": "secrecy_level",
		"页数": "pages",
		"载体": "carrier",
		"开放状态": "open_status",
	}
	headers = list(key_of)
	return workbook_bytes(([r[key_of[h]] for h in headers] for r in rows(n)), headers=headers)


def frappe_csv(n) -> bytes:
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(list(LABELS.values()))
	for r in rows(n):
		r = dict(r, doc_date=f"{r['doc_date'][:4]}-{r['doc_date'][4:6]}-{r['doc_date'][6:]}")
		writer.writerow([r[k] for k in LABELS])
	return out.getvalue().encode()


def peak_rss_mb() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def count_items() -> int:
	return frappe.db.count("Archive Item", {"fonds": FONDS})


def run_ours(n, trace=False):
	from archive_mgmt.catalogue_import import MODE_DRAFTS, import_catalogue

	content = our_workbook(n)
	before = count_items()
	if trace:
		tracemalloc.start()
	start = time.perf_counter()
	result = import_catalogue(content, MODE_DRAFTS)
	frappe.db.commit()
	seconds = time.perf_counter() - start
	peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
	if trace:
		tracemalloc.stop()
	assert not result.errors, result.errors[:5]
	created = count_items() - before
	assert created == n, (created, n)
	return seconds, peak


def run_frappe(n):
	content = frappe_csv(n)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "benchmark.csv", "is_private": 1, "content": content}
	).insert()
	di = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Archive Item",
			"import_type": "Insert New Records",
			"import_file": file.file_url,
		}
	).insert()
	frappe.db.commit()
	before = count_items()
	frappe.flags.in_test = True  # Data Import runs in-process only in tests or developer mode
	start = time.perf_counter()
	di.start_import()
	frappe.db.commit()
	seconds = time.perf_counter() - start
	di.reload()
	created = count_items() - before
	failures = frappe.db.count("Data Import Log", {"data_import": di.name, "success": 0})
	return seconds, di.status, di.template_warnings, created, failures, di.name, file.name


def setup():
	if not frappe.db.exists("Fonds", FONDS):
		frappe.get_doc({"doctype": "Fonds", "fonds_code": FONDS, "fonds_name": "基准测试全宗"}).insert()
	if not frappe.db.exists("Filing Unit", UNIT):
		frappe.get_doc(
			{"doctype": "Filing Unit", "unit_code": UNIT, "unit_name": "基准测试部门", "fonds": FONDS}
		).insert()
	frappe.db.commit()


def cleanup(extra=()):
	frappe.db.sql("delete from `tabArchive Item` where fonds = %s", FONDS)
	frappe.db.sql("delete from `tabArchive Code Sequence` where name like %s", f"%{FONDS}%")
	for doctype, name in extra:
		frappe.db.sql(
			"delete from `tabData Import Log` where data_import = %s", name
		) if doctype == "Data Import" else None
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.delete_doc("Filing Unit", UNIT, force=True, ignore_permissions=True)
	frappe.delete_doc("Fonds", FONDS, force=True, ignore_permissions=True)
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", default="handover.localhost")
	parser.add_argument("--rows", type=int, default=10_000)
	parser.add_argument(
		"--ours-only-rows", type=int, default=0, help="also time our importer alone on this many rows"
	)
	args = parser.parse_args()
	os.chdir(os.path.expanduser("~/frappe-bench/sites"))
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	made = []
	try:
		setup()
		n = args.rows
		rss0 = peak_rss_mb()
		ours, _ = run_ours(n)
		rss1 = peak_rss_mb()
		frappe.db.sql("delete from `tabArchive Item` where fonds = %s", FONDS)
		frappe.db.commit()
		_, traced = run_ours(n, trace=True)
		frappe.db.sql("delete from `tabArchive Item` where fonds = %s", FONDS)
		frappe.db.commit()
		theirs, status, warnings, created, failures, di, file = run_frappe(n)
		made += [("Data Import", di), ("File", file)]
		print(f"rows: {n}")
		print(
			f"ours:   {ours:8.2f} s  {n / ours:9.0f} rows/s  (validation on; peak traced {traced:.1f} MB, process peak RSS grew {rss1 - rss0:.1f} MB)"
		)
		print(
			f"frappe: {theirs:8.2f} s  {created / theirs if theirs else 0:9.0f} rows/s  (status {status!r}, {created} created, {failures} failed rows, template_warnings {warnings or '[]'})"
		)
		print(f"ratio:  {(n / ours) / (created / theirs) if created else float('inf'):.1f}x")
		if args.ours_only_rows:
			frappe.db.sql("delete from `tabArchive Item` where fonds = %s", FONDS)
			frappe.db.commit()
			big, traced_big = run_ours(args.ours_only_rows, trace=True)
			print(
				f"ours {args.ours_only_rows} rows: {big:.2f} s  {args.ours_only_rows / big:.0f} rows/s  (tracemalloc on; peak {traced_big:.1f} MB)"
			)
	finally:
		cleanup(made)
		frappe.destroy()


if __name__ == "__main__":
	main()
