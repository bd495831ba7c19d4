"""Benchmark: each statistics report against the raw GROUP BY over the item table, and the permission-
filtered list view of non-admin users against the Administrator's, in one run on generated data.

    cd <repo> && PYTHONPATH=. /root/frappe-bench/env/bin/python benchmarks/statistics_benchmark.py \
        --site bench1m.localhost [--runs 7]

Needs a site filled by benchmarks/generate_archive.py. Prints the median of --runs timings (after one
warm-up) in milliseconds. Targets: statistics under 50 ms; non-admin list within 1.5x of Administrator's: the
list view (its page and the count it shows) through the desk's own methods, each call a fresh request.
Not a test: figures vary with the machine (note its load when you quote them).
"""

import argparse
import os
import statistics as stats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import frappe  # noqa: E402
from bench_site import connect  # noqa: E402

REPORT = "archive_mgmt.statistics.report.{0}.{0}.execute"
HELD = "('Filed', 'On Loan')"


def timed(fn, runs: int) -> float:
	fn()
	times = []
	for _ in range(runs):
		start = time.perf_counter()
		fn()
		times.append((time.perf_counter() - start) * 1000)
	return stats.median(times)


def report(name, filters):
	return lambda: frappe.get_attr(REPORT.format(name))(filters)


def sql(query, params=None):
	return lambda: frappe.db.sql(query, params) if params else frappe.db.sql(query)


def cases(year: int):
	from archive_mgmt.statistics.counts import complete_sql

	span = {"year_from": year - 9, "year_to": year}
	return [
		(
			"Holdings by category",
			report("holdings_statistics", {"row_dimension": "category"}),
			sql(
				f"select category, count(*), sum(pages) from `tabArchive Item` where status in {HELD} group by category"
			),
		),
		(
			"Holdings category x retention",
			report(
				"holdings_statistics", {"row_dimension": "category", "column_dimension": "retention_period"}
			),
			sql(
				f"""select category, retention_period, count(*) from `tabArchive Item` where status in {HELD}
				group by category, retention_period"""
			),
		),
		(
			"Holdings by year, one fonds",
			report("holdings_statistics", {"row_dimension": "year", "fonds": "BM02"}),
			sql(
				f"""select year, count(*), sum(pages) from `tabArchive Item` where status in {HELD} and fonds = 'BM02'
				group by year"""
			),
		),
		(
			"Holdings carrier x secrecy",
			report("holdings_statistics", {"row_dimension": "carrier", "column_dimension": "secrecy_level"}),
			sql(
				f"""select carrier, secrecy_level, count(*) from `tabArchive Item` where status in {HELD}
				group by carrier, secrecy_level"""
			),
		),
		(
			"Additions per year and unit (10 y)",
			report("additions_statistics", span),
			sql(
				"""select year(filed_on), filing_unit, count(*), sum(pages) from `tabArchive Item`
				where filed_on between %s and %s group by 1, 2""",
				(f"{year - 9}-01-01", f"{year}-12-31 23:59:59"),
			),
		),
		(
			"Appraisal and destruction (10 y)",
			report("appraisal_statistics", span),
			sql(
				"""select year(expiry_date), count(*) from `tabArchive Item`
				where expiry_date between %s and %s group by 1""",
				(f"{year - 9}-01-01", f"{year}-12-31"),
			),
		),
		(
			"Quality by unit",
			report("quality_statistics", {"year": year}),
			sql(
				f"""select filing_unit, count(*), sum({complete_sql()}) from `tabArchive Item`
				where status in {HELD} group by filing_unit"""
			),
		),
		("Use per month", report("use_statistics", {"year": year, "group_by": "Month"}), None),
		("Use by effect", report("use_statistics", {"year": year, "group_by": "Effect"}), None),
		(
			"Use most-used items",
			report("use_statistics", {"year": year, "group_by": "Most-Used Items"}),
			None,
		),
	]


def cards():
	from archive_mgmt.api import statistics as number_cards

	return [
		("card: items held", number_cards.items_held),
		("card: filed this year", number_cards.filed_this_year),
		("card: on loan", number_cards.on_loan),
		("card: overdue loans", number_cards.overdue_loans),
		("card: due for appraisal", number_cards.due_for_appraisal),
		("card: pending my approval", number_cards.pending_my_approval),
	]


LIST_FIELDS = ["name", "reference_code", "title", "year", "status", "modified"]
COUNT_BOUND = 1001  # the desk list view counts up to 1001 ("1 000+") until the user clicks for the total


def new_request(user: str) -> None:
	"""Forget what a request caches in this process, as a new request would (Redis keeps its caches)."""
	frappe.set_user(user)
	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()


def desk_call(user: str, method: str, **form):
	"""A whitelisted desk method as the browser calls it: form data in, a fresh request's caches."""
	new_request(user)
	frappe.local.form_dict = frappe._dict(form)
	return frappe.call(frappe.get_attr(method), **form)


def list_view_calls(user: str, filters: dict) -> dict:
	"""The Archive Item list view's calls as ``user``, each a fresh request, as the desk makes them: the page
	(frappe.desk.reportview.get, 20 rows, newest first), the count it shows (reportview.get_count bounded at
	1001) and the full count (the same unbounded, when the user clicks the count)."""
	table = "`tabArchive Item`"
	page_form = {
		"doctype": "Archive Item",
		"fields": frappe.as_json([f"{table}.`{f}`" for f in LIST_FIELDS]),
		"filters": frappe.as_json([["Archive Item", k, "=", v] for k, v in filters.items()]),
		"order_by": f"{table}.`modified` desc",
		"start": 0,
		"page_length": 20,
		"view": "List",
		"with_comment_count": 1,
	}
	count_form = {"doctype": "Archive Item", "filters": page_form["filters"], "fields": "[]"}
	return {
		"page": lambda: desk_call(user, "frappe.desk.reportview.get", **page_form),
		"shown": lambda: desk_call(user, "frappe.desk.reportview.get_count", **count_form, limit=COUNT_BOUND),
		"total": lambda: desk_call(user, "frappe.desk.reportview.get_count", **count_form),
	}


def list_view(users: list[str], filters: dict, runs: int) -> dict[str, dict[str, float]]:
	"""Median ms of each list view call per user, the users' calls interleaved run by run (so that the
	machine's drift during the run weighs on every user alike)."""
	calls = {user: list_view_calls(user, filters) for user in users}
	times = {user: {name: [] for name in calls[user]} for user in users}
	try:
		for run in range(runs + 1):
			for name in ("page", "shown", "total"):
				for user in users:
					start = time.perf_counter()
					calls[user][name]()
					if run:  # the first run warms up
						times[user][name].append((time.perf_counter() - start) * 1000)
		rows = {user: calls[user]["total"]() for user in users}
	finally:
		new_request("Administrator")
	return {
		user: {name: stats.median(values) for name, values in by_name.items()} | {"rows": rows[user]}
		for user, by_name in times.items()
	}


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--runs", type=int, default=7)
	parser.add_argument("--year", type=int, default=2024)
	args = parser.parse_args()
	connect(args.site)
	items = frappe.db.sql("select count(*) from `tabArchive Item`")[0][0]
	counters = frappe.db.sql("select count(*) from `tabArchive Statistic`")[0][0]
	load = os.getloadavg()
	print(
		f"site {args.site}: {items} archive items, {counters} counter rows; load average {load[0]:.1f} on {os.cpu_count()} cores"
	)
	print(f"median of {args.runs} runs, ms\n")
	print(f"{'statistics':40} {'report':>9} {'GROUP BY':>9} {'speed-up':>9}")
	for name, fn, baseline in cases(args.year):
		ours = timed(fn, args.runs)
		if baseline:
			base = timed(baseline, max(3, args.runs // 2))
			print(f"{name:40} {ours:9.1f} {base:9.1f} {base / ours:8.0f}x")
		else:
			print(f"{name:40} {ours:9.1f} {'(no counters: loans table)':>20}")
	for name, fn in cards():
		print(f"{name:40} {timed(fn, args.runs):9.1f}")
	from archive_mgmt.statistics import annual_report

	print(f"{'annual report workbook (9 sheets)':40} {timed(lambda: annual_report.build(args.year), 3):9.1f}")

	print(
		f"\n{'list view, each call a fresh request':44} {'page':>6} {'count':>6} {'total':>7} {'rows':>8}"
		f" {'view x':>7} {'total x':>8}"
	)
	print(f"{'(view = page + count shown, bounded at 1001)':44}")
	users = ["Administrator", "bm-archivist@bench.test", "bm-reader@bench.test"]
	for label, filters in (
		("fonds BM01, year 2015", {"fonds": "BM01", "year": 2015}),
		("fonds BM01, filed", {"fonds": "BM01", "status": "Filed"}),
		("no filter", {}),
	):
		measured = list_view(users, filters, args.runs)
		admin = measured["Administrator"]
		for user in users:
			m = measured[user]
			view = (m["page"] + m["shown"]) / (admin["page"] + admin["shown"])
			print(
				f"{label + ' as ' + user.split('@')[0]:44} {m['page']:6.1f} {m['shown']:6.1f} {m['total']:7.1f}"
				f" {m['rows']:8d} {view:6.2f}x {m['total'] / admin['total']:7.2f}x"
			)
	frappe.destroy()


if __name__ == "__main__":
	main()
