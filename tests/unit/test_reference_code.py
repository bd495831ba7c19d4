import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules.reference_code import (
	DEFAULT_DOSSIER_PATTERN,
	DEFAULT_ITEM_PATTERN,
	CodeParseError,
	CodeValueError,
	PatternError,
	compile_pattern,
)

ITEM = compile_pattern(DEFAULT_ITEM_PATTERN)
DAT13_DOSSIER_LEVEL = compile_pattern("{fonds}-{category}-{dossier_no:03}-{item_no:04}")

alnum = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=6)
fonds_code = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=4, max_size=4)
retention = st.one_of(st.just("Y"), st.integers(1, 999).map(lambda n: f"D{n}"))
item_values = st.fixed_dictionaries(
	{
		"fonds": fonds_code,
		"category": alnum,
		"year": st.integers(1900, 2999),
		"retention": retention,
		"unit": alnum,
		"item_no": st.integers(1, 99999),
	}
)


def test_default_pattern_formats_the_dat22_example():
	values = {"fonds": "Z109", "category": "WS", "year": 2011, "retention": "Y", "unit": "BGS", "item_no": 1}
	assert ITEM.format(values) == "Z109-WS·2011-Y-BGS-0001"


def test_parse_returns_typed_values():
	assert ITEM.parse("Z109-WS·2011-D30-BGS-0042") == {
		"fonds": "Z109",
		"category": "WS",
		"year": 2011,
		"retention": "D30",
		"unit": "BGS",
		"item_no": 42,
	}


@given(item_values)
def test_parse_inverts_format(values):
	code = ITEM.format(values)
	assert ITEM.parse(code) == values
	assert ITEM.format(ITEM.parse(code)) == code


@given(fonds_code, alnum, st.integers(1, 9999), st.integers(1, 99999))
def test_dat13_dossier_level_pattern_round_trips(fonds, category, dossier_no, item_no):
	values = {"fonds": fonds, "category": category, "dossier_no": dossier_no, "item_no": item_no}
	code = DAT13_DOSSIER_LEVEL.format(values)
	assert DAT13_DOSSIER_LEVEL.parse(code) == values


def test_item_no_is_zero_padded_and_grows_past_its_width():
	values = {"fonds": "J001", "category": "WS", "year": 2024, "retention": "D10", "unit": "BGS"}
	assert ITEM.format({**values, "item_no": 7}).endswith("-0007")
	assert ITEM.format({**values, "item_no": 12345}).endswith("-12345")


@pytest.mark.parametrize(
	"code",
	[
		"Z109-WS·2011-Y-BGS-01",  # number narrower than its width
		"Z109-WS·2011-Y-BGS-00001",  # not canonical: format would give 0001
		"Z109-WS-2011-Y-BGS-0001",  # wrong separator
		"Z109-WS·2011-X-BGS-0001",  # not a retention code
		"Z109-WS·11-Y-BGS-0001",
		"",
		"Z109-WS·2011-Y-BGS-0000",  # item numbers start at 1
	],
)
def test_parse_refuses_what_is_not_a_code(code):
	with pytest.raises(CodeParseError):
		ITEM.parse(code)


@pytest.mark.parametrize(
	"pattern",
	[
		"",
		"{fonds}-{year}",  # no sequence
		"{fonds}{category}-{item_no:04}",  # adjacent placeholders are ambiguous
		"{fonds}-{colour}-{item_no}",
		"{fonds}-{year:04}-{item_no}",  # width on a non-number
		"{fonds}A{item_no}",  # separator that could be part of a value
		"{fonds}-{item_no}-{fonds}",
		"{fonds-{item_no}",
	],
)
def test_unusable_patterns_are_refused(pattern):
	with pytest.raises(PatternError):
		compile_pattern(pattern)


@pytest.mark.parametrize(
	"bad",
	[
		{"unit": "B-GS"},
		{"unit": ""},
		{"unit": "bgs"},
		{"year": "20x1"},
		{"item_no": 0},
		{"retention": "永久"},
		{"fonds": None},
		{"fonds": "Z10"},
	],
)
def test_values_that_would_break_the_code_are_refused(bad):
	values = {"fonds": "Z109", "category": "WS", "year": 2011, "retention": "Y", "unit": "BGS", "item_no": 1}
	with pytest.raises(CodeValueError):
		ITEM.format({**values, **bad})


def test_group_key_names_the_sequence_group_without_the_number():
	values = {"fonds": "Z109", "category": "WS", "year": 2011, "retention": "Y", "unit": "BGS"}
	assert ITEM.group_key(values) == "Z109-WS·2011-Y-BGS-#"
	assert ITEM.group_fields == ("fonds", "category", "year", "retention", "unit")
	assert ITEM.sequence_field == "item_no"


def test_item_numbers_run_inside_a_dossier_in_dossier_level_codes():
	assert DAT13_DOSSIER_LEVEL.sequence_field == "item_no"
	assert DAT13_DOSSIER_LEVEL.group_fields == ("fonds", "category", "dossier_no")


def test_dossier_pattern_sequences_dossier_numbers():
	pattern = compile_pattern(DEFAULT_DOSSIER_PATTERN)
	assert pattern.sequence_field == "dossier_no"
	code = pattern.format(
		{"fonds": "Z109", "category": "WS", "year": 2011, "retention": "Y", "unit": "BGS", "dossier_no": 3}
	)
	assert code == "Z109-WS·2011-Y-BGS-003"


@given(item_values, item_values)
def test_distinct_values_never_share_a_code(a, b):
	if a != b:
		assert ITEM.format(a) != ITEM.format(b)
