"""Shared checks of the archive's masters (fonds, units, categories)."""

import frappe
from frappe import _

from archive_mgmt.exceptions import InvalidCodeError
from archive_mgmt.rules.reference_code import is_valid_value

# The same texts as the code fields' descriptions, so one translation serves both.
CODE_HINTS = {
	"fonds": "4 letters or digits, e.g. Z109",
	"unit": "Letters and digits, e.g. BGS",
	"class": "Letters and digits, e.g. WS",
}


def normalise_code(doc, fieldname: str) -> None:
	"""Codes are written upper-case without surrounding spaces; called before naming, as they are names."""
	doc.set(fieldname, (doc.get(fieldname) or "").strip().upper())


def validate_code(doc, fieldname: str, placeholder: str) -> None:
	"""Check a master's code can stand in a reference code."""
	code = doc.get(fieldname) or ""
	if not is_valid_value(placeholder, code):
		frappe.throw(
			_("{0} {1} is not valid: {2}").format(
				_(doc.meta.get_label(fieldname)), frappe.bold(code or "-"), _(CODE_HINTS[placeholder])
			),
			exc=InvalidCodeError,
		)


def set_default_fonds() -> None:
	"""With one fonds, every new record's 全宗 is it (Frappe's default for the fields named `fonds`, in the
	desk and in frappe.new_doc); with several, none is presumed. Kept by the Fonds controller and on
	migrate."""
	names = frappe.get_all("Fonds", pluck="name", limit=2)
	value = names[0] if len(names) == 1 else None
	# Setting a global default clears every cache of the site (metas included): only when it changes.
	if (frappe.db.get_default("fonds") or None) != value:
		frappe.db.set_default("fonds", value)
