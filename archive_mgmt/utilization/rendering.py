"""Pages of an item's file as images, and the watermark burned into them (在线利用).

PDF pages are rendered by poppler (``pdftoppm``, ``pdfinfo``; Debian package poppler-utils), images are read
by Pillow. The watermark is drawn into the pixels of each page: the text tiled diagonally across the page,
faint, and once more in full on a band along the bottom. A printed or downloaded copy is a PDF assembled
from these watermarked page images, so it holds no text or page of the original to strip the mark from.

The font is a CJK font of the system (fonts-noto-cjk or fonts-arphic-uming, as the README's packages
install), found by path.
"""

import io
import os
import subprocess
from functools import lru_cache

import frappe
from frappe import _
from PIL import Image, ImageDraw, ImageFont, ImageOps, ImageSequence, UnidentifiedImageError

from archive_mgmt.exceptions import NotRenderableError, WatermarkFontMissingError
from archive_mgmt.rules.viewer import tile_positions

# (path, index in a collection): Noto Sans CJK SC is the third face of its collection.
CJK_FONTS = (
	("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
	("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
	("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
	("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
)
DPI = 110  # an A4 page is 910 × 1286 pixels: legible on a screen, small enough to send page by page
MAX_IMAGE_SIDE = 2000  # a photograph is scaled down to this on its long side
TIMEOUT = 60  # seconds for poppler on one page
INK = (176, 24, 24)  # the watermark's red


def font_path() -> tuple[str, int]:
	"""The CJK font for the watermark, or a clear error naming the packages to install."""
	for path, index in CJK_FONTS:
		if os.path.exists(path):
			return path, index
	frappe.throw(
		_("No Chinese font for the watermark: install {0} or {1} on the server").format(
			"fonts-noto-cjk", "fonts-arphic-uming"
		),
		exc=WatermarkFontMissingError,
	)


@lru_cache(maxsize=16)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
	return ImageFont.truetype(path, size, index=index)


def font(size: int) -> ImageFont.FreeTypeFont:
	return _font(*font_path(), size)


# --- pages -------------------------------------------------------------------------------------------------


def page_count(path: str, kind: str) -> int:
	if kind == "pdf":
		out = _poppler(["pdfinfo", path]).decode("utf-8", "replace")
		for line in out.splitlines():
			if line.startswith("Pages:"):
				return int(line.split(":", 1)[1])
		_unreadable(path)
	with _open_image(path) as image:
		return getattr(image, "n_frames", 1)


def render_page(path: str, kind: str, page: int, dpi: int = DPI) -> Image.Image:
	"""The page (from 1) of the file as an RGB image, without any watermark."""
	if kind == "pdf":
		png = _poppler(
			["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile", path]
		)
		return Image.open(io.BytesIO(png)).convert("RGB")
	with _open_image(path) as image:
		frame = ImageSequence.Iterator(image)[page - 1]
		frame = ImageOps.exif_transpose(frame.convert("RGB"))
	frame.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
	return frame


def _poppler(command: list[str]) -> bytes:
	try:
		done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
	except FileNotFoundError:
		frappe.throw(
			_("{0} is not installed on the server (package {1})").format(command[0], "poppler-utils"),
			exc=NotRenderableError,
		)
	except subprocess.TimeoutExpired:
		frappe.throw(_("Rendering the page took too long"), exc=NotRenderableError)
	if done.returncode != 0 or not done.stdout:
		_unreadable(command[-1])
	return done.stdout


def _open_image(path: str) -> Image.Image:
	try:
		return Image.open(path)
	except (OSError, UnidentifiedImageError):
		_unreadable(path)


def _unreadable(path: str):
	frappe.throw(
		_("File {0} cannot be shown online: it is damaged or encrypted").format(os.path.basename(path)),
		exc=NotRenderableError,
	)


# --- the watermark -----------------------------------------------------------------------------------------


def watermark(page: Image.Image, text: str) -> Image.Image:
	"""The page with the text burned in: tiled diagonally (faint) and on a band along the bottom (legible)."""
	width, height = page.size
	overlay = Image.new("RGBA", page.size, (0, 0, 0, 0))
	tile = _tile(text, max(14, width // 40))
	for spot in tile_positions(width, height, tile.width, tile.height):
		overlay.alpha_composite(tile, (max(spot.x, 0), max(spot.y, 0)), (max(-spot.x, 0), max(-spot.y, 0)))
	band_font = font(max(12, width // 55))
	left, top, right, bottom = band_font.getbbox(text)
	band = bottom - top + band_font.size
	draw = ImageDraw.Draw(overlay)
	draw.rectangle((0, height - band, width, height), fill=(255, 255, 255, 215))
	draw.text(
		((width - (right - left)) // 2, height - band + band_font.size // 2 - top),
		text,
		font=band_font,
		fill=(*INK, 255),
	)
	return Image.alpha_composite(page.convert("RGBA"), overlay).convert("RGB")


def _tile(text: str, size: int) -> Image.Image:
	"""One copy of the diagonal mark with room around it: the text at 30°, faint red, a line for each part
	(borrower, time, loan) so that the copies lie close together."""
	tile_font = font(size)
	lines = "\n".join(part.strip() for part in text.split("·"))
	probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
	left, top, right, bottom = (
		round(v) for v in probe.multiline_textbbox((0, 0), lines, font=tile_font, align="center")
	)
	pad = size * 2
	flat = Image.new("RGBA", (right - left + pad, bottom - top + pad), (0, 0, 0, 0))
	ImageDraw.Draw(flat).multiline_text(
		(pad // 2 - left, pad // 2 - top), lines, font=tile_font, fill=(*INK, 64), align="center"
	)
	return flat.rotate(30, expand=True, resample=Image.BICUBIC)


# --- what is sent ------------------------------------------------------------------------------------------


def png_bytes(image: Image.Image) -> bytes:
	out = io.BytesIO()
	image.save(out, format="PNG", optimize=False, compress_level=6)
	return out.getvalue()


def pdf_bytes(pages: list[Image.Image], dpi: int = DPI) -> bytes:
	"""A PDF of the page images, one image per page (JPEG-compressed), at their rendering resolution."""
	out = io.BytesIO()
	first, *rest = pages
	first.save(out, format="PDF", save_all=True, append_images=rest, resolution=float(dpi), quality=85)
	return out.getvalue()
