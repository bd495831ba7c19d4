"""Builders for search tests and the search benchmark: items with words to find, files with text, scans."""

import io

import frappe

from archive_mgmt.rules.status import DESTROYED
from archive_mgmt.search import service

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
A4_300DPI = (2480, 3508)


def tag() -> str:
	"""A word no other record has: a run of rare Chinese characters chosen at random."""
	rare = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
	return "".join(rare[int(c, 16) % len(rare)] for c in frappe.generate_hash(length=8))


def names(text, user=None, filters=None, within=None) -> set[str]:
	"""The items the search finds for the user (Administrator unless told)."""
	rows = service.results_for_export(text, within, filters, user=user or frappe.session.user)
	return {r.name for r in rows}


def attach_text(item: str, text: str, file_name: str = "正文.txt"):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": "Archive Item",
			"attached_to_name": item,
			"content": text.encode(),
			"is_private": 1,
		}
	).insert(ignore_permissions=True)


def render_scan(lines: list[str], size=A4_300DPI, font_px: int = 50) -> bytes:
	"""A page scanned at 300 dpi: the lines in black on white, in Noto Sans CJK at about 12 pt (PNG)."""
	from PIL import Image, ImageDraw, ImageFont

	image = Image.new("L", size, 255)
	draw = ImageDraw.Draw(image)
	font = ImageFont.truetype(FONT, font_px)
	y = 200
	for line in lines:
		draw.text((200, y), line, font=font, fill=0)
		y += int(font_px * 1.8)
	out = io.BytesIO()
	image.save(out, format="PNG", dpi=(300, 300))
	return out.getvalue()


def destroy(item: str) -> None:
	"""As an executed destruction batch does (item_status.change with the tombstone's fields)."""
	from frappe.utils import now_datetime

	from archive_mgmt.filing import item_status

	item_status.change(item, DESTROYED, {"destroyed_on": now_datetime(), "destroyed_by": frappe.session.user})
