"""Storage Environment: each room's temperature and humidity readings over time, with a line chart."""

import frappe
from frappe import _
from frappe.query_builder.functions import Date
from frappe.utils import add_days, getdate

from archive_mgmt.reports import column, link, where_equal


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns():
	return [
		link("reading", _("Storage Environment Reading"), "Storage Environment Reading", 140),
		link("location", _("Storage Room"), "Archive Location", 130),
		column("reading_time", _("Reading Time"), "Datetime", 150),
		column("temperature", _("Temperature (℃)"), "Float", 110),
		column("humidity", _("Relative Humidity (%)"), "Float", 130),
		column("out_of_range", _("Out of Range"), "Check", 100),
		column("problems", _("Problems"), "Data", 280),
		link("recorded_by", _("Recorded By"), "User", 140),
	]


def get_data(filters):
	r = frappe.qb.DocType("Storage Environment Reading")
	query = (
		frappe.qb.from_(r)
		.select(
			r.name.as_("reading"),
			r.location,
			r.reading_time,
			r.temperature,
			r.humidity,
			r.out_of_range,
			r.problems,
			r.recorded_by,
		)
		.orderby(r.reading_time)
	)
	query = where_equal(query, filters, {"location": r.location})
	if filters.get("from_date"):
		query = query.where(Date(r.reading_time) >= getdate(filters.from_date))
	if filters.get("to_date"):
		query = query.where(r.reading_time < add_days(getdate(filters.to_date), 1))
	if filters.get("out_of_range"):
		query = query.where(r.out_of_range == 1)
	return query.run(as_dict=True)


def get_chart(data) -> dict | None:
	"""A line per room and measure over the reading times (a room without a reading at a time has a gap)."""
	if not data:
		return None
	times = sorted({str(row.reading_time)[:16] for row in data})
	rooms = sorted({row.location for row in data})
	values = {(row.location, str(row.reading_time)[:16]): row for row in data}
	datasets = []
	for room in rooms:
		for field, unit in (("temperature", "℃"), ("humidity", "%RH")):
			points = [values.get((room, t)) for t in times]
			datasets.append({"name": f"{room} {unit}", "values": [p[field] if p else None for p in points]})
	return {"data": {"labels": times, "datasets": datasets}, "type": "line", "lineOptions": {"spline": 0}}
