from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive_mgmt.rules import identity as r

VALID_ID = "11010519491231002X"  # GB 11643 sample: born 1949-12-31, woman


def with_check_char(first17: str) -> str:
	return first17 + r.id_check_char(first17)


def test_the_standard_sample_id_is_valid():
	assert r.id_number_problem(VALID_ID) is None
	assert r.id_number_problem(VALID_ID.lower()) is None  # a lowercase x is the same X
	assert r.id_number_problem(" 1101 0519 4912 31002X ") is None


@pytest.mark.parametrize(
	"value",
	[
		"",
		None,
		"110105194912310021",  # wrong check digit
		"11010519491231002",  # 17 characters
		"1101051949123100211",  # 19
		"11010519491231X02X",  # X not last
		"110105194913310020",  # month 13
		"110105180001010010",  # before 1900
	],
)
def test_bad_ids_are_refused(value):
	assert r.id_number_problem(value) is not None


def test_a_birth_date_after_today_is_refused():
	future = with_check_char("11010520990101001")
	assert r.id_number_problem(future) is None
	assert r.id_number_problem(future, today=date(2026, 1, 1)) is not None


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.integers(0, 9))
def test_changing_one_digit_breaks_the_check(first17, position):
	number = with_check_char(first17)
	changed = str((int(first17[position]) + 1) % 10)
	tampered = first17[:position] + changed + first17[position + 1 :] + number[17]
	assert r.id_check_char(tampered[:17]) != number[17]


def test_birth_date_and_gender_come_from_the_id():
	assert r.birth_date_of(VALID_ID) == date(1949, 12, 31)
	assert r.gender_of(VALID_ID) == r.FEMALE
	assert r.gender_of(with_check_char("11010519800101001")) == r.MALE


def test_id_mask_keeps_four_and_four():
	assert r.mask_id(VALID_ID) == "1101**********002X"
	assert len(r.mask_id(VALID_ID)) == 18
	assert r.mask_id("") == ""


@pytest.mark.parametrize("phone", ["13812345678", "+86 138 1234 5678", "010-12345678", "0755-1234567"])
def test_good_phones(phone):
	assert r.phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["", "12812345678", "1381234567", "12345678", "abc", "138123456789"])
def test_bad_phones(phone):
	assert r.phone_problem(phone) is not None


def test_phone_masks():
	assert r.mask_phone("13812345678") == "138****5678"
	assert r.mask_phone("+8613812345678") == "138****5678"
	assert r.mask_phone("010-12345678") == "010-****5678"
	assert r.mask_phone("075512345678") == "0755-****5678"


@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True))
def test_a_masked_mobile_hides_the_middle_four(phone):
	masked = r.mask_phone(phone)
	assert masked[:3] == phone[:3] and masked[-4:] == phone[-4:] and masked[3:7] == "****"
	assert r.phone_problem(phone) is None


def test_name_mask():
	assert r.mask_name("张三丰") == "张**"
	assert r.mask_name("") == ""
