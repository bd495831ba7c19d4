"""Catalogue rows (归档文件目录 in Excel): headers, and checking each row before anything is written.

Pure: the caller passes what the site knows (codes that exist, records already there) in a
``CatalogueContext``. Reasons are written in Chinese, as archivists read the error list.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from archive_mgmt.rules.description import (
	AUDIO_VISUAL_CARRIER,
	CARRIERS,
	OPEN_STATUSES,
	SECRECY_LEVELS,
	missing_audio_visual,
	parse_yyyymmdd,
	valid_year,
)
from archive_mgmt.rules.four_property import is_electronic

MAX_ROWS = 100_000
MAX_PAGES = 100_000


@dataclass(frozen=True)
class Column:
	key: str  # Archive Item fieldname, or a key of the layout
	header: str
	required: bool = False  # the value is required in every row
	width: int = 12


COLUMNS = (
	Column("row_no", "序号", width=6),
	Column("fonds", "全宗号", True, 8),
	Column("category", "门类", True, 8),
	Column("year", "年度", True, 8),
	Column("retention_period", "保管期限", True, 10),
	Column("filing_unit", "机构(问题)", True, 12),
	Column("reference_code", "档号", width=24),
	Column("doc_number", "文号", width=18),
	Column("responsible_party", "责任者", True, 16),
	Column("title", "题名", True, 40),
	Column("doc_date", "日期", True, 10),
	Column("secrecy_level", "密级", True, 8),
	Column("pages", "页数", True, 6),
	Column("carrier", "载体", True, 8),
	Column("open_status", "开放状态", True, 10),
	Column("remarks", "备注", width=16),
	Column("av_event", "事由", width=16),
	Column("av_time", "时间", width=12),
	Column("av_place", "地点", width=12),
	Column("av_people", "主要人物", width=16),
	Column("av_background", "背景", width=16),
	Column("av_recorder", "摄录者", width=10),
)
BY_HEADER = {c.header: c for c in COLUMNS}
# A file must carry these headers (the audio-visual ones only matter for 声像 rows).
REQUIRED_HEADERS = tuple(c.header for c in COLUMNS if c.required)
TEXT_LIMITS = {"title": 140, "doc_number": 140, "responsible_party": 140, "remarks": 1000}


@dataclass(frozen=True)
class RowError:
	row: int  # the sheet's row number, as Excel shows it
	column: str  # the header, or "" for the whole row
	reason: str


class HeaderError(ValueError):
	"""The header row is not the template's."""


def read_header(cells: Sequence) -> list[Column | None]:
	"""The column of each header cell; HeaderError naming what is unknown or missing."""
	columns: list[Column | None] = []
	unknown, seen = [], set()
	for cell in cells:
		text = clean(cell)
		if not text:
			columns.append(None)
			continue
		text = text.rstrip("*").strip()
		column = BY_HEADER.get(text)
		if column is None:
			unknown.append(text)
		elif column.header in seen:
			raise HeaderError(f"表头“{text}”重复")
		else:
			seen.add(column.header)
		columns.append(column)
	if unknown:
		raise HeaderError("无法识别的表头：" + "、".join(unknown))
	missing = [h for h in REQUIRED_HEADERS if h not in seen]
	if missing:
		raise HeaderError("缺少表头：" + "、".join(missing))
	return columns


def clean(value) -> str:
	"""A cell as text: numbers without a trailing .0, dates as YYYYMMDD, spaces stripped."""
	if value is None:
		return ""
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	if isinstance(value, datetime):
		value = value.date()
	if isinstance(value, date):
		return value.strftime("%Y%m%d")
	return str(value).strip()


@dataclass
class CatalogueContext:
	"""What the site knows, for checking rows."""

	fonds: set[str]
	categories: dict[str, str]  # code or name → code
	retention_periods: dict[str, str]  # code or Chinese label → code
	units: dict[str, str | None]  # unit code → its fonds (None: any fonds)
	# records of a batch of rows → the duplicate keys (see duplicate_key) records already in the archive have
	existing_keys: Callable[[list[dict]], set[tuple]]
	filing: bool = False  # rows are filed at once, so they must pass the four-property check without files
	allowed_units: Callable[[str, str], bool] | None = None  # may this user import for (fonds, unit)?


def duplicate_key(record: dict) -> tuple:
	"""Two rows describe the same document: same 文号 in a fonds, or, without 文号, same unit, title and date."""
	if record.get("doc_number"):
		return ("no", record["fonds"], record["doc_number"])
	return ("title", record["fonds"], record["filing_unit"], record["title"], str(record["doc_date"]))


class CatalogueChecker:
	"""Checks rows batch by batch. ``earlier_rows`` is the file's memory of the rows read so far:
	given (duplicate key, row) pairs in file order it returns {row: the earlier row with that key}
	and remembers the new keys (``archive_mgmt.filing.import_store.Scratch.earlier_rows`` keeps them on disk)."""

	def __init__(self, context: CatalogueContext, earlier_rows: Callable[[list], dict[int, int]]):
		self.context = context
		self.earlier_rows = earlier_rows

	def check(self, row: int, values: dict[str, str]) -> tuple[dict | None, list[RowError]]:
		_, record, errors = self.check_rows([(row, values)])[0]
		return record, errors

	def check_rows(self, rows: Sequence[tuple[int, dict]]) -> list[tuple[int, dict | None, list[RowError]]]:
		"""(row, record or None, errors) for each row: its own checks, then duplicates in the file and in the archive."""
		checked = [(row, *self.check_values(row, values)) for row, values in rows]
		valid = [(row, record) for row, record, errors in checked if not errors]
		repeats = self.earlier_rows([(duplicate_key(record), row) for row, record in valid])
		existing = self.context.existing_keys([record for row, record in valid if row not in repeats])
		result = []
		for row, record, errors in checked:
			if not errors:
				key = duplicate_key(record)
				if row in repeats:
					errors = [RowError(row, "", f"与第 {repeats[row]} 行重复（{describe(key)}）")]
				elif key in existing:
					errors = [RowError(row, "", f"系统中已有相同档案（{describe(key)}）")]
			result.append((row, None if errors else record, errors))
		return result

	def check_values(self, row: int, values: dict[str, str]) -> tuple[dict, list[RowError]]:
		"""The row's own checks: the record to write, and what is wrong with it."""
		errors: list[RowError] = []

		def err(key: str, reason: str):
			header = next((c.header for c in COLUMNS if c.key == key), "")
			errors.append(RowError(row, header, reason))

		for column in COLUMNS:
			if column.required and not values.get(column.key):
				err(column.key, "必填项为空")
		record: dict = {}
		ctx = self.context

		fonds = values.get("fonds", "").upper()
		if fonds:
			if fonds in ctx.fonds:
				record["fonds"] = fonds
			else:
				err("fonds", f"全宗号“{fonds}”不存在")
		category = values.get("category", "")
		if category:
			code = ctx.categories.get(category) or ctx.categories.get(category.upper())
			if code:
				record["category"] = code
			else:
				err("category", f"门类“{category}”不存在")
		year = values.get("year", "")
		if year:
			if year.isdigit() and valid_year(year):
				record["year"] = int(year)
			else:
				err("year", f"年度“{year}”须为四位数字")
		retention = values.get("retention_period", "")
		if retention:
			code = ctx.retention_periods.get(retention) or ctx.retention_periods.get(retention.upper())
			if code:
				record["retention_period"] = code
			else:
				err("retention_period", f"保管期限“{retention}”不存在")
		unit = values.get("filing_unit", "").upper()
		if unit:
			if unit not in ctx.units:
				err("filing_unit", f"机构(问题)代码“{unit}”不存在")
			elif ctx.units[unit] and "fonds" in record and ctx.units[unit] != fonds:
				err("filing_unit", f"机构“{unit}”属于全宗 {ctx.units[unit]}，不属于 {fonds}")
			elif fonds and ctx.allowed_units and not ctx.allowed_units(fonds, unit):
				err("filing_unit", f"您无权为机构“{unit}”导入档案")
			else:
				record["filing_unit"] = unit
		if values.get("reference_code"):
			err("reference_code", "档号由系统在归档时生成，请留空")
		doc_date = values.get("doc_date", "")
		if doc_date:
			try:
				record["doc_date"] = parse_yyyymmdd(doc_date)
			except ValueError:
				err("doc_date", f"日期“{doc_date}”须为 YYYYMMDD 格式的有效日期")
		pages = values.get("pages", "")
		if pages:
			if pages.isdigit() and 0 < int(pages) <= MAX_PAGES:
				record["pages"] = int(pages)
			else:
				err("pages", f"页数“{pages}”须为正整数")
		for key, allowed, label in (
			("secrecy_level", SECRECY_LEVELS, "密级"),
			("carrier", CARRIERS, "载体"),
			("open_status", OPEN_STATUSES, "开放状态"),
		):
			value = values.get(key, "")
			if not value:
				continue
			if value in allowed:
				record[key] = value
			else:
				err(key, f"{label}“{value}”不在可选值中（{'、'.join(allowed)}）")
		for key in ("title", "doc_number", "responsible_party", "remarks", *AV_KEYS):
			value = values.get(key, "")
			limit = TEXT_LIMITS.get(key, 140)
			if len(value) > limit:
				err(key, f"内容超过 {limit} 个字")
			elif value:
				record[key] = value
		if record.get("carrier") == AUDIO_VISUAL_CARRIER:
			for key in missing_audio_visual(record):
				err(key, "声像档案须填写此项")
		if ctx.filing and is_electronic(record.get("carrier")):
			err(
				"carrier",
				f"{record['carrier']}档案须先挂接电子文件才能归档（四性检测·完整性），请以草稿方式导入",
			)
		return record, errors


AV_KEYS = ("av_event", "av_time", "av_place", "av_people", "av_background", "av_recorder")


def describe(key: tuple) -> str:
	if key[0] == "no":
		return f"全宗 {key[1]} 文号 {key[2]}"
	return f"全宗 {key[1]} 机构 {key[2]} 题名 {key[3]} 日期 {key[4].replace('-', '')}"


def row_values(columns: Sequence[Column | None], cells: Iterable) -> dict[str, str]:
	values = {}
	for column, cell in zip(columns, cells, strict=False):
		if column is not None:
			values[column.key] = clean(cell)
	return values


def is_blank_row(cells: Iterable) -> bool:
	return all(clean(c) == "" for c in cells)
