"""Archive Access Log (档案利用审计): who viewed, printed, exported or downloaded which secret record, when."""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import add_days, getdate

from archive_mgmt.access_control.access_log import ACTIONS
from archive_mgmt.reports import bar_chart, column, link, where_equal


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	frappe.has_permission("Archive Access Log", "read", throw=True)
	data = get_data(filters)
	return get_columns(), data, None, get_chart(data)


def get_columns():
	return [
		column("accessed_on", _("Accessed On"), "Datetime", 160),
		link("user", _("User"), "User", 180),
		column("full_name", _("Full Name"), "Data", 100),
		column("action", _("Action"), "Data", 70),
		column("reference_doctype", _("Document Type"), "Data", 100),
		column("reference_name", _("Document"), "Dynamic Link", 120, options="reference_doctype"),
		column("secrecy_level", _("Secrecy Level"), "Data", 70),
		column("ip_address", _("IP Address"), "Data", 120),
		column("detail", _("Detail"), "Data", 200),
	]


def get_data(filters):
	log, user = frappe.qb.DocType("Archive Access Log"), frappe.qb.DocType("User")
	query = (
		frappe.qb.from_(log)
		.left_join(user)
		.on(user.name == log.user)
		.select(
			log.accessed_on,
			log.user,
			user.full_name,
			log.action,
			log.reference_doctype,
			log.reference_name,
			log.secrecy_level,
			log.ip_address,
			log.detail,
		)
		.orderby(log.accessed_on, order=frappe.qb.desc)
	)
	query = where_equal(
		query, filters, {"user": log.user, "action": log.action, "archive_item": log.reference_name}
	)
	if filters.from_date:
		query = query.where(log.accessed_on >= getdate(filters.from_date))
	if filters.to_date:
		query = query.where(log.accessed_on < add_days(getdate(filters.to_date), 1))
	return query.run(as_dict=True)


def get_chart(data):
	counts = Counter(r.action for r in data)
	return bar_chart(counts, _("Accesses"), [a for a in ACTIONS if a in counts])
