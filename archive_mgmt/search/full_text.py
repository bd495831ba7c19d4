"""The text of an Archive Item's files (全文), page by page, for the search and for the archivist to correct.

Each file attached to an item gets an Archive Full Text (named by the file): its pages' text and, for OCR,
each page's confidence, or the reason (in Chinese) it could not be read. A file never blocks filing: reading
fails into the record's reason, never into the attaching request.

- Text layers (PDF, DOCX, XLSX, TXT/CSV, XML, OFD) of files up to INLINE_BYTES are read while the file is
  attached, in the same transaction; larger ones, scans and images are read by a job on the ``long``
  queue (enqueued after the commit; resume_pending, hourly, enqueues any left pending, so none is lost).
- Scans (a PDF page without a text layer) and images are recognised by Tesseract (ocr.py).
"""

import io
import os
import re
import zipfile
from xml.etree import ElementTree

import frappe
from frappe import _

from archive_mgmt.search import engine, ocr

DOCTYPE = "Archive Full Text"
INDEXED_DOCTYPES = ("Archive Item",)
INLINE_BYTES = 5 * 1024 * 1024
MIN_TEXT_PER_PAGE = 10  # a PDF page with fewer characters in its text layer is a scan: OCR it
PENDING, EXTRACTED, RECOGNISED, UNREADABLE = "Awaiting Reading", "Extracted", "Recognised", "Unreadable"
TEXT_LAYER, OCR = "Text Layer", "OCR"
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "tif", "tiff", "bmp", "gif", "webp"}
TEXT_EXTENSIONS = {"txt", "csv", "md", "log"}


class Unreadable(Exception):
	"""The file cannot be read: the message (translated) is recorded as the reason."""


def extension(file_name: str | None) -> str:
	return os.path.splitext(file_name or "")[1].lstrip(".").lower()


# --- File hooks --------------------------------------------------------------------------------------------


def on_file_attached(doc, method=None):
	"""File after_insert: a file attached to an Archive Item gets its full text (now or queued)."""
	if doc.attached_to_doctype not in INDEXED_DOCTYPES or not doc.attached_to_name or doc.is_folder:
		return
	if frappe.db.exists(DOCTYPE, doc.name):
		return
	record = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"archive_item": doc.attached_to_name,
			"file": doc.name,
			"file_name": doc.file_name,
			"status": PENDING,
		}
	)
	record.insert(ignore_permissions=True)
	if needs_job(doc):
		enqueue(record.name)
	else:
		read_into(record, doc)


def on_file_deleted(doc, method=None):
	"""File on_trash: its text leaves the index with it."""
	if frappe.db.exists(DOCTYPE, doc.name):
		frappe.delete_doc(DOCTYPE, doc.name, ignore_permissions=True, force=True)


def needs_job(file_doc) -> bool:
	ext = extension(file_doc.file_name or file_doc.file_url)
	return ext in IMAGE_EXTENSIONS or (file_doc.file_size or 0) > INLINE_BYTES


def enqueue(name: str) -> None:
	frappe.enqueue(
		"archive_mgmt.search.full_text.process",
		queue="long",
		name=name,
		job_id=f"archive_full_text::{frappe.local.site}::{name}",
		deduplicate=True,
		enqueue_after_commit=True,
	)


def process(name: str) -> None:
	"""The background job: read one file's text (OCR where needed) and index it, then commit."""
	read(name)
	frappe.db.commit()


def read(name: str) -> None:
	"""Read one file's text, OCR included, into its Archive Full Text (which indexes it)."""
	if not frappe.db.exists(DOCTYPE, name):
		return  # the file was deleted meanwhile
	record = frappe.get_doc(DOCTYPE, name)
	file_doc = frappe.get_doc("File", record.file)
	read_into(record, file_doc, allow_ocr=True)


def resume_pending() -> None:
	"""Hourly: enqueue every file text still pending (a job lost with a worker is taken up again)."""
	for name in frappe.get_all(DOCTYPE, filters={"status": PENDING}, pluck="name", limit=5000):
		enqueue(name)


# --- reading -----------------------------------------------------------------------------------------------


def read_into(record, file_doc, allow_ocr: bool = False) -> None:
	"""Read the file's pages into the record and save it (which indexes them); a failure becomes the reason.

	Without allow_ocr (while attaching), a file that needs OCR is left pending and enqueued."""
	try:
		pages, method = read_pages(file_doc, allow_ocr)
	except NeedsOcr:
		enqueue(record.name)
		return
	except Unreadable as e:
		record.update({"status": UNREADABLE, "reason": str(e), "method": None})
		record.set("pages", [])
	except Exception as e:  # a file's defect never stops filing: it is recorded
		frappe.log_error(f"archive full text {record.name}")
		record.update(
			{"status": UNREADABLE, "reason": _("The file could not be read: {0}").format(str(e)[:200])}
		)
		record.set("pages", [])
	else:
		record.set("pages", [])
		for number, text, confidence in pages:
			record.append("pages", {"page": number, "text": text, "confidence": confidence})
		record.method = method
		record.status = RECOGNISED if method == OCR else EXTRACTED
		record.reason = None
		if not any(text.strip() for _n, text, _c in pages):
			record.status = UNREADABLE
			record.reason = _("No text was found in the file")
	record.flags.ignore_permissions = True
	record.save()


class NeedsOcr(Exception):
	pass


def read_pages(file_doc, allow_ocr: bool):
	"""[(page number, text, confidence or None)], method."""
	ext = extension(file_doc.file_name or file_doc.file_url)
	if ext in IMAGE_EXTENSIONS:
		if not allow_ocr:
			raise NeedsOcr
		return ocr_pages(file_doc, image=True), OCR
	content = file_doc.get_content()
	if isinstance(content, str):
		content = content.encode()
	if ext == "pdf":
		pages = pdf_pages(content)
		if pages and sum(len(t.strip()) for _n, t, _c in pages) >= MIN_TEXT_PER_PAGE * len(pages):
			return pages, TEXT_LAYER
		if not allow_ocr:
			raise NeedsOcr
		return ocr_pages(file_doc, image=False), OCR
	if ext == "docx":
		return [(1, docx_text(content), None)], TEXT_LAYER
	if ext in ("xlsx", "xlsm"):
		return xlsx_pages(content), TEXT_LAYER
	if ext in TEXT_EXTENSIONS:
		return [(1, decode(content), None)], TEXT_LAYER
	if ext == "xml":
		return [(1, xml_text(content), None)], TEXT_LAYER
	if ext == "ofd":
		return ofd_pages(content), TEXT_LAYER
	raise Unreadable(_("Files of type {0} are not read for the search").format(ext or "-"))


def decode(content: bytes) -> str:
	for encoding in ("utf-8-sig", "gb18030"):
		try:
			return content.decode(encoding)
		except UnicodeDecodeError:
			continue
	raise Unreadable(_("The text is neither UTF-8 nor GB 18030"))


def pdf_pages(content: bytes):
	from pypdf import PdfReader
	from pypdf.errors import PdfReadError

	try:
		reader = PdfReader(io.BytesIO(content))
		if reader.is_encrypted:
			raise Unreadable(_("The PDF is encrypted"))
		return [(n, page.extract_text() or "", None) for n, page in enumerate(reader.pages, 1)]
	except PdfReadError as e:
		raise Unreadable(_("The PDF is damaged: {0}").format(str(e)[:200])) from e


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(content: bytes) -> str:
	try:
		with zipfile.ZipFile(io.BytesIO(content)) as z:
			root = ElementTree.fromstring(z.read("word/document.xml"))
	except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as e:
		raise Unreadable(_("The Word document is damaged")) from e
	return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def xlsx_pages(content: bytes):
	import openpyxl

	try:
		wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception as e:
		raise Unreadable(_("The Excel workbook is damaged")) from e
	pages = []
	for n, sheet in enumerate(wb.worksheets, 1):
		lines = ["\t".join(str(v) for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]
		pages.append((n, "\n".join(line for line in lines if line), None))
	wb.close()
	return pages


def xml_text(content: bytes) -> str:
	try:
		root = ElementTree.fromstring(content)
	except ElementTree.ParseError as e:
		raise Unreadable(_("The XML file is damaged")) from e
	return "\n".join(t.strip() for t in root.itertext() if t.strip())


OFD_PAGE = re.compile(r"Pages/Page_(\d+)/Content\.xml$")


def ofd_pages(content: bytes):
	"""OFD (GB/T 33190): a zip of XML pages; the text is in their TextCode elements."""
	try:
		with zipfile.ZipFile(io.BytesIO(content)) as z:
			pages = sorted((int(m.group(1)), name) for name in z.namelist() if (m := OFD_PAGE.search(name)))
			out = []
			for n, (_number, name) in enumerate(pages, 1):
				root = ElementTree.fromstring(z.read(name))
				text = "".join(e.text or "" for e in root.iter() if e.tag.endswith("TextCode"))
				out.append((n, text, None))
			return out
	except (zipfile.BadZipFile, ElementTree.ParseError) as e:
		raise Unreadable(_("The OFD file is damaged")) from e


def ocr_pages(file_doc, image: bool):
	if not ocr.available():
		raise Unreadable(_("Tesseract OCR with Chinese (tesseract-ocr-chi-sim) is not installed"))
	path = file_doc.get_full_path()
	pages = ocr.recognise_image(path) if image else ocr.recognise_pdf(path)
	return [(n, text, confidence) for n, (text, confidence) in enumerate(pages, 1)]


# --- the record's lifecycle (called by its controller) -----------------------------------------------------


def index_record(doc) -> None:
	engine.index_files(doc.archive_item, [(doc.file, p.page, p.text or "") for p in doc.pages], doc.file)


def drop_record(doc) -> None:
	engine.drop_file(doc.archive_item, doc.file)
