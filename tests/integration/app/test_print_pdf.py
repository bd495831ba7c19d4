"""Every print format as the PDF an archivist downloads: Frappe's download_pdf (the desk's PDF button) runs
Debian's wkhtmltopdf, and the PDF is read back — its pages, their size and the Chinese text on them."""

import functools
import io
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import frappe
import pytest
from frappe.utils.pdf import get_pdf
from frappe.utils.print_format import download_pdf
from pypdf import PdfReader

from archive_mgmt.api.filing import print_selection
from tests.integration.destruction_factories import (
	approved_batch,
	execute,
	make_destruction_world,
	make_expired_item,
)
from tests.integration.factories import (
	act,
	as_user,
	make_box,
	make_dossier,
	make_filed_item,
	make_handover,
	make_item,
)
from tests.integration.office_factories import (
	INCOMING,
	OUTGOING,
	draft,
	issue,
	make_concluded_incoming,
	make_office,
	to_numbering,
)


@pytest.fixture(scope="module")
def assets_url():
	"""The site's /assets, served as the web server serves them: Frappe's PDF links print.bundle.css by the
	site's URL and wkhtmltopdf fetches it (the documents themselves stay in the test's transaction).
	Without wkhtmltopdf the tests fail rather than skip: the prints would go unchecked."""
	if not shutil.which("wkhtmltopdf"):
		pytest.fail("wkhtmltopdf is not installed (scripts/setup-bench installs Debian's package)")
	handler = functools.partial(QuietHandler, directory=str(Path(frappe.get_site_path()).parent))
	server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
	threading.Thread(target=server.serve_forever, daemon=True).start()
	yield f"http://127.0.0.1:{server.server_address[1]}"
	server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
	def log_message(self, *args):
		pass


@pytest.fixture(autouse=True)
def served_site(assets_url, monkeypatch):
	monkeypatch.setitem(frappe.local.conf, "host_name", assets_url)


A4 = (595, 842)  # points, rounded
CHINESE_FONTS = ("UMing", "SimSun", "CJK")  # as the embedded fonts' names (/BaseFont) spell them
FORMATS = {
	"归档章": "Archive Item",
	"卷内目录": "Dossier",
	"备考表": "Dossier",
	"案卷封面": "Dossier",
	"档案盒标签": "Archive Location",
	"移交清单": "Handover List",
	"销毁清册": "Destruction Batch",
	"收文处理笺": "Incoming Office Document",
	"发文稿纸": "Outgoing Office Document",
}


class Pdf:
	def __init__(self, content: bytes):
		assert content[:5] == b"%PDF-", content[:40]
		self.reader = PdfReader(io.BytesIO(content))
		self.pages = [p.extract_text() for p in self.reader.pages]

	@property
	def text(self) -> str:
		return "\n".join(self.pages)

	def has(self, text: str, page: int | None = None) -> bool:
		"""Whether the text layer holds ``text`` (runs of another font or line break in between)."""
		layer = self.text if page is None else self.pages[page]
		return "".join(text.split()) in "".join(layer.split())

	def sizes(self) -> set[tuple[int, int]]:
		return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in self.reader.pages}

	def fonts(self) -> set[str]:
		names = set()
		for page in self.reader.pages:
			for font in (page["/Resources"].get("/Font") or {}).values():
				names.add(str(font.get_object().get("/BaseFont")))
		return names


def pdf(user, doctype, name, print_format) -> Pdf:
	"""The PDF the desk's print view downloads for ``user``."""
	frappe.local.response = frappe._dict()
	with as_user(user):
		download_pdf(doctype, name, print_format)
	assert frappe.local.response.type == "pdf"
	return Pdf(frappe.local.response.filecontent)


def assert_printed(doc: Pdf, *texts, pages=1):
	assert len(doc.pages) == pages
	assert doc.sizes() == {A4}
	# The Chinese is drawn in a Chinese font (not boxes), and the text layer holds it as typed.
	assert any(name in f for f in doc.fonts() for name in CHINESE_FONTS), doc.fonts()
	for text in texts:
		assert doc.has(text), (text, doc.text[:500])


def test_every_print_format_of_the_app_is_tested_here():
	"""A new print format fails here until it has a PDF test below."""
	standard = frappe.get_all(
		"Print Format",
		filters={"module": ("in", frappe.get_module_list("archive_mgmt")), "standard": "Yes"},
		fields=["name", "doc_type"],
	)
	assert {p.name: p.doc_type for p in standard} == FORMATS


def test_the_archival_stamp(world):
	item = make_filed_item(world, retention_period="Y", pages=5)
	doc = pdf(world.manager, "Archive Item", item.name, "归档章")
	assert_printed(doc, world.fonds, "2024", f"{item.item_no:04}", world.unit, "永久", "全宗号")


def test_a_bulk_print_of_archival_stamps_is_a_sheet_of_many_stamps_to_a_page(world):
	items = [make_filed_item(world, retention_period="Y", pages=2) for _ in range(30)]
	frappe.local.response = frappe._dict()
	with as_user(world.manager):
		print_selection([i.name for i in items], "归档章")
	doc = Pdf(get_pdf(frappe.response["filecontent"].decode()))
	assert len(doc.pages) < len(items) / 10  # at least ten stamps to an A4 page
	assert doc.sizes() == {A4}
	assert all(doc.has(f"{i.item_no:04}") for i in items)


def test_the_box_label_shows_the_box_number_and_its_first_and_last_item(world):
	box = make_box()
	items = [make_filed_item(world, retention_period="Y", location=box.name) for _ in range(3)]
	elsewhere = make_filed_item(world, retention_period="Y")  # the next number, in no box
	first, *_, last = sorted(i.item_no for i in items)
	doc = pdf(world.manager, "Archive Location", box.name, "档案盒标签")
	assert_printed(
		doc, "盒号", box.name, "起止件号", f"{first:04}—{last:04}", world.fonds, "2024", "永久", world.unit
	)
	assert not doc.has(f"{elsewhere.item_no:04}")


def test_the_dossier_prints(world):
	items = [
		make_filed_item(world, title=f"卷内文件{i}", pages=i + 2, retention_period="Y") for i in range(2)
	]
	with as_user(world.manager):
		dossier = make_dossier(world, items, note="本卷文件齐全")
	code = dossier.reference_code
	assert_printed(
		pdf(world.manager, "Dossier", dossier.name, "卷内目录"), "卷内目录", code, "卷内文件1", "3-5"
	)
	assert_printed(pdf(world.manager, "Dossier", dossier.name, "备考表"), "备考表", "本卷文件齐全", code)
	assert_printed(
		pdf(world.manager, "Dossier", dossier.name, "案卷封面"),
		f"测试全宗{world.fonds}",
		"2024年档案工作",
		"保管期限：永久",
		code,
	)


def test_a_long_contents_list_runs_onto_more_pages_and_loses_no_row(world):
	items = [
		make_filed_item(world, title=f"长目录文件第{i:02}号", pages=1, retention_period="Y")
		for i in range(60)
	]
	with as_user(world.manager):
		dossier = make_dossier(world, items, note="本卷文件齐全")
	doc = pdf(world.manager, "Dossier", dossier.name, "卷内目录")
	assert len(doc.pages) >= 2 and doc.sizes() == {A4}
	assert doc.has("长目录文件第00号", page=0) and doc.has("长目录文件第59号", page=-1)
	assert all(doc.has(f"长目录文件第{i:02}号") for i in range(60))


def test_the_handover_list(world):
	with as_user(world.clerk):
		item = make_item(world, title="移交打印文件")
	handover = make_handover(world, [item])
	with as_user(world.clerk):
		act(handover, "Submit Handover")
	doc = pdf(world.clerk, "Handover List", handover.name, "移交清单")
	assert_printed(doc, "档案移交清单", "移交打印文件", "移交人（签字）", handover.name)


def test_the_destruction_register():
	w = make_destruction_world()
	destroy, keep = make_expired_item(w, title="到期销毁的文件"), make_expired_item(w, title="继续保存的文件")
	batch = execute(w, approved_batch(w, {destroy.name: "Destroy", keep.name: "Keep Permanently"}))
	doc = pdf(w.lead, "Destruction Batch", batch.name, "销毁清册")
	assert_printed(doc, "档案销毁清册", "到期销毁的文件", "档案室销毁间", "监销人签字", batch.name)
	assert not doc.has("继续保存的文件")


def test_the_incoming_document_processing_slip():
	office = make_office()
	doc = make_concluded_incoming(office)
	slip = pdf(office.clerk, INCOMING, doc.name, "收文处理笺")
	assert_printed(
		slip, "收文处理笺", doc.receipt_no, "市档发〔2026〕3号", "拟请分管领导阅示", "同意，请办公室抓紧落实"
	)


def test_the_outgoing_document_draft_sheet():
	office = make_office()
	doc = issue(office, to_numbering(office, draft(office)))
	sheet = pdf(office.clerk, OUTGOING, doc.name, "发文稿纸")
	assert_printed(
		sheet, "发文稿纸", doc.doc_number, "关于报送2026年度档案工作总结的通知", "各部门", "档案室"
	)


def test_a_reader_gets_no_pdf_of_a_handover_list_they_may_not_see(world):
	"""Frappe answers as for a missing record, so the refusal does not even tell that it exists."""
	with as_user(world.clerk):
		handover = make_handover(world, [make_item(world, title="不给看的移交")])
	with pytest.raises(frappe.DoesNotExistError):
		pdf(world.reader, "Handover List", handover.name, "移交清单")
	assert not frappe.local.response.get("filecontent")
