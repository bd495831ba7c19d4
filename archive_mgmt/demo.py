"""A demo archive for a first look in the desk:

    bench --site <site> execute archive_mgmt.demo.make_demo

Creates fonds Z109 (示例单位), four filing units, a storage room with shelves and boxes, 300 archive items
over 2019–2024 (about two thirds filed, with reference codes; the electronic ones carry their PDF) and
dossiers grouping them. Runs once: a second call finds Z109 and does nothing. Masters that already exist
(a filing unit or location of the same code) are used as they are. A failure undoes everything and says
why, with a non-zero exit (bench execute would otherwise report it as a NameError of its own).
"""

import io
import random
import sys
import traceback

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from pypdf import PdfWriter

from archive_mgmt.install import insert_missing
from archive_mgmt.roles import ARCHIVE_MANAGER

FONDS = "Z109"
MAX_ITEMS = 10000
UNITS = [("BGS", "办公室"), ("CWB", "财务部"), ("RSB", "人事部"), ("XMB", "项目部")]
TITLES = [
	("XZ", "关于印发《档案管理办法》的通知"),
	("XZ", "年度工作总结"),
	("XZ", "办公会议记录"),
	("CW", "年度财务报表"),
	("CW", "资产核算报告"),
	("YG", "员工考勤汇总表"),
	("YG", "干部任免决定"),
	("XM", "项目合同"),
	("SBSS", "设备维修登记"),
	("AB", "安保值班记录"),
]


def make_demo(items: int = 300, seed: int = 109) -> dict:
	"""The bench entry point: all or nothing, and a failure named in words, with exit status 1."""
	# not frappe.only_for, which lets anyone through while tests run
	if not {"System Manager", ARCHIVE_MANAGER} & set(frappe.get_roles()):
		frappe.throw(
			_("Only a System Manager or an Archive Manager may load the demo data"), frappe.PermissionError
		)
	if frappe.db.exists("Fonds", FONDS):
		return {"created": False, "message": _("Fonds {0} exists: demo data already loaded").format(FONDS)}
	try:
		result = build_demo(items, seed)
	except Exception as e:
		frappe.db.rollback()
		traceback.print_exc(file=sys.stderr)
		raise SystemExit(_("The demo data could not be made, nothing was kept: {0}").format(e)) from e
	frappe.db.commit()
	return result


def build_demo(items: int, seed: int) -> dict:
	if not isinstance(items, int) or not 1 <= items <= MAX_ITEMS:
		frappe.throw(_("The demo makes between 1 and {0} items, not {1}").format(MAX_ITEMS, items))
	rng = random.Random(seed)
	frappe.get_doc({"doctype": "Fonds", "fonds_code": FONDS, "fonds_name": "示例单位"}).insert()
	for code, name in UNITS:
		insert_missing("Filing Unit", code, {"unit_code": code, "unit_name": name, "fonds": FONDS})
	make_locations()

	made = []
	for n in range(items):
		category, title = rng.choice(TITLES)
		year = rng.randint(2019, 2024)
		doc = frappe.get_doc(
			{
				"doctype": "Archive Item",
				"fonds": FONDS,
				"category": category,
				"year": year,
				"filing_unit": rng.choice(UNITS)[0],
				"title": f"{year}年{title}（{n + 1}）",
				"responsible_party": "示例单位",
				"doc_number": f"示发〔{year}〕{n + 1}号",
				"doc_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
				"pages": rng.randint(1, 12),
				"secrecy_level": rng.choice(["公开", "内部", "内部", "内部", "秘密"]),
				"open_status": rng.choice(["开放", "控制"]),
				"carrier": rng.choice(["纸质", "纸质", "纸质", "电子"]),
				"location": f"{FONDS}-H{rng.randint(1, 4):02d}",
			}
		).insert()
		if doc.carrier == "电子":
			attach_pdf(doc)
		made.append(doc)

	dossiers = make_dossiers(made)
	filed = 0
	for doc in sorted(made, key=lambda d: (d.year, d.doc_date)):
		if rng.random() < 0.67:
			apply_workflow(frappe.get_doc("Archive Item", doc.name).as_dict(), "File to Archive")
			filed += 1
	return {"created": True, "items": len(made), "filed": filed, "dossiers": dossiers}


def make_locations():
	room, shelf = f"{FONDS}-KF1", f"{FONDS}-MJJ1"
	insert_missing(
		"Archive Location",
		room,
		{"location_code": room, "location_name": "一号库房", "location_type": "库房", "is_group": 1},
	)
	insert_missing(
		"Archive Location",
		shelf,
		{
			"location_code": shelf,
			"location_name": "1号密集架",
			"location_type": "密集架",
			"is_group": 1,
			"parent_archive_location": room,
		},
	)
	for n in range(1, 5):
		box = f"{FONDS}-H{n:02d}"
		insert_missing(
			"Archive Location",
			box,
			{
				"location_code": box,
				"location_name": f"{n}号档案盒",
				"location_type": "盒",
				"parent_archive_location": shelf,
				"capacity": 100,
			},
		)


def attach_pdf(doc) -> None:
	"""An electronic item's record: a PDF of as many pages as the item says, private, with its fixity."""
	writer = PdfWriter()
	for _page in range(doc.pages or 1):
		writer.add_blank_page(width=595, height=842)
	writer.add_metadata({"/Title": doc.title, "/Author": doc.responsible_party, "/Subject": doc.name})
	out = io.BytesIO()
	writer.write(out)
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{doc.name}.pdf",
			"attached_to_doctype": "Archive Item",
			"attached_to_name": doc.name,
			"content": out.getvalue(),
			"is_private": 1,
		}
	).insert()


def make_dossiers(items) -> int:
	"""One dossier per (year, unit, retention) group of up to ten items, within the 200-page limit."""
	groups = {}
	for doc in items:
		groups.setdefault((doc.year, doc.filing_unit, doc.retention_period), []).append(doc)
	count = 0
	for (year, unit, retention), members in sorted(groups.items()):
		chunk, pages = [], 0
		for doc in members[:10]:
			if pages + (doc.pages or 0) > 200:
				break
			chunk.append(doc)
			pages += doc.pages or 0
		frappe.get_doc(
			{
				"doctype": "Dossier",
				"title": f"{year}年{dict(UNITS)[unit]}文件",
				"fonds": FONDS,
				"category": "WS",
				"year": year,
				"retention_period": retention,
				"filing_unit": unit,
				"items": [{"archive_item": d.name} for d in chunk],
				"note": "本卷文件齐全，排列有序。",
			}
		).insert()
		count += 1
	return count
