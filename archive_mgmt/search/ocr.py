"""OCR of scans and images with Tesseract (Debian tesseract-ocr, tesseract-ocr-chi-sim), page by page.

Each page gives its text (Chinese characters joined again: Tesseract spaces them apart) and its confidence,
the mean of the words' confidences (0-100). A PDF without a text layer is rendered at 300 dpi with pdftoppm
(poppler-utils) first.
"""

import csv
import io
import os
import shutil
import subprocess
import tempfile

from archive_mgmt.rules.search import join_cjk

LANGUAGES = "chi_sim+eng"
DPI = 300
TIMEOUT = 600


def available() -> bool:
	if not shutil.which("tesseract"):
		return False
	out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
	return "chi_sim" in (out.stdout + out.stderr)


def recognise_image(path: str) -> list[tuple[str, float]]:
	"""[(text, confidence)] of an image (a multi-page TIFF gives one entry per page)."""
	out = subprocess.run(
		["tesseract", path, "stdout", "-l", LANGUAGES, "--psm", "6", "tsv"],
		capture_output=True,
		check=True,
		timeout=TIMEOUT,
		env={**os.environ, "OMP_THREAD_LIMIT": "1"},
	)
	return parse_tsv(out.stdout.decode("utf-8", "replace"))


def recognise_pdf(path: str) -> list[tuple[str, float]]:
	"""Each page of a PDF rendered at 300 dpi, then recognised."""
	with tempfile.TemporaryDirectory() as work:
		subprocess.run(
			["pdftoppm", "-r", str(DPI), "-gray", "-png", path, os.path.join(work, "page")],
			check=True,
			capture_output=True,
			timeout=TIMEOUT,
		)
		images = sorted(os.listdir(work), key=lambda n: int(n.rsplit("-", 1)[1].split(".")[0]))
		pages = []
		for name in images:
			pages.extend(recognise_image(os.path.join(work, name)) or [("", 0.0)])
		return pages


def parse_tsv(tsv: str) -> list[tuple[str, float]]:
	"""Tesseract's TSV: level 1 rows start pages, level 5 rows are words with a confidence."""
	pages: list[list] = []
	for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
		if row.get("level") == "1":
			pages.append([[], [], None, None])  # lines, confidences, current block/line key
			continue
		if row.get("level") != "5" or not pages:
			continue
		word = (row.get("text") or "").strip()
		if not word:
			continue
		page = pages[-1]
		key = (row["block_num"], row["par_num"], row["line_num"])
		if key != page[2]:
			page[0].append([])
			page[2] = key
		page[0][-1].append(word)
		page[1].append(float(row.get("conf") or 0))
	result = []
	for lines, confidences, _key, _ in pages:
		text = "\n".join(join_cjk(" ".join(words)) for words in lines)
		result.append((text, round(sum(confidences) / len(confidences), 1) if confidences else 0.0))
	return result
