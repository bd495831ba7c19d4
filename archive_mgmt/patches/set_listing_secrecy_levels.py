"""Documents listing archive items made before they carried a level take their items' highest."""

import frappe

from archive_mgmt.access_control import clearance


def execute():
	for doctype, (field, _chosen_by) in clearance.LISTINGS.items():
		child = clearance.LISTING_ROWS.get(doctype)
		if not child:  # the office's documents carry their own level
			continue
		names = frappe.get_all(
			doctype, filters=[[field, "is", "not set"]], pluck="name", ignore_permissions=True
		)
		for name in names:
			items = frappe.get_all(
				child, filters={"parent": name, "parenttype": doctype}, pluck="archive_item"
			)
			level = clearance.level_of_items(items)
			frappe.db.set_value(doctype, name, field, level, update_modified=False)
