"""Online use of electronic records (在线利用): the rules of the viewer that need no database.

During an issued loan the borrower reads an item's files as pages the server renders, each carrying a
watermark (borrower, time, loan number). These are the parts that are plain arithmetic and text: when the
view is open, which page numbers exist, what the watermark says and where its copies fall on a page.
"""

from dataclasses import dataclass
from datetime import date, datetime

from archive_mgmt.rules.loans import COPY, is_overdue

ISSUED = "Issued"
# What the server renders: PDF pages, and images (a multi-page TIFF page by page).
PDF_FORMATS = frozenset({"PDF"})
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "TIFF", "GIF", "BMP"})
# A printed or copied PDF holds at most this many pages (each rendered and watermarked on the server).
MAX_COPY_PAGES = 200

# Why a view is closed (message keys, translated by the caller).
NOT_ISSUED = "The loan is not issued: the online view opens once the items are issued"
RETURNED = "The item was returned: the online view of this loan has ended"
OVERDUE = "The loan is overdue: the online view ended on its due date"


class PageError(ValueError):
	"""A page number that the file does not have, or a range that is not a range of its pages."""


def view_closed_reason(
	workflow_state: str | None,
	issued_on: datetime | None,
	returned_on: datetime | None,
	due_date: date | None,
	today: date,
) -> str | None:
	"""Why the loan row no longer (or not yet) opens the item online, else None.

	The view lasts as long as the loan holds the item out: the loan is issued, the row was issued and is not
	back; and, as the daily overdue job rules for the loan, not past its due date.
	"""
	if returned_on:
		return RETURNED
	if workflow_state != ISSUED or not issued_on:
		return NOT_ISSUED
	if is_overdue(due_date, today, all_returned=False):
		return OVERDUE
	return None


def allows_copy(use_mode: str | None) -> bool:
	"""Only a loan approved for 复制 yields a (watermarked) copy: printed or downloaded."""
	return use_mode == COPY


def renderable_kind(detected_format: str | None) -> str | None:
	"""'pdf', 'image', or None for a file the viewer does not render (by the format of its bytes)."""
	if detected_format in PDF_FORMATS:
		return "pdf"
	if detected_format in IMAGE_FORMATS:
		return "image"
	return None


def page_number(page, pages: int) -> int:
	"""The page asked for, as a number from 1 to pages."""
	try:
		number = int(str(page).strip())
	except (TypeError, ValueError):
		raise PageError(f"not a page number: {page!r}") from None
	if not 1 <= number <= pages:
		raise PageError(f"page {number} is not between 1 and {pages}")
	return number


def page_range(first, last, pages: int, limit: int = MAX_COPY_PAGES) -> range:
	"""The pages from first to last (both included; empty means the first or the last page), at most `limit`."""
	start = page_number(first, pages) if first not in (None, "") else 1
	end = page_number(last, pages) if last not in (None, "") else pages
	if end < start:
		raise PageError(f"page {end} comes before page {start}")
	if end - start + 1 > limit:
		raise PageError(f"{end - start + 1} pages asked for, at most {limit} at a time")
	return range(start, end + 1)


def borrower_label(user: str, full_name: str | None = None) -> str:
	"""The borrower as the watermark names them: their name and their login, or the login alone."""
	name = (full_name or "").strip()
	return f"{name} {user}" if name and name != user else user


def watermark_text(template: str, borrower: str, when: datetime, loan: str) -> str:
	"""The watermark: the template (placeholders {0} borrower, {1} time, {2} loan) filled in.

	A watermark naming no borrower or no loan proves nothing, so both are required.
	"""
	if not (borrower or "").strip() or not (loan or "").strip():
		raise ValueError("a watermark names the borrower and the loan")
	return template.format(borrower.strip(), when.strftime("%Y-%m-%d %H:%M:%S"), loan.strip())


@dataclass(frozen=True)
class Tile:
	x: int
	y: int


def tile_positions(width: int, height: int, tile_width: int, tile_height: int) -> list[Tile]:
	"""Where copies of a watermark tile go so that every part of the page lies under one: a grid of tiles
	(each row shifted by half a tile) covering the page, starting a little outside it."""
	if min(width, height, tile_width, tile_height) <= 0:
		raise ValueError("sizes must be positive")
	tiles = []
	for row, y in enumerate(range(-tile_height // 2, height, tile_height)):
		shift = (tile_width // 2) * (row % 2)
		for x in range(-tile_width + shift, width, tile_width):
			tiles.append(Tile(x, y))
	return tiles
