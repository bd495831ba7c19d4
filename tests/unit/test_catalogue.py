from datetime import date, datetime

import pytest

from archive_mgmt.filing.import_store import Scratch
from archive_mgmt.rules.catalogue import (
	COLUMNS,
	CatalogueChecker,
	CatalogueContext,
	HeaderError,
	clean,
	is_blank_row,
	read_header,
	row_values,
)

HEADERS = [c.header for c in COLUMNS]


def context(existing=(), **kw):
	return CatalogueContext(
		fonds={"Z109"},
		categories={"WS": "WS", "文书": "WS"},
		retention_periods={"Y": "Y", "永久": "Y", "D30": "D30", "30年": "D30"},
		units={"BGS": "Z109", "CWK": None},
		existing_keys=lambda records: set(existing),
		**kw,
	)


def checker_for(ctx):
	return CatalogueChecker(ctx, Scratch().earlier_rows)


def good(**overrides):
	values = {
		"fonds": "Z109",
		"category": "WS",
		"year": "2024",
		"retention_period": "永久",
		"filing_unit": "BGS",
		"doc_number": "办发〔2024〕1号",
		"responsible_party": "办公室",
		"title": "关于档案工作的通知",
		"doc_date": "20240301",
		"secrecy_level": "内部",
		"pages": "3",
		"carrier": "纸质",
		"open_status": "控制",
	}
	values.update(overrides)
	return values


def test_header_accepts_the_template_and_marks_required_with_star():
	columns = read_header([h + ("*" if h == "题名" else "") for h in HEADERS])
	assert [c.key for c in columns][:3] == ["row_no", "fonds", "category"]


@pytest.mark.parametrize(
	"headers, message",
	[(HEADERS[:5], "缺少表头"), ([*HEADERS, "附件"], "无法识别"), ([*HEADERS, "题名"], "重复")],
)
def test_header_problems_are_named(headers, message):
	with pytest.raises(HeaderError, match=message):
		read_header(headers)


def test_cells_are_read_as_text():
	assert clean(20240301.0) == "20240301"
	assert clean(datetime(2024, 3, 1, 0, 0)) == "20240301"
	assert clean("  办公室 ") == "办公室"
	assert clean(None) == ""
	assert is_blank_row([None, " ", ""])


def test_a_good_row_becomes_an_item():
	record, errors = checker_for(context()).check(2, good())
	assert errors == []
	assert record["doc_date"] == date(2024, 3, 1)
	assert (record["retention_period"], record["year"], record["pages"]) == ("Y", 2024, 3)


@pytest.mark.parametrize(
	"field, value, column",
	[
		("doc_date", "20240230", "日期"),
		("doc_date", "2024-03-01", "日期"),
		("pages", "0", "页数"),
		("pages", "三", "页数"),
		("year", "24", "年度"),
		("fonds", "J001", "全宗号"),
		("category", "XX", "门类"),
		("retention_period", "99年", "保管期限"),
		("filing_unit", "ZZZ", "机构(问题)"),
		("secrecy_level", "保密", "密级"),
		("carrier", "胶片", "载体"),
		("title", "", "题名"),
		("reference_code", "Z109-WS·2024-Y-BGS-0001", "档号"),
	],
)
def test_each_bad_value_is_reported_on_its_column(field, value, column):
	record, errors = checker_for(context()).check(7, good(**{field: value}))
	assert record is None
	assert [(e.row, e.column) for e in errors] == [(7, column)]
	assert all(e.reason for e in errors)


def test_unit_of_another_fonds_is_refused():
	ctx = context()
	ctx.units["JWB"] = "J001"
	_, errors = checker_for(ctx).check(2, good(filing_unit="JWB"))
	assert errors[0].column == "机构(问题)"


def test_units_the_user_may_not_file_for_are_refused():
	_, errors = checker_for(context(allowed_units=lambda f, u: u != "BGS")).check(2, good())
	assert "无权" in errors[0].reason


def test_duplicates_inside_the_file_and_with_stored_items():
	checker = checker_for(context(existing={("no", "Z109", "办发〔2024〕9号")}))
	assert checker.check(2, good())[1] == []
	_, errors = checker.check(3, good())
	assert "第 2 行" in errors[0].reason
	_, errors = checker.check(4, good(doc_number="办发〔2024〕9号"))
	assert "系统中已有" in errors[0].reason
	no_number = good(doc_number="")
	assert checker.check(5, no_number)[1] == []
	assert "重复" in checker.check(6, no_number)[1][0].reason


def test_audio_visual_rows_need_their_description():
	_, errors = checker_for(context()).check(2, good(carrier="声像"))
	assert {e.column for e in errors} == {"事由", "时间", "地点", "主要人物", "背景", "摄录者"}


def test_row_values_map_cells_to_columns():
	columns = read_header(HEADERS)
	values = row_values(columns, ["1", "Z109", "WS"])
	assert values == {"row_no": "1", "fonds": "Z109", "category": "WS"}


@pytest.mark.parametrize("carrier", ["电子", "声像"])
def test_electronic_rows_cannot_be_imported_as_filed_without_their_files(carrier):
	values = good(
		carrier=carrier,
		av_event="会议",
		av_time="上午",
		av_place="会议室",
		av_people="张三",
		av_background="年会",
		av_recorder="李四",
	)
	record, errors = checker_for(context(filing=True)).check(2, values)
	assert record is None and [e.column for e in errors] == ["载体"]
	assert "挂接电子文件" in errors[0].reason
	assert checker_for(context()).check(2, values)[1] == []
