"""Reference-code (档号) allocation: the one place that numbers items and dossiers.

Numbers are gap-free within their group because the counter moves in the same transaction as the
record that takes the number: a rollback gives the number back. Concurrent filers serialise on the
counter row (INSERT … ON DUPLICATE KEY UPDATE takes an exclusive row lock), so no two records of
a group ever get the same number; the unique index on reference_code is the last guard.
"""

import frappe
from frappe import _
from frappe.utils.caching import request_cache

from archive_mgmt.exceptions import InvalidCodeError
from archive_mgmt.rules.reference_code import (
	DEFAULT_DOSSIER_PATTERN,
	DEFAULT_ITEM_PATTERN,
	CodePattern,
	CodeValueError,
	PatternError,
	compile_pattern,
)

SETTINGS = "Archive Settings"


def get_pattern(doctype: str) -> CodePattern:
	field, default = (
		("dossier_code_pattern", DEFAULT_DOSSIER_PATTERN)
		if doctype == "Dossier"
		else ("reference_code_pattern", DEFAULT_ITEM_PATTERN)
	)
	text = frappe.db.get_single_value(SETTINGS, field) or default
	return checked_pattern(text)


def checked_pattern(text: str) -> CodePattern:
	try:
		return compile_pattern(text)
	except PatternError as e:
		frappe.throw(
			_("Reference code pattern {0} is not usable: {1}").format(text, str(e)), exc=InvalidCodeError
		)


@request_cache
def root_category_code(category: str) -> str:
	"""The 门类 code of a category: its top-level ancestor's code."""
	lft, rgt = frappe.db.get_value("Archive Category", category, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return category
	root = frappe.db.get_value(
		"Archive Category",
		{"lft": ("<=", lft), "rgt": (">=", rgt), "parent_archive_category": ("is", "not set")},
		"category_code",
	)
	return root or category


def code_values(doc) -> dict:
	"""The values a pattern may use, taken from an Archive Item or Dossier."""
	values = {
		"fonds": doc.fonds,
		"category": root_category_code(doc.category) if doc.category else None,
		"class": doc.category,
		"year": doc.year,
		"retention": doc.retention_period,
		"unit": doc.filing_unit,
	}
	if doc.doctype == "Dossier":
		values["dossier_no"] = doc.dossier_no
	else:
		values["item_no"] = doc.item_no
		if doc.get("dossier"):
			values["dossier_no"] = frappe.db.get_value("Dossier", doc.dossier, "dossier_no")
	return values


def format_code(pattern: CodePattern, values: dict) -> str:
	try:
		return pattern.format(values)
	except CodeValueError as e:
		cannot_make_code(pattern, e)


def group_of(pattern: CodePattern, values: dict) -> str:
	try:
		return pattern.group_key(values)
	except CodeValueError as e:
		cannot_make_code(pattern, e)


def cannot_make_code(pattern: CodePattern, error: CodeValueError):
	frappe.throw(
		_("Cannot make a reference code with pattern {0}: {1}").format(pattern.text, str(error)),
		exc=InvalidCodeError,
	)


def assign(doc) -> None:
	"""Give a record its number and reference code, once."""
	assign_many([doc])


def assign_many(docs) -> None:
	"""Number records of one DocType in the order given, taking each group's numbers at once (bulk
	import), and give each its reference code. Records that already have a code keep it."""
	docs = [doc for doc in docs if not doc.reference_code]
	if not docs:
		return
	doctype = docs[0].doctype
	pattern = get_pattern(doctype)
	groups: dict[str, list] = {}
	for doc in docs:
		values = code_values(doc)
		group = group_of(pattern, values)
		groups.setdefault(group, []).append((doc, values))
	for group, members in groups.items():
		first = next_numbers(f"{doctype}:{group}", len(members))
		for number, (doc, values) in enumerate(members, start=first):
			values[pattern.sequence_field] = number
			setattr(doc, pattern.sequence_field, number)
			doc.reference_code = format_code(pattern, values)


def preview(doc) -> str:
	"""The code the record would get if it were numbered now (the number may still be taken first)."""
	pattern = get_pattern(doc.doctype)
	values = code_values(doc)
	group = pattern.group_key(values)
	last = frappe.db.get_value("Archive Code Sequence", f"{doc.doctype}:{group}", "last_value") or 0
	values[pattern.sequence_field] = last + 1
	return pattern.format(values)


def next_numbers(group: str, count: int) -> int:
	"""Take ``count`` consecutive numbers of a group at once; returns the first (bulk import)."""
	table = "tabArchive Code Sequence"
	now = frappe.utils.now()
	frappe.db.sql(
		f"""insert into `{table}` (name, last_value, creation, modified, owner, modified_by, docstatus, idx)
		values (%(group)s, %(count)s, %(now)s, %(now)s, %(user)s, %(user)s, 0, 0)
		on duplicate key update last_value = last_value + %(count)s, modified = %(now)s, modified_by = %(user)s""",
		{"group": group, "count": count, "now": now, "user": frappe.session.user},
	)
	last = frappe.db.sql(f"select last_value from `{table}` where name = %s for update", group)[0][0]
	return last - count + 1
