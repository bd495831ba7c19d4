"""After the model sync: the Module Def "Archive Management" goes once nothing of the app points at it."""

import frappe

from archive_mgmt.patches.move_to_area_modules import OLD_MODULE


def execute():
	if not frappe.db.exists("Module Def", OLD_MODULE):
		return
	try:
		frappe.delete_doc("Module Def", OLD_MODULE, ignore_permissions=True)
	except frappe.LinkExistsError:
		pass  # a record of the site's own (a custom report, say) still names it: it stays
