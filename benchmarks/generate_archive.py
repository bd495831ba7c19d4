"""Generate a realistic archive of N items (default 1 000 000) on a TEST site, for the statistics benchmark.

    cd <repo> && PYTHONPATH=. /root/frappe-bench/env/bin/python benchmarks/generate_archive.py \
        --site bench1m.localhost [--items 1000000] [--seed 1]

Five fonds (BM01..BM05), eight filing units each, 30 years (1995-2024), every category, the
retention periods, carriers and secrecy levels in plausible proportions; most items filed, a few
drafts of the last year, expired short-term items destroyed by yearly destruction batches (with
appraisal decisions), some transferred, loans (with their items, issued/returned, a few out now
and overdue) and utilization effect records, dossiers. Everything is bulk-inserted in chunks
(frappe.db.bulk_insert), then the maintained counts are rebuilt by counts.recount().
Users made: bm-archivist@bench.test (Departmental Archivist of two units), bm-reader@bench.test
(Archive Reader with items on loan), bm-manager@bench.test (Archive Manager). Never run on a real site.

With --text-items N (and --pages P per item, default 3) N filed items also carry the text of a file, page by
page (Archive Full Text and its pages, as reading their files would leave them): sentences of words drawn
from a Zipf-distributed vocabulary (common archive words, then rarer made-up words), so that searches find
common and rare words. benchmarks/search.py indexes and searches them.
"""

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import frappe  # noqa: E402
from bench_site import connect  # noqa: E402

FONDS = [f"BM0{i}" for i in range(1, 6)]
UNITS_PER_FONDS = 8
YEARS = range(1995, 2025)
CHUNK = 10_000
CATEGORY_WEIGHTS = {
	"WS": 10, "XZ": 12, "YG": 8, "ZLJC": 4, "XM": 8, "SBSS": 4, "CW": 6, "HJSW": 2, "AB": 2, "WL": 3,
	"KJ": 10, "RS": 6, "KU": 10, "ZY": 4, "ZP": 3, "LY": 1, "LX": 1, "SJ": 2, "YJ": 2, "WY": 1, "MT": 1, "SW": 1,
}  # fmt: skip
RETENTION_WEIGHTS = {"Y": 30, "D30": 35, "D10": 25, "D5": 5, "D3": 5}
CARRIER_WEIGHTS = {"纸质": 60, "电子": 30, "声像": 5, "实物": 5}
SECRECY_WEIGHTS = {"公开": 30, "内部": 55, "秘密": 10, "机密": 4, "绝密": 1}
USE_MODES = ("阅览", "借出", "复制", "摘录")
PURPOSES = ("工作查考", "编史修志", "学术研究", "经济建设", "落实政策", "个人取证")
EFFECTS = ("凭证", "参考", "编研", "其他")
TITLES = ("关于{}工作的通知", "{}会议纪要", "关于{}的请示", "{}年度总结", "关于{}的批复", "{}合同")
TOPICS = ("档案检查", "安全生产", "财务预算", "人事任免", "设备采购", "项目验收", "质量管理", "环境保护")
ITEM_FIELDS = (
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx",
	"fonds", "category", "year", "retention_period", "filing_unit", "status", "workflow_state",
	"reference_code", "item_no", "title", "responsible_party", "doc_number", "doc_date", "pages",
	"secrecy_level", "open_status", "carrier", "dossier", "av_event", "av_time", "av_place", "av_people",
	"av_background", "av_recorder", "expiry_date", "filed_on", "filed_by", "destroyed_on",
	"destruction_batch", "destroyed_by",
)  # fmt: skip
ADMIN = "Administrator"


def pick(rng, weights: dict):
	return rng.choices(list(weights), weights=list(weights.values()))[0]


def stamp(d) -> str:
	return d.strftime("%Y-%m-%d %H:%M:%S") if isinstance(d, datetime) else d.isoformat()


def ensure_masters():
	for f in FONDS:
		if not frappe.db.exists("Fonds", f):
			frappe.get_doc({"doctype": "Fonds", "fonds_code": f, "fonds_name": f"基准单位{f}"}).insert()
		for u in range(1, UNITS_PER_FONDS + 1):
			code = f"{f}U{u}"
			if not frappe.db.exists("Filing Unit", code):
				frappe.get_doc(
					{"doctype": "Filing Unit", "unit_code": code, "unit_name": f"{f}部门{u}", "fonds": f}
				).insert()
	users = {
		"bm-manager@bench.test": ["Archive Manager"],
		"bm-archivist@bench.test": ["Departmental Archivist"],
		"bm-reader@bench.test": ["Archive Reader"],
	}
	for email, roles in users.items():
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": email.split("@")[0],
					"send_welcome_email": 0,
					"user_type": "System User",
					"roles": [{"role": r} for r in roles],
				}
			).insert(ignore_permissions=True)
	for unit in ("BM01U1", "BM01U2"):
		if not frappe.db.exists("User Permission", {"user": "bm-archivist@bench.test", "for_value": unit}):
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": "bm-archivist@bench.test",
					"allow": "Filing Unit",
					"for_value": unit,
				}
			).insert(ignore_permissions=True)
	frappe.db.commit()


COMMON_WORDS = (
	"档案 管理 工作 通知 会议 纪要 安全 生产 质量 检查 项目 验收 设备 采购 财务 预算 人事 任免 环境 保护 单位 部门 "
	"领导 职工 制度 规定 办法 实施 方案 计划 总结 报告 请示 批复 合同 协议 文件 资料 数据 信息 系统 建设 发展 改革 "
	"培训 考核 评估 监督 审计 统计 分析 技术 标准 规范 流程 节能 减排 消防 应急 演练 维修 保养 运行 调度 销售 市场 "
	"客户 服务 投诉 处理 整改 落实 责任 目标 任务 进度 成本 费用 报销 审批 印章 公文 收文 发文 归档 移交 保管 利用 "
	"借阅 鉴定 销毁 保密 密级 期限 年度 季度 月度 会计 凭证 账簿 报表 工资 社保 招聘 录用 劳动 合同工 退休 党建 "
	"工会 宣传 新闻 简报 大事记 照片 录音 录像 基建 图纸 竣工 施工 监理 招标 投标 中标 质检 化验 检测 仪器 计量"
).split()


def vocabulary(rng, size: int = 30_000) -> list[str]:
	"""The common words, then made-up words of two or three characters (rarer the later they come)."""
	words = list(COMMON_WORDS)
	seen = set(words)
	while len(words) < size:
		word = "".join(chr(rng.randint(0x4E00, 0x5FFF)) for _ in range(rng.choice((2, 2, 3))))
		if word not in seen:
			seen.add(word)
			words.append(word)
	return words


def page_text(rng, words, cumulative, chars: int) -> str:
	out, length = [], 0
	while length < chars:
		sentence = "".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(4, 12)))
		out.append(sentence + "。")
		length += len(sentence) + 1
	return "".join(out)


def generate_text(n: int, pages: int, seed: int, chars: int = 300) -> None:
	"""N filed items with a file's text of ``pages`` pages (Archive Full Text rows, bulk-inserted)."""
	import itertools

	rng = random.Random(seed + 7)
	words = vocabulary(rng)
	cumulative = list(itertools.accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(words))))
	items = frappe.db.sql_list(
		"select name from `tabArchive Item` where status = 'Filed' and fonds in %(f)s order by rand(%(s)s) limit %(n)s",
		{"f": FONDS, "s": seed, "n": n},
	)
	now = stamp(datetime.now())
	started = time.time()
	texts, rows = [], []
	fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "archive_item", "file",
		"file_name", "status", "method", "page_count")  # fmt: skip
	page_fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "parent",
		"parentfield", "parenttype", "page", "text")  # fmt: skip
	for i, item in enumerate(items):
		file = f"BMF{i:08d}"
		texts.append(
			(file, now, now, ADMIN, ADMIN, 0, 0, item, file, f"正文{i}.pdf", "Extracted", "Text Layer", pages)
		)
		for p in range(1, pages + 1):
			rows.append((f"{file}-{p}", now, now, ADMIN, ADMIN, 0, p, file, "pages", "Archive Full Text", p,
				page_text(rng, words, cumulative, chars)))  # fmt: skip
		if len(rows) >= CHUNK:
			frappe.db.bulk_insert("Archive Full Text", fields, texts, chunk_size=CHUNK)
			frappe.db.bulk_insert("Archive Full Text Page", page_fields, rows, chunk_size=2000)
			frappe.db.commit()
			texts, rows = [], []
		if (i + 1) % 10_000 == 0:
			print(f"  {i + 1} items with text, {time.time() - started:.0f}s", flush=True)
	if texts:
		frappe.db.bulk_insert("Archive Full Text", fields, texts, chunk_size=CHUNK)
		frappe.db.bulk_insert("Archive Full Text Page", page_fields, rows, chunk_size=2000)
	frappe.db.commit()


def generate(n: int, seed: int):
	from archive_mgmt.filing.catalogue_import import Names, reserve_names
	from archive_mgmt.rules.retention import expiry_date

	rng = random.Random(seed)
	today = date.today()
	names = Names()
	names.add(*reserve_names(n), n)
	frappe.db.commit()
	seq: dict[tuple, int] = {}
	batch, loans_out, destroyed_by_fonds_year = [], [], {}
	dossier_rows, open_dossier = [], {}
	started = time.time()
	for i, name in enumerate(names):
		fonds = FONDS[min(int(rng.paretovariate(1.2)) - 1, len(FONDS) - 1)]
		unit = f"{fonds}U{rng.randint(1, UNITS_PER_FONDS)}"
		year = rng.choice(YEARS) if rng.random() < 0.7 else rng.randint(2010, 2024)
		category, retention = pick(rng, CATEGORY_WEIGHTS), pick(rng, RETENTION_WEIGHTS)
		carrier, secrecy = pick(rng, CARRIER_WEIGHTS), pick(rng, SECRECY_WEIGHTS)
		doc_date = date(year, rng.randint(1, 12), rng.randint(1, 28))
		expiry = expiry_date(year, retention)
		status, filed_on, dossier = (
			"Filed",
			datetime(year + 1, rng.randint(1, 3), rng.randint(1, 28), 10),
			None,
		)
		destroyed_on = destruction_batch = None
		if year == 2024 and rng.random() < 0.15:
			status, filed_on = "Draft", None
		elif expiry and expiry < today and rng.random() < 0.6:
			status = "Destroyed"
			destroyed_on = datetime(max(expiry.year, 2005), rng.randint(4, 11), rng.randint(1, 28), 15)
			destruction_batch = f"DB-BM-{fonds}-{destroyed_on.year}"
			destroyed_by_fonds_year.setdefault((fonds, destroyed_on.year), []).append((name, year, retention))
		elif year < 2000 and retention == "Y" and rng.random() < 0.3:
			status = "Transferred"
		if status == "Filed" and category in ("WS", "XZ", "KU") and rng.random() < 0.3:
			group = (fonds, category, year, retention, unit)
			current = open_dossier.get(group)
			if not current or current[1] >= 20:
				current = [f"DS-BM{len(dossier_rows) + 1:07d}", 0]
				open_dossier[group] = current
				dossier_rows.append((current[0], fonds, category, year, retention, unit, secrecy))
			current[1] += 1
			dossier = current[0]
		code = None
		if status != "Draft":
			g = (fonds, category, year, retention, unit)
			seq[g] = seq.get(g, 0) + 1
			code = f"{fonds}-{category}·{year}-{retention}-{unit}-{seq[g]:05d}"
		incomplete = status == "Draft" and rng.random() < 0.3
		av = carrier == "声像"
		topic = rng.choice(TOPICS)
		created = stamp(filed_on or datetime(2024, 12, 1))
		row = {
			"name": name, "creation": created, "modified": created, "owner": ADMIN, "modified_by": ADMIN,
			"docstatus": 0, "idx": 0, "fonds": fonds, "category": category, "year": year,
			"retention_period": retention, "filing_unit": unit, "status": status,
			"workflow_state": "Draft" if status == "Draft" else "Filed", "reference_code": code,
			"item_no": seq.get((fonds, category, year, retention, unit), 0) if code else 0,
			"title": rng.choice(TITLES).format(topic), "responsible_party": None if incomplete else "办公室",
			"doc_number": f"{fonds}发〔{year}〕{i % 997 + 1}号", "doc_date": doc_date.isoformat(),
			"pages": rng.randint(1, 40), "secrecy_level": secrecy, "open_status": rng.choice(("开放", "控制")),
			"carrier": carrier, "dossier": dossier,
			"av_event": topic if av else None, "av_time": str(year) if av else None, "av_place": "本单位" if av else None,
			"av_people": "全体职工" if av else None, "av_background": "年度活动" if av else None,
			"av_recorder": "宣传科" if av else None, "expiry_date": expiry.isoformat() if expiry else None,
			"filed_on": stamp(filed_on) if filed_on else None, "filed_by": ADMIN if filed_on else None,
			"destroyed_on": stamp(destroyed_on) if destroyed_on else None,
			"destruction_batch": destruction_batch, "destroyed_by": ADMIN if destroyed_on else None,
		}  # fmt: skip
		if status == "Filed" and rng.random() < 0.06:
			loans_out.append((name, fonds, unit, year))
		batch.append(tuple(row[f] for f in ITEM_FIELDS))
		if len(batch) >= CHUNK:
			frappe.db.bulk_insert("Archive Item", ITEM_FIELDS, batch, chunk_size=CHUNK)
			frappe.db.commit()
			batch = []
			if (i + 1) % 100_000 == 0:
				print(f"  {i + 1} items, {time.time() - started:.0f}s", flush=True)
	if batch:
		frappe.db.bulk_insert("Archive Item", ITEM_FIELDS, batch, chunk_size=CHUNK)
	frappe.db.commit()
	insert_dossiers(dossier_rows)
	insert_destruction_batches(destroyed_by_fonds_year, rng)
	insert_loans(loans_out, rng, today)
	frappe.db.commit()


def insert_dossiers(rows):
	fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "title", "fonds",
		"category", "year", "retention_period", "filing_unit", "secrecy_level", "dossier_no", "reference_code")  # fmt: skip
	now = stamp(datetime.now())
	values = [
		(name, now, now, ADMIN, ADMIN, 0, 0, f"{year}年{category}案卷", fonds, category, year, ret, unit, sec, i + 1,
			f"{fonds}-{category}·{year}-{ret}-{unit}-A{i + 1:06d}")
		for i, (name, fonds, category, year, ret, unit, sec) in enumerate(rows)
	]  # fmt: skip
	frappe.db.bulk_insert("Dossier", fields, values, chunk_size=CHUNK)
	print(f"  {len(values)} dossiers", flush=True)


def insert_destruction_batches(by_fonds_year: dict, rng):
	batch_fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "fonds",
		"batch_title", "workflow_state", "destroyed_count", "appraised_on", "destruction_date", "executed_by")  # fmt: skip
	item_fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "parent",
		"parenttype", "parentfield", "archive_item", "year", "retention_period", "decision", "new_retention_period")  # fmt: skip
	batches, rows = [], []
	for (fonds, year), items in sorted(by_fonds_year.items()):
		name = f"DB-BM-{fonds}-{year}"
		when = stamp(datetime(year, 11, 30, 10))
		batches.append((name, when, when, ADMIN, ADMIN, 0, 0, fonds, f"{year}年到期档案销毁", "Destroyed",
			len(items), stamp(datetime(year, 10, 15, 10)), when, ADMIN))  # fmt: skip
		for idx, (item, item_year, ret) in enumerate(items, 1):
			rows.append((f"{name}-{idx}", when, when, ADMIN, ADMIN, 0, idx, name, "Destruction Batch", "items",
				item, item_year, ret, "Destroy", None))  # fmt: skip
		for extra in range(max(1, len(items) // 10)):  # some kept longer (not destroyed, item unchanged)
			idx = len(items) + extra + 1
			rows.append((f"{name}-{idx}", when, when, ADMIN, ADMIN, 0, idx, name, "Destruction Batch", "items",
				None, year, "D10", rng.choice(("Extend", "Keep Permanently")), "D30"))  # fmt: skip
	frappe.db.bulk_insert("Destruction Batch", batch_fields, batches, chunk_size=CHUNK)
	frappe.db.bulk_insert("Destruction Batch Item", item_fields, rows, chunk_size=CHUNK)
	print(f"  {len(batches)} destruction batches, {len(rows)} batch rows", flush=True)


def insert_loans(candidates, rng, today):
	loan_fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "borrower_type",
		"borrower", "borrower_name", "borrower_unit", "request_date", "purpose", "use_mode", "start_date", "due_date",
		"is_overdue", "workflow_state", "completed_on")  # fmt: skip
	item_fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "parent", "parenttype",
		"parentfield", "archive_item", "reference_code", "issued_on", "issued_by", "returned_on", "received_by")  # fmt: skip
	effect_fields = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "loan_request",
		"borrower_type", "borrower", "record_date", "effect", "purpose")  # fmt: skip
	loans, rows, effects, on_loan = [], [], [], []
	reader = "bm-reader@bench.test"
	rng.shuffle(candidates)
	for n in range(0, len(candidates) - 1, 2):
		pair = candidates[n : n + 2]
		unit = pair[0][2]
		out_now = n < 400
		day = (
			today - timedelta(days=rng.randint(1, 20))
			if out_now
			else date(rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28))
		)
		name = f"JY-BM-{n // 2 + 1:07d}"
		due = day + timedelta(days=14)
		state = "Issued" if out_now else "Completed"
		when = stamp(datetime.combine(day, datetime.min.time()))
		borrower = reader if out_now else ADMIN
		loans.append((name, when, when, borrower, borrower, 0, 0, "Internal", borrower, "基准借阅人", unit, day.isoformat(),
			rng.choice(PURPOSES), rng.choice(USE_MODES), day.isoformat(), due.isoformat(), int(out_now and due < today),
			state, None if out_now else due.isoformat()))  # fmt: skip
		for idx, (item, *_rest) in enumerate(pair, 1):
			rows.append((f"{name}-{idx}", when, when, borrower, borrower, 0, idx, name, "Loan Request", "items", item,
				None, when, ADMIN, None if out_now else stamp(datetime.combine(due, datetime.min.time())),
				None if out_now else ADMIN))  # fmt: skip
			if out_now:
				on_loan.append(item)
		if not out_now and rng.random() < 0.5:
			effects.append((f"XG-BM-{n // 2 + 1:07d}", when, when, ADMIN, ADMIN, 0, 0, name, "Internal", ADMIN,
				due.isoformat(), rng.choice(EFFECTS), rng.choice(PURPOSES)))  # fmt: skip
	frappe.db.bulk_insert("Loan Request", loan_fields, loans, chunk_size=CHUNK)
	frappe.db.bulk_insert("Loan Request Item", item_fields, rows, chunk_size=CHUNK)
	frappe.db.bulk_insert("Utilization Effect Record", effect_fields, effects, chunk_size=CHUNK)
	for start in range(0, len(on_loan), 1000):
		frappe.db.sql(
			"update `tabArchive Item` set status = 'On Loan' where name in %s",
			[tuple(on_loan[start : start + 1000])],
		)
	from archive_mgmt.access_control import clearance

	clearance.set_holders()  # each item lent now names its holder, as its loan's issue writes it
	print(
		f"  {len(loans)} loans, {len(rows)} loan items ({len(on_loan)} out now), {len(effects)} effect records",
		flush=True,
	)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--items", type=int, default=1_000_000)
	parser.add_argument("--seed", type=int, default=1)
	parser.add_argument("--text-items", type=int, default=0, help="items that carry a file's text")
	parser.add_argument("--pages", type=int, default=3, help="pages of text per such item")
	parser.add_argument("--text-only", action="store_true", help="add the text to a generated archive")
	args = parser.parse_args()
	connect(args.site)
	if args.text_only:
		generate_text(args.text_items, args.pages, args.seed)
		frappe.destroy()
		return
	if frappe.db.count("Archive Item", {"fonds": ("in", FONDS)}):
		sys.exit(f"{args.site} already holds benchmark items (fonds {FONDS}); use a fresh site")
	from archive_mgmt.statistics import counts

	started = time.time()
	ensure_masters()
	generate(args.items, args.seed)
	if args.text_items:
		generate_text(args.text_items, args.pages, args.seed)
	print(f"generated in {time.time() - started:.0f}s; recounting", flush=True)
	t = time.time()
	rows = counts.recount()
	frappe.db.commit()
	print(f"recount: {rows} counter rows in {time.time() - t:.1f}s", flush=True)
	frappe.db.sql(
		"analyze table `tabArchive Item`, `tabArchive Statistic`, `tabLoan Request`, `tabLoan Request Item`"
	)
	frappe.destroy()


if __name__ == "__main__":
	main()
