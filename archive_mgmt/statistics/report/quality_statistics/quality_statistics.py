"""Quality (质量统计) by filing unit: the share of held items with complete DA/T 18 description, the share
passing their latest four-property check (四性检测), and the usage rate (使用率): the share of
held items issued on a loan in the year.

Totals over the whole archive: only the roles with full clearance run it.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from archive_mgmt.reports import data_column, int_column, percent_column
from archive_mgmt.rules import four_property
from archive_mgmt.statistics import counts
from archive_mgmt.statistics.tables import HELD, Labels, check_totals_access, share, total_row


def execute(filters: dict | None = None):
	label = Labels()
	check_totals_access()
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or getdate(today()).year
	where = {"status": HELD, **({"fonds": filters.fonds} if filters.fonds else {})}
	rows: dict[str, dict] = defaultdict(lambda: {"held": 0, "complete": 0, "checked_ok": 0, "used": 0})
	for r in counts.totals(counts.UNITS, ("filing_unit",), where):
		if r["items"]:
			rows[r.filing_unit].update(held=r["items"], complete=r.complete)
	for unit, used in used_items(year, filters.fonds).items():
		rows[unit]["used"] = used
	for unit, passed in four_property_passed(filters.fonds).items():
		rows[unit]["checked_ok"] = passed
	data = [{"filing_unit": u, "unit_label": label("filing_unit", u), **m} for u, m in sorted(rows.items())]
	data.append(total_row(data, "unit_label", ("held", "complete", "checked_ok", "used")))
	for r in data:
		r["complete_share"] = share(r["complete"], r["held"])
		r["checked_share"] = share(r["checked_ok"], r["held"])
		r["usage_rate"] = share(r["used"], r["held"])
	return get_columns(), data, None, None


def get_columns():
	return [
		data_column("unit_label", _("Filing Unit"), 160),
		int_column("held", _("Items Held")),
		int_column("complete", _("Complete Description"), 110),
		percent_column("complete_share", _("Description Pass Rate"), 110),
		int_column("checked_ok", _("Passed Four-Property Check"), 120),
		percent_column("checked_share", _("Four-Property Pass Rate"), 120),
		int_column("used", _("Items Used in Year"), 110),
		percent_column("usage_rate", _("Usage Rate"), 100),
	]


def used_items(year: int, fonds: str | None) -> dict[str, int]:
	"""Held items issued on a loan in the year, by the item's filing unit."""
	rows = frappe.db.sql(
		f"""select i.`filing_unit`, count(distinct lri.`archive_item`)
		from `tabLoan Request Item` lri join `tabArchive Item` i on i.`name` = lri.`archive_item`
		where lri.`parenttype` = 'Loan Request' and lri.`issued_on` between %(start)s and %(end)s
			and i.`status` in %(held)s {"and i.`fonds` = %(fonds)s" if fonds else ""}
		group by i.`filing_unit`""",
		{"start": f"{year}-01-01", "end": f"{year}-12-31 23:59:59.999999", "held": HELD, "fonds": fonds},
	)
	return dict(rows)


def four_property_passed(fonds: str | None) -> dict[str, int]:
	"""Held items whose latest four-property check (the item's ``integrity_check``) passed, by unit."""
	rows = frappe.db.sql(
		f"""select i.`filing_unit`, count(*) from `tabFour Property Check` c
		join `tabArchive Item` i on i.`name` = c.`archive_item` and i.`integrity_check` = c.`name`
		where c.`outcome` = %(passed)s and i.`status` in %(held)s {"and i.`fonds` = %(fonds)s" if fonds else ""}
		group by i.`filing_unit`""",
		{"passed": four_property.PASS, "held": HELD, "fonds": fonds},
	)
	return dict(rows)
