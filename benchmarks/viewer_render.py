"""Benchmark: what the online viewer (在线阅览) costs per page, against poppler's bare rendering, same run.

    cd <repo> && /root/frappe-bench/env/bin/python benchmarks/viewer_render.py [--pages 20] [--dpi 110]

Generates an A4 PDF of the given number of pages and a scanned-page-sized JPEG, then for each page times
(a) the baseline: `pdftoppm` rendering the page to PNG, nothing else; (b) what the viewer sends: the page
rendered, the watermark burned in, the PNG encoded; and the watermarked PDF copy of all pages. Prints
milliseconds per page, the ratio to the baseline and the sizes sent. No site needed. Not a test: figures
vary with the machine.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PIL import Image, ImageDraw  # noqa: E402
from pypdf import PdfWriter  # noqa: E402

from archive_mgmt.rules.viewer import watermark_text  # noqa: E402
from archive_mgmt.utilization import rendering  # noqa: E402


def make_pdf(path: Path, pages: int) -> None:
	writer = PdfWriter()
	for _ in range(pages):
		writer.add_blank_page(width=595, height=842)
	with open(path, "wb") as f:
		writer.write(f)


def make_scan(path: Path) -> None:
	scan = Image.new("RGB", (2480, 3508), (246, 244, 236))  # A4 at 300 dpi
	draw = ImageDraw.Draw(scan)
	for y in range(300, 3300, 60):
		draw.line((250, y, 2230, y), fill=(40, 40, 40), width=6)
	scan.save(path, format="JPEG", quality=85)


def timed(fn, *args):
	started = time.perf_counter()
	out = fn(*args)
	return (time.perf_counter() - started) * 1000, out


def main() -> None:
	parser = argparse.ArgumentParser()
	parser.add_argument("--pages", type=int, default=20)
	parser.add_argument("--dpi", type=int, default=rendering.DPI)
	args = parser.parse_args()
	text = watermark_text(
		"借阅人 {0} · {1} · 借阅单 {2}", "张三 reader@example.org", datetime.now(), "JY-2026-00001"
	)
	with tempfile.TemporaryDirectory() as tmp:
		pdf, scan = Path(tmp) / "doc.pdf", Path(tmp) / "scan.jpg"
		make_pdf(pdf, args.pages)
		make_scan(scan)
		baseline, viewer, sizes = [], [], []
		for page in range(1, args.pages + 1):
			command = [
				"pdftoppm",
				"-f",
				str(page),
				"-l",
				str(page),
				"-r",
				str(args.dpi),
				"-png",
				"-singlefile",
			]
			ms, _ = timed(lambda c=command: subprocess.run([*c, str(pdf)], capture_output=True, check=True))
			baseline.append(ms)
			ms, png = timed(
				lambda p=page: rendering.png_bytes(
					rendering.watermark(rendering.render_page(str(pdf), "pdf", p, args.dpi), text)
				)
			)
			viewer.append(ms)
			sizes.append(len(png))
		scan_ms, scan_png = timed(
			lambda: rendering.png_bytes(
				rendering.watermark(rendering.render_page(str(scan), "image", 1), text)
			)
		)
		copy_ms, copy = timed(
			lambda: rendering.pdf_bytes(
				[
					rendering.watermark(rendering.render_page(str(pdf), "pdf", p, args.dpi), text)
					for p in range(1, args.pages + 1)
				],
				args.dpi,
			)
		)
	base, view = statistics.median(baseline), statistics.median(viewer)
	print(f"A4 PDF page at {args.dpi} dpi, {args.pages} pages, median per page:")
	print(f"  baseline pdftoppm to PNG        {base:8.0f} ms")
	print(f"  viewer page (render+mark+PNG)   {view:8.0f} ms   ratio {view / base:.2f}")
	print(f"  PNG sent per page               {statistics.median(sizes) / 1024:8.0f} KB")
	print(f"  scanned A4 JPEG (2480×3508)     {scan_ms:8.0f} ms   PNG {len(scan_png) / 1024:.0f} KB")
	print(
		f"  watermarked PDF copy            {copy_ms:8.0f} ms   {copy_ms / args.pages:.0f} ms/page,"
		f" {len(copy) / 1024:.0f} KB"
	)


if __name__ == "__main__":
	main()
