"""收文编号 and 发文字号: gap-free per year, by the counter that numbers reference codes.

The numbers come from reference_codes.next_numbers (Archive Code Sequence): the counter moves in the
transaction of the document that takes the number, so a failed registration gives its number back, and
concurrent registrations serialise on the counter row.
"""

import frappe
from frappe import _

from archive_mgmt.archive_setup.reference_codes import next_numbers
from archive_mgmt.exceptions import OfficeNumberError
from archive_mgmt.rules import office as rules

SETTINGS = "Office Document Settings"
PATTERN_FIELDS = {
	"Incoming Office Document": ("incoming_number_pattern", rules.DEFAULT_INCOMING_PATTERN),
	"Outgoing Office Document": ("outgoing_number_pattern", rules.DEFAULT_OUTGOING_PATTERN),
}


def setting(field: str, default=None):
	return frappe.db.get_single_value(SETTINGS, field) or default


def take_number(doctype: str, year: int) -> str:
	"""The next number of the DocType's pattern in a year, taken now (given back if the transaction fails)."""
	field, default = PATTERN_FIELDS[doctype]
	pattern = setting(field, default)
	agency = setting("agency_code", rules.DEFAULT_AGENCY)
	try:
		group = rules.number_group(pattern, year, agency)
	except rules.NumberPatternError as e:
		frappe.throw(
			_("Number pattern {0} is not usable: {1}").format(pattern, str(e)), exc=OfficeNumberError
		)
	number = next_numbers(f"{doctype}:{group}", 1)
	return rules.format_number(pattern, year, number, agency)


def check_pattern(pattern: str) -> None:
	try:
		rules.check_pattern(pattern)
	except rules.NumberPatternError as e:
		frappe.throw(
			_("Number pattern {0} is not usable: {1}").format(pattern, str(e)), exc=OfficeNumberError
		)
