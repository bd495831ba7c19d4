"""四性检测 (DA/T 70): the pure parts of the tests, each answering with the reasons it fails, in Chinese.

An empty list means the test passes. The site side (archive_mgmt/integrity.py) reads the files and
the database, calls these, and records each test with 通过 / 不通过 / 不适用 and its reason.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from archive_mgmt.rules.description import missing_for_filing, parse_yyyymmdd
from archive_mgmt.rules.reference_code import CodeParseError, CodePattern

AUTHENTICITY, INTEGRITY, USABILITY, SECURITY = "真实性", "完整性", "可用性", "安全性"
PROPERTIES = (AUTHENTICITY, INTEGRITY, USABILITY, SECURITY)
PASS, FAIL, NOT_APPLICABLE = "通过", "不通过", "不适用"
ELECTRONIC_CARRIERS = ("电子", "声像")
DEFAULT_LONG_TERM_FORMATS = ("PDF", "OFD", "JPEG", "TIFF", "PNG", "MP3", "WAV", "MP4", "XML")
# DA/T 18 element names, for reasons a reader understands.
ELEMENT_NAMES = {
	"title": "题名",
	"doc_date": "日期",
	"responsible_party": "责任者",
	"open_status": "开放标识",
	"secrecy_level": "密级",
	"carrier": "载体形态",
	"av_event": "事由",
	"av_time": "时间",
	"av_place": "地点",
	"av_people": "主要人物",
	"av_background": "背景",
	"av_recorder": "摄录者",
}
# Where each reference-code placeholder's value lives on an item (category is its 门类 code).
CODE_FIELD_LABELS = {
	"fonds": "全宗号",
	"category": "门类代码",
	"class": "类别号",
	"year": "年度",
	"retention": "保管期限",
	"unit": "机构(问题)代码",
	"dossier_no": "案卷号",
	"item_no": "件号",
}


def is_electronic(carrier: str | None) -> bool:
	return carrier in ELECTRONIC_CARRIERS


def code_mismatches(pattern: CodePattern, code: str | None, values: Mapping) -> list[str]:
	"""The reference code parses with the archive's pattern and each part equals the item's field."""
	if not code:
		return ["尚无档号"]
	try:
		parsed = pattern.parse(code)
	except CodeParseError:
		return [f"档号 {code} 不符合档号格式 {pattern.text}"]
	reasons = []
	for field, part in parsed.items():
		expected = values.get(field)
		if expected in (None, ""):
			continue
		if str(part) != str(expected) and not _same_number(part, expected):
			label = CODE_FIELD_LABELS.get(field, field)
			reasons.append(f"档号中的{label} {part} 与著录的 {expected} 不一致")
	return reasons


def _same_number(a, b) -> bool:
	try:
		return int(a) == int(b)
	except (TypeError, ValueError):
		return False


def date_problems(values: Mapping, today: date) -> list[str]:
	"""Dates are real dates: the document date parses and is not in the future."""
	reasons = []
	raw = values.get("doc_date")
	if raw in (None, ""):
		return ["缺少文件日期"]
	try:
		doc_date = (
			parse_yyyymmdd(raw) if not isinstance(raw, str) or "-" not in raw else date.fromisoformat(raw)
		)
	except ValueError:
		return [f"文件日期 {raw} 不是有效日期"]
	if doc_date > today:
		reasons.append(f"文件日期 {doc_date.isoformat()} 晚于今天")
	# The 年度 is not compared with the date: records are filed under the year they are arranged in,
	# which may differ from the document's own date (跨年度文件).
	return reasons


def missing_description(values: Mapping) -> list[str]:
	missing = missing_for_filing(values)
	return [f"缺少必填著录项：{'、'.join(ELEMENT_NAMES.get(f, f) for f in missing)}"] if missing else []


def sequence_gaps(numbers: Iterable[int]) -> list[int]:
	"""Numbers missing from 1..max of a group's item numbers (件号 must run without gaps)."""
	present = {int(n) for n in numbers if n}
	if not present:
		return []
	return [n for n in range(1, max(present) + 1) if n not in present]


def gap_reasons(group: str, numbers: Iterable[int]) -> list[str]:
	gaps = sequence_gaps(numbers)
	if not gaps:
		return []
	shown = "、".join(str(n) for n in gaps[:20]) + ("……" if len(gaps) > 20 else "")
	return [f"{group} 组内件号不连续，缺少：{shown}"]


def page_count_reasons(pdf_pages: int, recorded_pages) -> list[str]:
	recorded = int(recorded_pages or 0)
	if pdf_pages != recorded:
		return [f"PDF 实际页数 {pdf_pages} 与著录页数 {recorded} 不符"]
	return []


def format_reasons(file_name: str, detected: str, allowed: Iterable[str]) -> list[str]:
	allowed = {a.upper() for a in allowed}
	if detected.upper() not in allowed:
		return [f"文件 {file_name} 的格式 {detected} 不在长期保存格式清单内（{'、'.join(sorted(allowed))}）"]
	return []


def outcome(results: Iterable[str]) -> str:
	"""A check fails when any of its tests fails; 不适用 does not fail it."""
	return FAIL if any(r == FAIL for r in results) else PASS
