"""档案检索 benchmark: the bigram index against the like scan, bulk indexing, the cost on one save, and OCR.

    cd <repo> && PYTHONPATH=. ~/frappe-bench/env/bin/python benchmarks/search.py --site bench1m.localhost \
        [--rebuild | --snapshot] [--queries 200] [--like-queries 30] [--ocr-pages 6]

On a site made by benchmarks/generate_archive.py (with --text-items): optionally rebuilds the index
(bulk indexing: catalogue entries per second, pages per second, and the search snapshot) or only the search
snapshot (items per second, its size on disk), then times the same queries, drawn from
the data (two to eight characters: common words of the titles and pages, rare words of the pages), for the
Administrator and for the departmental archivist bm-archivist@bench.test (clearance 内部, two units):
each call is the whole search (results with snippets, the count and every facet), as the page asks for it.
The like scan (the same fields, the same user's condition, the same count and facets) runs on a sample of
the queries (it takes seconds each); ratios are per query and user. Then the time indexing adds to one
item's save, and OCR of generated 300 dpi pages of known Chinese text (character accuracy, pages/minute).
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import frappe  # noqa: E402
from bench_site import connect  # noqa: E402

ADMIN = "Administrator"
ARCHIVIST = "bm-archivist@bench.test"


def percentile(values, p):
	values = sorted(values)
	if not values:
		return float("nan")
	k = (len(values) - 1) * p / 100
	lo, hi = int(k), min(int(k) + 1, len(values) - 1)
	return values[lo] + (values[hi] - values[lo]) * (k - lo)


def draw_queries(n: int, seed: int) -> list[str]:
	"""Half from catalogue titles (common words), half from pages of text (common and rare), 2-8 characters."""
	from archive_mgmt.rules.search import normalise

	rng = random.Random(seed)
	titles = frappe.db.sql_list("select title from `tabArchive Item` order by rand(1) limit 2000")
	pages = frappe.db.sql_list("select text from `tabArchive Full Text Page` order by rand(2) limit 2000")
	queries = []
	while len(queries) < n:
		source = rng.choice(titles) if len(queries) % 2 == 0 or not pages else rng.choice(pages)
		source = source.replace("。", "")
		length = rng.randint(2, 8)
		if len(source) < length:
			continue
		start = rng.randint(0, len(source) - length)
		q = source[start : start + length]
		if q.strip() and normalise(q) == q:
			queries.append(q)
	return queries


def like_search(text: str, user: str) -> dict:
	"""The same search by a like scan: the same fields, the user's condition, the count and the facets."""
	from archive_mgmt.access_control.permissions import archive_item_query
	from archive_mgmt.search import engine, service

	query = service.parse(text)
	condition = archive_item_query(user)
	columns = ", ".join(f"`tabArchive Item`.`{c}`" for c in service.COLUMNS)
	where = engine.like_scan_sql(query).replace("i.`", "`tabArchive Item`.`")
	rows = frappe.db.sql(
		f"""select {columns}, {service.HAS_FILES} as has_files from `tabArchive Item`
		left join `tabDossier` d on d.`name` = `tabArchive Item`.`dossier`
		where {where} {"and " + condition if condition else ""}""",
		as_dict=True,
	)
	facets = {f: Counter(r[f] for r in rows if r[f] not in (None, "")) for f in service.FACETS}
	return {"total": len(rows), "facets": facets}


def timed(fn, *args):
	start = time.perf_counter()
	result = fn(*args)
	return (time.perf_counter() - start) * 1000, result


def run_queries(queries, users, like_sample):
	from archive_mgmt.search import service

	times = {u: [] for u in users}
	like_times = {u: {} for u in users}
	totals = {u: {} for u in users}
	for i, q in enumerate(queries):
		for user in users:  # interleaved, each call as a request of its own
			frappe.set_user(user)
			if hasattr(frappe.local, "request_cache"):
				frappe.local.request_cache.clear()
			ms, result = timed(service.search, q, None, None, "relevance", 1, 20, user)
			times[user].append(ms)
			totals[user][q] = result["total"]
			if i < like_sample:
				ms_like, like = timed(like_search, q, user)
				like_times[user][q] = (ms_like, ms)
				if like["total"] != result["total"]:
					print(f"  MISMATCH {user} {q!r}: index {result['total']} like {like['total']}")
	frappe.set_user(ADMIN)
	return times, like_times, totals


def bulk_index():
	"""The whole index rebuilt (indexing.rebuild): its counts and the seconds of each part."""
	from archive_mgmt.search import engine, indexing

	result = indexing.rebuild()
	result["pages"] = frappe.db.sql(f"select count(*) from `{engine.SEGMENT}` where kind = 'file'")[0][0]
	frappe.db.sql(f"analyze table `{engine.SEGMENT}`")
	return result


def keyed_reindex_rate(n: int = 20_000) -> float:
	"""Items per second indexed again one by one, as saves and file readings do it (their catalogue entries
	by chunks, each file's pages by item: each first removing what it replaces, every change logged for the
	snapshot), on the first n items; rolled back."""
	from archive_mgmt.search import engine, indexing

	names = frappe.db.sql_list("select `name` from `tabArchive Item` order by `name` limit %s", n)
	pages = frappe.db.sql(
		"""select f.`archive_item`, f.`name`, p.`page`, p.`text` from `tabArchive Full Text Page` p
		join `tabArchive Full Text` f on f.`name` = p.`parent` where f.`archive_item` in %(names)s""",
		{"names": tuple(names)},
	)
	by_item = {}
	for item, file, page, text in pages:
		by_item.setdefault(item, []).append((file, page, text))
	start = time.perf_counter()
	for at in range(0, len(names), indexing.REBUILD_CHUNK):
		engine.index_items(names[at : at + indexing.REBUILD_CHUNK])
	for item, item_pages in by_item.items():
		engine.index_files(item, item_pages)
	seconds = time.perf_counter() - start
	frappe.db.rollback()
	return len(names) / seconds


def save_cost(n: int = 50) -> tuple[float, float]:
	"""ms that indexing adds to one item's save (its on_update call), and a whole save for scale."""
	from archive_mgmt.search import indexing

	names = frappe.db.sql_list(
		"select name from `tabArchive Item` where status = 'Filed' order by rand(3) limit %s", n
	)
	index_ms, save_ms = [], []
	for name in names:
		doc = frappe.get_doc("Archive Item", name)
		ms, _ = timed(indexing.item_changed, doc)
		index_ms.append(ms)
		doc.remarks = "基准测试备注"
		doc.flags.ignore_permissions = True
		try:
			ms, _ = timed(doc.save)
			save_ms.append(ms)
		except frappe.ValidationError as e:
			print(f"  a save of {name} was refused: {e}")
		frappe.db.rollback()
	return statistics.median(index_ms), statistics.median(save_ms) if save_ms else float("nan")


OCR_SENTENCES = (
	"关于加强档案安全管理工作的通知",
	"各部门要按照年度计划做好文件材料的收集整理和归档工作",
	"归档文件应当齐全完整，已破损的文件应当修整，字迹模糊的应当复制",
	"档案馆对保管期限已满的档案进行鉴定，对确无保存价值的档案提出销毁意见",
	"电子档案应当来源可靠，程序规范，要素合规，内容真实完整",
	"借阅档案须经单位领导批准，并按期归还，不得转借他人",
	"会议纪要经主要负责人审定后印发，抄送有关部门",
	"本单位二〇二四年度安全生产目标责任书签订情况报告",
)


def ocr_benchmark(pages: int, seed: int):
	from archive_mgmt.rules.search import character_accuracy
	from archive_mgmt.search import ocr
	from tests.integration.search_factories import render_scan

	if not ocr.available():
		return None
	import tempfile

	rng = random.Random(seed)
	accuracies, seconds = [], 0.0
	with tempfile.TemporaryDirectory() as work:
		for n in range(pages):
			lines = [rng.choice(OCR_SENTENCES)[: rng.randint(18, 40)] for _ in range(28)]
			path = f"{work}/page{n}.png"
			Path(path).write_bytes(render_scan(lines))
			start = time.perf_counter()
			(text, _confidence), *_ = ocr.recognise_image(path)
			seconds += time.perf_counter() - start
			accuracies.append(character_accuracy("".join(lines), text))
	return statistics.mean(accuracies), min(accuracies), pages / (seconds / 60)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--rebuild", action="store_true")
	parser.add_argument("--queries", type=int, default=200)
	parser.add_argument("--like-queries", type=int, default=30)
	parser.add_argument("--ocr-pages", type=int, default=6)
	parser.add_argument("--seed", type=int, default=18)
	parser.add_argument("--skip-queries", action="store_true", help="only the save and OCR figures")
	parser.add_argument("--snapshot", action="store_true", help="the search snapshot made again (no rebuild)")
	args = parser.parse_args()
	connect(args.site)
	frappe.flags.in_test = False
	items = frappe.db.count("Archive Item")
	text_items = frappe.db.count("Archive Full Text")
	pages = frappe.db.count("Archive Full Text Page")
	print(f"site {args.site}: {items} items, {text_items} with text, {pages} pages of text")
	if args.rebuild:
		r = bulk_index()
		print(
			f"bulk indexing: {r['items']} catalogue entries in {r['catalogue_seconds']:.0f}s,"
			f" {r['file_texts']} files ({r['pages']} pages) in {r['file_text_seconds']:.0f}s,"
			f" the snapshot in {r['snapshot_seconds']:.0f}s"
		)
		rate = r["items"] / r["seconds"]
		print(f"bulk indexing overall: {rate:.0f} items/s ({r['seconds']:.0f}s in all)")
		keyed = keyed_reindex_rate()
		print(
			f"baseline, items indexed again as saves and file readings do (catalogue by chunks, pages by item):"
			f" {keyed:.0f} items/s; the bulk rebuild is {rate / keyed:.2f}x that"
		)
	elif args.snapshot:
		snapshot_figures()
	if not args.skip_queries:
		search_figures(args)
	save_and_ocr_figures(args)
	frappe.db.rollback()
	frappe.destroy()


def search_figures(args):
	queries = draw_queries(args.queries, args.seed)
	users = [ADMIN, ARCHIVIST]
	times, like_times, totals = run_queries(queries, users, args.like_queries)
	print(
		f"\n{len(queries)} queries of 2-8 characters, each the whole search (20 results, snippets, count, facets)"
	)
	for user in users:
		t = times[user]
		hits = list(totals[user].values())
		print(
			f"  {user:28s} p50 {percentile(t, 50):7.1f} ms  p95 {percentile(t, 95):7.1f} ms  max {max(t):7.1f} ms"
			f"  (results: median {statistics.median(hits):.0f}, max {max(hits)})"
		)
	ratio_users = percentile(times[ARCHIVIST], 50) / percentile(times[ADMIN], 50)
	print(f"  archivist / Administrator at p50: {ratio_users:.2f}x")
	for user in users:
		pairs = list(like_times[user].values())
		if not pairs:
			continue
		like = [p[0] for p in pairs]
		index = [p[1] for p in pairs]
		ratios = [a / b for a, b in pairs]
		print(
			f"  like scan, {user:18s} on {len(pairs)} of the queries: p50 {percentile(like, 50):8.0f} ms"
			f"  p95 {percentile(like, 95):8.0f} ms; index on the same: p50 {percentile(index, 50):6.1f} ms;"
			f" speed-up per query p50 {percentile(ratios, 50):6.0f}x (min {min(ratios):.0f}x)"
		)


def snapshot_figures():
	"""The search snapshot made again from the index tables (snapshot.build): items per second, its size."""
	from archive_mgmt.search import snapshot

	r = snapshot.build()
	current = snapshot.current()
	size = sum(
		os.path.getsize(os.path.join(snapshot.folder(current.token), f))
		for f in os.listdir(snapshot.folder(current.token))
	)
	print(
		f"snapshot: {r['items']} items, {r['segments']} segments, {r['bigrams']} bigram places in"
		f" {r['seconds']:.0f}s (reading the tables {r['read_seconds']:.0f}s): {r['items'] / r['seconds']:.0f}"
		f" items/s; {size / 1e9:.2f} GB on disk"
	)


def save_and_ocr_figures(args):
	index_ms, save_ms = save_cost()
	print(
		f"\none save: indexing adds {index_ms:.1f} ms (median of 50; the whole save takes {save_ms:.0f} ms)"
	)
	ocr_result = ocr_benchmark(args.ocr_pages, args.seed)
	if ocr_result:
		mean, worst, per_minute = ocr_result
		print(
			f"OCR: {args.ocr_pages} A4 pages at 300 dpi (Noto Sans CJK 12 pt): character accuracy mean"
			f" {mean * 100:.1f} % (worst {worst * 100:.1f} %), {per_minute:.1f} pages/minute on one core"
		)
	else:
		print("OCR: skipped, tesseract-ocr with chi_sim is not installed")


if __name__ == "__main__":
	main()
