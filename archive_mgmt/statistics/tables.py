"""What the statistics reports (档案统计) share: who may see totals, dimension labels, pivots, permitted rows.

Two rules keep a count from revealing what a user may not read:
- Reports, number cards and charts of TOTALS read the maintained counts over the whole archive, so
  only the roles that hold full clearance may run them (``TOTALS_ROLES``; each report's roles say the
  same, and each report's description says so).
- Anything that LISTS items (most-used items) goes through the Archive Item permission conditions
  (``permitted_items_condition``), so it shows only what the user may read.
"""

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.utils import cint, getdate, today

from archive_mgmt.roles import ARCHIVE_MANAGER, LEADER_IN_CHARGE, PRINCIPAL
from archive_mgmt.rules.retention import label_of
from archive_mgmt.rules.status import FILED, ON_LOAN

TOTALS_ROLES = frozenset({ARCHIVE_MANAGER, PRINCIPAL, LEADER_IN_CHARGE, "System Manager"})
HELD = (FILED, ON_LOAN)
YEARS_SHOWN = 10


def may_see_totals(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & TOTALS_ROLES)


def check_totals_access() -> None:
	if not may_see_totals():
		frappe.throw(
			_("Archive statistics show totals over the whole archive: only {0} may see them").format(
				", ".join(_(r) for r in sorted(TOTALS_ROLES - {"System Manager"}))
			),
			exc=frappe.PermissionError,
		)


def permitted_items_condition(alias: str = "`tabArchive Item`") -> str:
	"""The current user's read conditions on Archive Item (roles, user permissions, permission hooks)."""
	frappe.has_permission("Archive Item", "read", throw=True)
	condition = DatabaseQuery("Archive Item").build_match_conditions() or ""
	return condition.replace("`tabArchive Item`", alias) if condition else "1=1"


def year_range(filters) -> tuple[int, int]:
	"""The filters' years (year_from..year_to), by default the last YEARS_SHOWN years."""
	this_year = getdate(today()).year
	end = cint(filters.get("year_to")) or this_year
	start = cint(filters.get("year_from")) or end - YEARS_SHOWN + 1
	return start, end


class Labels:
	"""How counter dimension values read in a report; names are loaded once per report run."""

	def __init__(self):
		self.names: dict[str, dict] = {}

	def lookup(self, dimension: str) -> dict:
		if dimension not in self.names:
			doctype, field = {
				"category": ("Archive Category", "category_name"),
				"filing_unit": ("Filing Unit", "unit_name"),
			}[dimension]
			self.names[dimension] = dict(frappe.get_all(doctype, fields=["name", field], as_list=True))
		return self.names[dimension]

	def __call__(self, dimension: str, value) -> str:
		if value in (None, "", 0) and dimension != "year":
			return _("(not set)")
		if dimension in ("category", "filing_unit"):
			name = self.lookup(dimension).get(value)
			return f"{value} {name}" if name else str(value)
		if dimension == "retention_period":
			return label_of(value)
		if dimension in ("status", "decision"):
			return _(value)
		return str(value)


def dimension_order(dimension: str, values) -> list:
	"""Values in the order an archivist expects (categories as the tree, secrecy by level, years ascending)."""
	from archive_mgmt.rules.description import CARRIERS, SECRECY_LEVELS
	from archive_mgmt.rules.retention import sort_key

	if dimension == "retention_period":
		return sorted(values, key=lambda v: (-sort_key(v) if v else 0, str(v)))
	orders = {"secrecy_level": SECRECY_LEVELS, "carrier": CARRIERS}
	if dimension == "category":
		orders["category"] = frappe.get_all("Archive Category", pluck="name", order_by="lft")
	known = orders.get(dimension)
	if not known:
		return sorted(values, key=lambda v: (v is None, v))
	rank = {v: i for i, v in enumerate(known)}
	return sorted(values, key=lambda v: (rank.get(v, len(rank)), str(v)))


def share(part, whole) -> float | None:
	return round(100.0 * part / whole, 1) if whole else None


def total_row(rows: list[dict], label_field: str, fields) -> dict:
	total = {label_field: _("Total"), "is_total_row": 1}
	for f in fields:
		total[f] = sum(r.get(f) or 0 for r in rows)
	return total
