"""What the statistics reports (档案统计) share: who may see totals, dimension labels, pivots, permitted rows.

Two rules keep a count from revealing what a user may not read:
- Reports, number cards and charts of TOTALS read the maintained counts over the whole archive, so
  only the roles that hold full clearance may run them (``TOTALS_ROLES``, and only while cleared for
  绝密; each report's roles say the same, and each report's description says so).
- Anything that LISTS items (most-used items) goes through the Archive Item permission conditions
  (``permitted_items_condition``), so it shows only what the user may read.
"""

import functools
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.utils import cint, getdate, today

from archive_mgmt.access_control import clearance
from archive_mgmt.reports import cancel_prepared_report_watchers
from archive_mgmt.roles import ARCHIVE_MANAGER, LEADER_IN_CHARGE, PRINCIPAL
from archive_mgmt.rules.retention import label_of
from archive_mgmt.rules.status import FILED, ON_LOAN

TOTALS_ROLES = frozenset({ARCHIVE_MANAGER, PRINCIPAL, LEADER_IN_CHARGE, "System Manager"})
HELD = (FILED, ON_LOAN)
YEARS_SHOWN = 10


def may_see_totals(user: str | None = None) -> bool:
	"""A totals role cleared for everything: the totals count items at every level (秘密 to 绝密 too)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return bool(set(frappe.get_roles(user)) & TOTALS_ROLES) and clearance.sees_everything(user)


def totals_only(method):
	"""A number card's method that reads totals over the whole archive: it refuses whoever may not see totals,
	and its card is hidden from them (number_card_permission), so that their workspace asks nothing it is
	refused."""

	@functools.wraps(method)
	def checked(*args, **kwargs):
		check_totals_access()
		return method(*args, **kwargs)

	checked.totals_only = True
	return checked


def number_card_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission for Number Card: the app's custom cards (their methods check who asks) show to whoever
	may call them; Frappe decides on every other card."""
	if doc.get("type") != "Custom" or not (doc.get("method") or "").startswith("archive_mgmt."):
		return None
	try:
		method = frappe.get_attr(doc.method)
	except (AttributeError, ImportError):
		return False
	if getattr(method, "totals_only", False):
		return may_see_totals(user)
	return True


# The app's reports over the whole archive: each runs check_totals_access first.
TOTALS_REPORTS = frozenset(
	{
		"Holdings Statistics",
		"Additions Statistics",
		"Use Statistics",
		"Appraisal Statistics",
		"Quality Statistics",
	}
)


def dashboard_chart_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission for Dashboard Chart: a chart drawn from a totals report shows only to whoever may see
	totals, so that a workspace never asks for a chart it is refused; Frappe decides on every other chart."""
	if doc.get("chart_type") == "Report" and doc.get("report_name") in TOTALS_REPORTS:
		return None if may_see_totals(user) else False
	return None


@contextmanager
def report_run(report_name: str):
	"""Around a run of a report through Frappe (the report view, its export, the workspace's report charts): a
	totals report refuses whoever may not see totals before Frappe starts it, and a run that raises leaves no
	watcher behind. Frappe arms a watcher when a Script Report starts and cancels it only when the report
	returns: a refusal or a bad filter would otherwise make the report a background one for everyone 15 s later."""
	if report_name in TOTALS_REPORTS:
		check_totals_access()
	try:
		yield
	except Exception:
		cancel_prepared_report_watchers(report_name)
		raise


def check_totals_access() -> None:
	if not may_see_totals():
		frappe.throw(
			_(
				"Archive statistics show totals over the whole archive: only {0} cleared for 绝密 may see them"
			).format(", ".join(_(r) for r in sorted(TOTALS_ROLES - {"System Manager"}))),
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


def category_tree(rows: list[dict], fields, label: "Labels") -> list[dict]:
	"""Rows by category (each with its category as ``value``) as the classification scheme's tree: a 门类
	such as WS heads its classes (XZ 行政 …) with their subtotal, the classes indented beneath (``indent``);
	items filed under the 门类 itself, beside classes, get their own indented row. Categories with nothing
	in them are left out; the total is the sum of the top rows."""
	by_value = {r["value"]: r for r in rows}
	tree = frappe.get_all(
		"Archive Category", fields=["name", "parent_archive_category as parent"], order_by="lft"
	)
	children: dict[str | None, list[str]] = {}
	for node in tree:
		children.setdefault(node.parent, []).append(node.name)

	def subtotal(name: str) -> dict:
		own = by_value.get(name, {})
		total = {f: own.get(f) or 0 for f in fields}
		for child in children.get(name, []):
			for f, v in subtotal(child).items():
				total[f] += v
		return total

	out: list[dict] = []

	def add(name: str, depth: int) -> None:
		total = subtotal(name)
		if not any(total.values()):
			return
		kids = [c for c in children.get(name, []) if any(subtotal(c).values())]
		own = by_value.get(name, {})
		shown = {f: v for f, v in total.items() if v or own.get(f) is not None}  # an empty cell stays empty
		out.append(
			{
				**own,
				**shown,
				"value": name,
				"label": label("category", name),
				"indent": depth,
				"is_group": int(bool(kids)),
			}
		)
		if kids and any(own.get(f) for f in fields):
			out.append(
				{**own, "label": _("{0} (no class)").format(label("category", name)), "indent": depth + 1}
			)
		for child in kids:
			add(child, depth + 1)

	for root in children.get(None, []) + children.get("", []):
		add(root, 0)
	known = {node.name for node in tree}
	out += [{**r, "indent": 0} for r in rows if r["value"] not in known]  # a category deleted since
	return out


def share(part, whole) -> float | None:
	return round(100.0 * part / whole, 1) if whole else None


def total_row(rows: list[dict], label_field: str, fields) -> dict:
	total = {label_field: _("Total"), "is_total_row": 1}
	for f in fields:
		total[f] = sum(r.get(f) or 0 for r in rows)
	return total
