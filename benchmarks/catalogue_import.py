"""Benchmark: our catalogue import against Frappe's Data Import, same generated catalogue, same run.

    cd <repo> && PYTHONPATH=. /root/frappe-bench/env/bin/python benchmarks/catalogue_import.py \
        --site handover.localhost [--rows 10000,100000]

For each size, the same generated catalogue goes through our importer (the .xlsx template) and
through Frappe's Data Import (the same rows as CSV), each in a process of its own. Prints rows/s for
both, the ratio, and each one's peak memory growth (RSS) over the process after start-up, so one can
see whether memory grows with the file. Uses a dedicated fonds (BMK1) and removes everything it made
at the end. Not a test: figures vary with the machine.
"""

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import frappe  # noqa: E402
from bench_site import connect  # noqa: E402

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


def run_ours(path: str) -> dict:
	from archive_mgmt.filing.catalogue_import import MODE_DRAFTS, import_catalogue

	start = time.perf_counter()
	result = import_catalogue(path, MODE_DRAFTS)
	frappe.db.commit()
	seconds = time.perf_counter() - start
	assert not result.error_count, result.errors[:5]
	return {"seconds": seconds, "created": count_items(), "status": "ok", "warnings": [], "failures": 0}


def run_frappe(path: str) -> dict:
	with open(path, "rb") as f:
		content = f.read()
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
	del content
	frappe.flags.in_test = True  # Data Import runs in-process only in tests or developer mode
	start = time.perf_counter()
	di.start_import()
	frappe.db.commit()
	seconds = time.perf_counter() - start
	di.reload()
	return {
		"seconds": seconds,
		"created": count_items(),
		"status": di.status,
		"warnings": di.template_warnings or "[]",
		"failures": frappe.db.count("Data Import Log", {"data_import": di.name, "success": 0}),
		"made": [["Data Import", di.name], ["File", file.name]],
	}


def child(args) -> None:
	"""One import in a process of its own, so that its peak memory is its own; prints JSON."""
	connect(args.site)
	try:
		before = peak_rss_mb()
		figures = (run_ours if args.child == "ours" else run_frappe)(args.path)
		figures["rss_growth_mb"] = peak_rss_mb() - before
		print("RESULT " + json.dumps(figures))
	finally:
		frappe.destroy()


def in_child(which: str, site: str, path: str) -> dict:
	out = subprocess.run(
		[sys.executable, __file__, "--site", site, "--child", which, "--path", path],
		capture_output=True,
		text=True,
		check=False,
	)
	line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
	if line is None:
		raise SystemExit(f"{which} import failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
	return json.loads(line[len("RESULT ") :])


def setup():
	if not frappe.db.exists("Fonds", FONDS):
		frappe.get_doc({"doctype": "Fonds", "fonds_code": FONDS, "fonds_name": "基准测试全宗"}).insert()
	if not frappe.db.exists("Filing Unit", UNIT):
		frappe.get_doc(
			{"doctype": "Filing Unit", "unit_code": UNIT, "unit_name": "基准测试部门", "fonds": FONDS}
		).insert()
	frappe.db.commit()


def clear_items():
	from archive_mgmt.search import engine

	engine.drop_items(frappe.db.sql_list("select `name` from `tabArchive Item` where fonds = %s", FONDS))
	frappe.db.sql("delete from `tabArchive Item` where fonds = %s", FONDS)
	frappe.db.sql("delete from `tabArchive Code Sequence` where name like %s", f"%{FONDS}%")
	frappe.db.commit()


def cleanup(made=()):
	clear_items()
	for doctype, name in made:
		if doctype == "Data Import":
			frappe.db.sql("delete from `tabData Import Log` where data_import = %s", name)
		frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.delete_doc("Filing Unit", UNIT, force=True, ignore_permissions=True)
	frappe.delete_doc("Fonds", FONDS, force=True, ignore_permissions=True)
	frappe.db.commit()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", default="handover.localhost")
	parser.add_argument("--rows", default="10000,100000", help="catalogue sizes, comma-separated")
	parser.add_argument("--child", choices=("ours", "frappe"), help=argparse.SUPPRESS)
	parser.add_argument("--path", help=argparse.SUPPRESS)
	args = parser.parse_args()
	if args.child:
		return child(args)
	connect(args.site)
	made = []
	try:
		setup()
		with tempfile.TemporaryDirectory() as tmp:
			for n in (int(x) for x in args.rows.split(",")):
				ours_path, theirs_path = os.path.join(tmp, f"{n}.xlsx"), os.path.join(tmp, f"{n}.csv")
				Path(ours_path).write_bytes(our_workbook(n))
				Path(theirs_path).write_bytes(frappe_csv(n))
				clear_items()
				ours = in_child("ours", args.site, ours_path)
				clear_items()
				theirs = in_child("frappe", args.site, theirs_path)
				made += theirs.pop("made")
				clear_items()
				assert ours["created"] == n, ours
				ours_rate = n / ours["seconds"]
				theirs_rate = theirs["created"] / theirs["seconds"] if theirs["seconds"] else 0
				print(f"rows: {n}  (xlsx {os.path.getsize(ours_path) / 2**20:.1f} MB)")
				print(
					f"  ours:   {ours['seconds']:8.2f} s  {ours_rate:8.0f} rows/s  peak memory +{ours['rss_growth_mb']:.1f} MB"
					"  (every validation on)"
				)
				print(
					f"  frappe: {theirs['seconds']:8.2f} s  {theirs_rate:8.0f} rows/s  peak memory +{theirs['rss_growth_mb']:.1f} MB"
					f"  (status {theirs['status']!r}, {theirs['created']} created, {theirs['failures']} failed rows,"
					f" template_warnings {theirs['warnings']})"
				)
				print(f"  ratio:  {ours_rate / theirs_rate if theirs_rate else float('inf'):.1f}x")
	finally:
		cleanup(made)
		frappe.destroy()


if __name__ == "__main__":
	main()
