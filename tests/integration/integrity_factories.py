"""Builders for the integrity tests: real files (PDF, images, zips) attached to real items."""

import io
import zipfile

import frappe
from pypdf import PdfWriter

from tests.integration.factories import as_user, make_item


def pdf_bytes(pages: int = 3, password: str | None = None, marker: str | None = None) -> bytes:
	writer = PdfWriter()
	for _ in range(pages):
		writer.add_blank_page(width=595, height=842)
	# a unique marker, so that Frappe's de-duplication never shares one file between tests
	writer.add_metadata({"/Subject": marker or frappe.generate_hash()})
	if password:
		writer.encrypt(password)
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def png_bytes() -> bytes:
	from PIL import Image

	out = io.BytesIO()
	Image.new("RGB", (4, 4), (int(frappe.generate_hash()[:2], 16), 0, 0)).save(out, format="PNG")
	return out.getvalue()


def docx_bytes() -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w") as z:
		z.writestr("[Content_Types].xml", "<Types/>")
		z.writestr("word/document.xml", f"<w:document>{frappe.generate_hash()}</w:document>")
	return out.getvalue()


def attach(doctype: str, name: str, content: bytes, file_name: str = "正文.pdf", private: int = 1):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"content": content,
			"is_private": private,
		}
	).insert(ignore_permissions=True)


def electronic_item(world, content: bytes | None = None, file_name: str = "正文.pdf", **values):
	"""A draft electronic item (made by the manager) with one attached file, a 3-page PDF by default."""
	with as_user(world.manager):
		item = make_item(world, carrier="电子", pages=values.pop("pages", 3), **values)
	file_doc = attach("Archive Item", item.name, content if content is not None else pdf_bytes(3), file_name)
	return item, file_doc


def tamper(file_doc, new_bytes: bytes | None = None) -> None:
	"""Change the stored bytes on disk behind the archive's back."""
	path = file_doc.get_full_path()
	with open(path, "r+b") as f:
		if new_bytes is None:
			data = bytearray(f.read())
			data[len(data) // 2] ^= 0xFF
			new_bytes = bytes(data)
		f.seek(0)
		f.write(new_bytes)
		f.truncate()


def results(check, prop=None, test=None) -> list:
	return [
		r for r in check.results if (prop is None or r.property == prop) and (test is None or r.test == test)
	]


def failed(check) -> list[tuple[str, str, str]]:
	return [(r.property, r.test, r.reason) for r in check.results if r.result == "不通过"]
