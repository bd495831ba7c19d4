"""Description rules: DA/T 18-2022 mandatory elements, audio-visual elements, dates as archivists write them."""

from collections.abc import Mapping
from datetime import date, datetime

# DA/T 18 mandatory elements, as Archive Item fieldnames. 档号 is assigned at filing and 销毁情况
# is the item's status, so neither is asked of the user.
DAT18_MANDATORY = ("title", "doc_date", "responsible_party", "open_status")
# Mandatory when the record has them: 密级, 载体形态 (our model always has them).
DAT18_CONDITIONAL = ("secrecy_level", "carrier")
AUDIO_VISUAL_CARRIER = "声像"
# 事由, 时间, 地点, 主要人物, 背景, 摄录者
AUDIO_VISUAL_FIELDS = ("av_event", "av_time", "av_place", "av_people", "av_background", "av_recorder")

SECRECY_LEVELS = ("公开", "内部", "秘密", "机密", "绝密")
CLASSIFIED_FROM = "秘密"
CARRIERS = ("纸质", "电子", "声像", "实物")
OPEN_STATUSES = ("开放", "控制")
MAX_DOSSIER_PAGES = 200


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def missing_for_filing(values: Mapping) -> list[str]:
	"""Fieldnames DA/T 18 requires before an item is filed, in description order."""
	missing = [f for f in DAT18_MANDATORY + DAT18_CONDITIONAL if _blank(values.get(f))]
	if values.get("carrier") == AUDIO_VISUAL_CARRIER:
		missing += missing_audio_visual(values)
	return missing


def missing_audio_visual(values: Mapping) -> list[str]:
	if values.get("carrier") != AUDIO_VISUAL_CARRIER:
		return []
	return [f for f in AUDIO_VISUAL_FIELDS if _blank(values.get(f))]


def valid_year(value) -> bool:
	"""A 年度 is a four-digit year."""
	try:
		return 1000 <= int(value) <= 9999
	except (TypeError, ValueError):
		return False


def is_classified(level: str | None) -> bool:
	"""涉密: 秘密 and above (loans need the secrecy approver; every use is written to the access log)."""
	return level in SECRECY_LEVELS and secrecy_rank(level) >= secrecy_rank(CLASSIFIED_FROM)


def highest_secrecy(levels, default: str | None = None) -> str | None:
	"""The most secret of the known levels given (a record is as secret as its most secret part), else ``default``."""
	known = [level for level in levels if level in SECRECY_LEVELS]
	return max(known, key=secrecy_rank) if known else default


def secrecy_rank(level: str | None) -> int:
	"""0 for 公开 up to 4 for 绝密; unknown or empty ranks as 公开."""
	return SECRECY_LEVELS.index(level) if level in SECRECY_LEVELS else 0


def parse_yyyymmdd(text) -> date:
	"""A date written as YYYYMMDD (归档文件目录), or a date/datetime; ValueError otherwise."""
	if isinstance(text, datetime):
		return text.date()
	if isinstance(text, date):
		return text
	text = str(text or "").strip()
	if len(text) != 8 or not text.isdigit():
		raise ValueError(text)
	return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def format_yyyymmdd(value: date | None) -> str:
	return value.strftime("%Y%m%d") if value else ""


def page_ranges(page_counts: list[int]) -> list[str]:
	"""页号 of a dossier's contents list: each item's first page, or first-last when it spans several."""
	ranges, start = [], 1
	for count in page_counts:
		count = int(count or 0)
		if count <= 0:
			ranges.append("")
			continue
		end = start + count - 1
		ranges.append(str(start) if count == 1 else f"{start}-{end}")
		start = end + 1
	return ranges
