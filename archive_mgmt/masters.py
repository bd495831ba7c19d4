"""Shared checks of the archive's masters (fonds, units, categories)."""

import frappe
from frappe import _

from archive_mgmt.exceptions import InvalidCodeError
from archive_mgmt.rules.reference_code import is_valid_value

CODE_HINTS = {
	"fonds": "4 letters or digits, e.g. Z109",
	"unit": "letters and digits, e.g. BGS",
	"class": "letters and digits, e.g. WS",
}


def validate_code(doc, fieldname: str, placeholder: str) -> str:
	"""Upper-case a master's code and check it can stand in a reference code; return it."""
	code = (doc.get(fieldname) or "").strip().upper()
	if not is_valid_value(placeholder, code):
		frappe.throw(
			_("{0} {1} is not valid: {2}").format(
				_(doc.meta.get_label(fieldname)), frappe.bold(code or "-"), _(CODE_HINTS[placeholder])
			),
			exc=InvalidCodeError,
		)
	return code
