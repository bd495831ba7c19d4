"""Retention on the site: which rule applies to a record, and when the record expires."""

import frappe
from frappe.utils import getdate

from archive_mgmt.rules.retention import RuleCandidate, expiry_date, match_rule, split_keywords


def category_chain(category: str) -> list[str]:
	"""The category and its ancestors, nearest first."""
	lft, rgt = frappe.db.get_value("Archive Category", category, ["lft", "rgt"]) or (None, None)
	if lft is None:
		return [category]
	rows = frappe.get_all(
		"Archive Category",
		filters={"lft": ("<=", lft), "rgt": (">=", rgt)},
		fields=["name"],
		order_by="lft desc",
	)
	return [r.name for r in rows]


def matching_rule(category: str, title: str | None):
	"""The Retention Rule for a record of this category and title, or None."""
	chain = category_chain(category)
	rows = frappe.get_all(
		"Retention Rule",
		filters={"category": ("in", chain)},
		fields=["name", "category", "retention_period", "keywords", "default_secrecy_level"],
	)
	by_name = {r.name: r for r in rows}
	candidates = [
		RuleCandidate(r.name, r.category, r.retention_period, split_keywords(r.keywords)) for r in rows
	]
	chosen = match_rule(candidates, chain, title or "")
	return by_name[chosen.name] if chosen else None


def count_from() -> str:
	return frappe.db.get_single_value("Archive Settings", "retention_count_from") or "Following Year"


def expiry_for(doc):
	"""The expiry date of an Archive Item or Dossier; None when permanent."""
	if not (doc.year and doc.retention_period):
		return None
	doc_date = getdate(doc.doc_date) if doc.get("doc_date") else None
	return expiry_date(int(doc.year), doc.retention_period, count_from(), doc_date)
