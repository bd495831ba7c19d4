import hashlib
import io
import struct
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules import fixity
from archive_mgmt.rules.fixity import audit_batch_size, detect_bytes, digest_bytes, digest_stream


def zipped(*members: str, encrypt_flag=False) -> bytes:
	buf = io.BytesIO()
	with zipfile.ZipFile(buf, "w") as z:
		for m in members:
			z.writestr(m, "<x/>")
	data = buf.getvalue()
	if encrypt_flag:  # set the 'encrypted' general purpose bit on the first local and central headers
		data = bytearray(data)
		data[6] |= 1
		central = data.find(b"PK\x01\x02")
		data[central + 8] |= 1
		data = bytes(data)
	return data


SAMPLES = {
	"PDF": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
	"JPEG": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
	"PNG": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
	"TIFF": b"II*\x00\x08\x00\x00\x00",
	"GIF": b"GIF89a\x01\x00",
	"MP3": b"ID3\x04\x00\x00\x00\x00\x00\x00",
	"WAV": b"RIFF" + struct.pack("<I", 36) + b"WAVEfmt ",
	"AVI": b"RIFF" + struct.pack("<I", 36) + b"AVI LIST",
	"MP4": b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00",
	"MOV": b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00",
	"XML": '\ufeff  <?xml version="1.0" encoding="UTF-8"?><档案/>'.encode(),
	"DOC": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8,
	"TXT": "关于开展档案检查工作的通知\n".encode(),
}


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_formats_are_told_by_their_magic_bytes(fmt):
	assert detect_bytes(SAMPLES[fmt]) == fmt


def test_mp3_without_id3_is_told_by_its_frame_sync():
	assert detect_bytes(b"\xff\xfb\x90\x64\x00") == "MP3"


@pytest.mark.parametrize(
	"members, fmt",
	[
		(("OFD.xml", "Doc_0/Document.xml"), "OFD"),
		(("[Content_Types].xml", "word/document.xml"), "DOCX"),
		(("xl/workbook.xml",), "XLSX"),
		(("readme.txt",), "ZIP"),
	],
)
def test_zip_containers_are_told_by_their_members(members, fmt):
	assert detect_bytes(zipped(*members)) == fmt


def test_the_file_name_does_not_matter_only_the_bytes():
	assert detect_bytes(b"MZ\x90\x00\x03\x00\x00\x00") == fixity.UNKNOWN
	assert detect_bytes(b"") == fixity.UNKNOWN


def test_encrypted_zip_members_are_noticed():
	assert not fixity.zip_is_encrypted(io.BytesIO(zipped("OFD.xml")))
	assert fixity.zip_is_encrypted(io.BytesIO(zipped("OFD.xml", encrypt_flag=True)))


def test_digests_are_sha256_and_sm3_of_the_bytes():
	d = digest_bytes(b"abc")
	assert d.sha256 == hashlib.sha256(b"abc").hexdigest()
	# GB/T 32905-2016 example A.1
	assert d.sm3 == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
	assert d.size == 3


@given(st.binary(max_size=5000), st.integers(min_value=1, max_value=700))
def test_streaming_in_chunks_gives_the_same_digest_as_all_at_once(content, chunk):
	assert digest_stream(io.BytesIO(content), chunk=chunk) == digest_bytes(content)


def test_format_lists_from_settings_are_forgiving():
	assert fixity.parse_format_list("pdf\n.OFD, jpeg，TIFF  png\n\n") == ["PDF", "OFD", "JPEG", "TIFF", "PNG"]


@pytest.mark.parametrize(
	"total, share, expected", [(0, 10, 0), (10, 10, 1), (11, 10, 2), (3, 0, 3), (5, 100, 5), (1000, 2.5, 25)]
)
def test_an_audit_run_checks_its_share_rounded_up(total, share, expected):
	assert audit_batch_size(total, share) == expected
