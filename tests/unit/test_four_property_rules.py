from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules import four_property as fp
from archive_mgmt.rules.reference_code import DEFAULT_ITEM_PATTERN, compile_pattern

PATTERN = compile_pattern(DEFAULT_ITEM_PATTERN)
VALUES = {"fonds": "Z109", "category": "WS", "year": 2011, "retention": "Y", "unit": "BGS", "item_no": 1}


def test_a_code_that_matches_the_fields_is_consistent():
	assert fp.code_mismatches(PATTERN, "Z109-WS·2011-Y-BGS-0001", VALUES) == []


def test_a_code_part_that_differs_from_its_field_is_named():
	reasons = fp.code_mismatches(PATTERN, "Z109-WS·2012-Y-BGS-0001", VALUES)
	assert reasons == ["档号中的年度 2012 与著录的 2011 不一致"]


def test_a_code_of_another_shape_does_not_parse():
	assert fp.code_mismatches(PATTERN, "Z109-WS-2011", VALUES)[0].startswith(
		"档号 Z109-WS-2011 不符合档号格式"
	)
	assert fp.code_mismatches(PATTERN, None, VALUES) == ["尚无档号"]


def test_dates_must_be_real_and_not_in_the_future():
	today = date(2026, 11, 21)
	assert fp.date_problems({"doc_date": "2011-03-01", "year": 2011}, today) == []
	assert fp.date_problems({"doc_date": date(2011, 3, 1), "year": 2011}, today) == []
	assert fp.date_problems({"doc_date": "20110231", "year": 2011}, today) == [
		"文件日期 20110231 不是有效日期"
	]
	assert fp.date_problems({"doc_date": "2027-01-01", "year": 2027}, today) == [
		"文件日期 2027-01-01 晚于今天"
	]
	assert fp.date_problems({"doc_date": "2012-01-05", "year": 2011}, today) == []  # 跨年度 is allowed
	assert fp.date_problems({"year": 2011}, today) == ["缺少文件日期"]


def test_missing_dat18_elements_are_named_in_chinese():
	assert fp.missing_description({"title": "x", "carrier": "纸质"}) == [
		"缺少必填著录项：日期、责任者、开放标识、密级"
	]


@given(st.sets(st.integers(min_value=1, max_value=60)))
def test_sequence_gaps_are_exactly_the_missing_numbers(numbers):
	gaps = fp.sequence_gaps(numbers)
	top = max(numbers, default=0)
	assert set(gaps) | numbers == set(range(1, top + 1))
	assert not set(gaps) & numbers


def test_gap_reasons_name_the_group_and_the_missing_numbers():
	assert fp.gap_reasons("Z109-WS·2011-Y-BGS-#", [1, 2, 3]) == []
	assert fp.gap_reasons("Z109-WS·2011-Y-BGS-#", [1, 4]) == [
		"Z109-WS·2011-Y-BGS-# 组内件号不连续，缺少：2、3"
	]


def test_page_counts_and_formats():
	assert fp.page_count_reasons(3, 3) == []
	assert fp.page_count_reasons(2, 3) == ["PDF 实际页数 2 与著录页数 3 不符"]
	assert fp.format_reasons("a.pdf", "PDF", ["pdf", "ofd"]) == []
	assert fp.format_reasons("a.docx", "DOCX", ["PDF", "OFD"]) == [
		"文件 a.docx 的格式 DOCX 不在长期保存格式清单内（OFD、PDF）"
	]


def test_a_check_fails_on_any_failure_and_not_on_not_applicable():
	assert fp.outcome([fp.PASS, fp.NOT_APPLICABLE]) == fp.PASS
	assert fp.outcome([fp.PASS, fp.FAIL, fp.NOT_APPLICABLE]) == fp.FAIL
