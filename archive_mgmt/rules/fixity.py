"""Fixity (固定性): digests of stored bytes and what format the bytes are, from the bytes alone.

Both SHA-256 and SM3 (GB/T 32905, the national standard hash) are computed in one streaming pass,
so files of any size are hashed in bounded memory. Formats are detected by their magic bytes (and,
for zip containers, by the members that name them), never by the file name.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 1024 * 1024
ALGORITHMS = ("sha256", "sm3")
UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class Digests:
	sha256: str
	sm3: str
	size: int


def digest_stream(stream: BinaryIO, chunk: int = CHUNK) -> Digests:
	"""SHA-256 and SM3 of everything readable from the stream, read in chunks."""
	hashes = {name: hashlib.new(name) for name in ALGORITHMS}
	size = 0
	while block := stream.read(chunk):
		size += len(block)
		for h in hashes.values():
			h.update(block)
	return Digests(sha256=hashes["sha256"].hexdigest(), sm3=hashes["sm3"].hexdigest(), size=size)


def digest_file(path: str) -> Digests:
	with open(path, "rb") as f:
		return digest_stream(f)


def digest_bytes(content: bytes) -> Digests:
	return digest_stream(io.BytesIO(content))


# Zip containers named by a member they must hold (first match wins).
ZIP_MEMBERS = (
	("OFD", ("OFD.xml",)),
	("DOCX", ("word/document.xml",)),
	("XLSX", ("xl/workbook.xml",)),
	("PPTX", ("ppt/presentation.xml",)),
	("ODF", ("mimetype",)),
)


def detect_format(stream: BinaryIO) -> str:
	"""The format of a file by its content: PDF, OFD, JPEG, TIFF, PNG, GIF, BMP, MP3, WAV, AVI, MP4,
	MOV, XML, DOCX, XLSX, PPTX, DOC (OLE2), ZIP, TXT, else UNKNOWN. The stream must be seekable."""
	stream.seek(0)
	head = stream.read(4096)
	fmt = _by_magic(head)
	if fmt == "ZIP":
		fmt = _zip_kind(stream)
	stream.seek(0)
	return fmt


def detect_bytes(content: bytes) -> str:
	return detect_format(io.BytesIO(content))


def _by_magic(head: bytes) -> str:
	if head.startswith(b"%PDF-"):
		return "PDF"
	if head.startswith(b"\xff\xd8\xff"):
		return "JPEG"
	if head.startswith(b"\x89PNG\r\n\x1a\n"):
		return "PNG"
	if head[:4] in (b"II*\x00", b"MM\x00*"):
		return "TIFF"
	if head[:6] in (b"GIF87a", b"GIF89a"):
		return "GIF"
	if head.startswith(b"BM") and len(head) >= 26:
		return "BMP"
	if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
		return "WAV"
	if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
		return "AVI"
	if head[4:8] == b"ftyp":
		return "MOV" if head[8:12] == b"qt  " else "MP4"
	if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
		return "MP3"
	if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
		return "ZIP"
	if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
		return "DOC"
	return _text_kind(head)


def _text_kind(head: bytes) -> str:
	for bom in (b"\xef\xbb\xbf",):
		if head.startswith(bom):
			head = head[len(bom) :]
	try:
		text = head.decode("utf-8")
	except UnicodeDecodeError:
		# a multi-byte character cut at the end of the sample is still text
		try:
			text = head[:-3].decode("utf-8")
		except UnicodeDecodeError:
			return UNKNOWN
	if not text:
		return UNKNOWN
	if text.lstrip().startswith("<?xml"):
		return "XML"
	if all(c.isprintable() or c in "\r\n\t" for c in text):
		return "TXT"
	return UNKNOWN


def _zip_kind(stream: BinaryIO) -> str:
	stream.seek(0)
	try:
		with zipfile.ZipFile(stream) as z:
			names = set(z.namelist())
	except zipfile.BadZipFile:
		return "ZIP"
	for fmt, members in ZIP_MEMBERS:
		if any(m in names for m in members):
			return fmt
	return "ZIP"


def zip_is_encrypted(stream: BinaryIO) -> bool:
	"""Whether any member of a zip container (OFD, DOCX …) is encrypted."""
	stream.seek(0)
	try:
		with zipfile.ZipFile(stream) as z:
			return any(info.flag_bits & 0x1 for info in z.infolist())
	except zipfile.BadZipFile:
		return False
	finally:
		stream.seek(0)


def parse_format_list(text: str | None) -> list[str]:
	"""A settings list of formats (one per line, or comma/space separated) as upper-case names."""
	raw = (text or "").replace(",", "\n").replace("，", "\n").replace(" ", "\n")
	return [part.strip().upper().lstrip(".") for part in raw.splitlines() if part.strip()]


def audit_batch_size(total: int, share_percent: float) -> int:
	"""How many records one audit run checks: the share of all, rounded up; at least one if any."""
	if total <= 0:
		return 0
	share = min(max(float(share_percent or 0), 0.0), 100.0)
	if share <= 0:
		share = 100.0
	count = -(-total * round(share * 100) // 10000)
	return max(1, min(total, count))
