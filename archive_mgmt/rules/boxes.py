"""The spine of an archive box (盒脊, DA/T 22-2015): what its label says of the items in the box —
全宗号, 年度, 保管期限, 机构(问题), 起止件号 (the 件号 of the first and the last item) and 盒号."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from archive_mgmt.rules.retention import RetentionCodeError, label_of


@dataclass(frozen=True)
class Spine:
	box: str
	fonds: str = ""
	year: str = ""
	retention: str = ""
	filing_unit: str = ""
	item_range: str = ""
	item_count: int = 0
	pages: int = 0


def spine(box: str, items: Iterable[Mapping]) -> Spine:
	"""The spine of ``box`` holding ``items`` (in 档号 order, each with fonds, year, retention_period,
	filing_unit, item_no and pages). A box holds one group (one fonds, year, retention period and unit);
	a box that mixes groups shows each of its values, so the mix is seen on the shelf."""
	items = list(items)
	numbers = [i["item_no"] for i in items if i.get("item_no")]
	years = sorted({int(i["year"]) for i in items if i.get("year")})
	return Spine(
		box=box,
		fonds=joined(i.get("fonds") for i in items),
		year=str(years[0]) if len(years) == 1 else (f"{years[0]}—{years[-1]}" if years else ""),
		retention=joined(retention_label(i.get("retention_period")) for i in items),
		filing_unit=joined(i.get("filing_unit") for i in items),
		item_range=item_range(numbers),
		item_count=len(items),
		pages=sum(i.get("pages") or 0 for i in items),
	)


def item_range(numbers: list[int]) -> str:
	"""起止件号: the first and the last item's 件号, 4 digits (one number when the box holds one item)."""
	if not numbers:
		return ""
	first, last = numbers[0], numbers[-1]
	return f"{first:04d}" if len(numbers) == 1 else f"{first:04d}—{last:04d}"


def joined(values: Iterable) -> str:
	return "、".join(dict.fromkeys(str(v) for v in values if v))


def retention_label(code: str | None) -> str:
	try:
		return label_of(code) if code else ""
	except RetentionCodeError:
		return code or ""
