"""Personal identifiers of care-service recipients: the resident ID (GB 11643-1999), phone numbers, masks.

Validators return an English message (to be translated by the caller) or None when the value is good.
"""

import re
from datetime import date

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
# Area code 0xx or 0xxx, then a 7- or 8-digit local number, optionally "-" and an extension.
LANDLINE_PATTERN = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
MALE, FEMALE = "男", "女"


def normalise_id(value: str | None) -> str:
	return re.sub(r"\s", "", value or "").upper()


def id_check_char(first17: str) -> str:
	"""The 18th character of a resident ID: ISO 7064 MOD 11-2 over the first 17 digits."""
	total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
	return ID_CHECK_CHARS[total % 11]


def birth_date_of(id_number: str) -> date | None:
	"""The birth date written in digits 7-14 of a resident ID, or None if it is not a real date."""
	try:
		return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
	except ValueError:
		return None


def gender_of(id_number: str) -> str:
	"""Digit 17 is odd for men, even for women."""
	return MALE if int(id_number[16]) % 2 else FEMALE


def id_number_problem(value: str | None, today: date | None = None) -> str | None:
	"""Why a value is not a valid 18-digit resident ID, or None."""
	number = normalise_id(value)
	if not ID_PATTERN.match(number):
		return "An ID number has 18 characters: 17 digits and a final digit or X"
	born = birth_date_of(number)
	if born is None or born.year < 1900 or (today and born > today):
		return "The birth date in the ID number is not a real date"
	if id_check_char(number[:17]) != number[17]:
		return "The ID number's check digit is wrong"
	return None


def mask_id(value: str | None) -> str:
	"""1101**********1234: the region's first four and the last four characters."""
	number = normalise_id(value)
	if len(number) <= 8:
		return "*" * len(number)
	return number[:4] + "*" * (len(number) - 8) + number[-4:]


def normalise_phone(value: str | None) -> str:
	"""Drop spaces, and the +86 / 0086 country prefix of a mobile number."""
	phone = re.sub(r"[\s()]", "", value or "")
	return re.sub(r"^(\+86|0086)(?=1\d{10}$)", "", phone)


def phone_problem(value: str | None) -> str | None:
	phone = normalise_phone(value)
	if MOBILE_PATTERN.match(phone) or LANDLINE_PATTERN.match(phone):
		return None
	return "A phone number is an 11-digit mobile number or an area code and a landline number"


def mask_phone(value: str | None) -> str:
	"""138****5678 for a mobile; the area code and the last four digits of a landline (010-****5678)."""
	phone = normalise_phone(value)
	if MOBILE_PATTERN.match(phone):
		return phone[:3] + "****" + phone[-4:]
	match = re.match(r"^(0\d{2,3})-?(\d{7,8})", phone)
	if match:
		return f"{match.group(1)}-****{match.group(2)[-4:]}"
	return "*" * max(len(phone) - 4, 0) + phone[-4:]


def mask_name(value: str | None) -> str:
	"""张** : the family name (first character) and one star for each other character."""
	name = (value or "").strip()
	return name[:1] + "*" * (len(name) - 1) if name else ""
