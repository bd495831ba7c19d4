"""After the model sync: the print format "Destruction Register" is now shipped as 销毁清册 (so typing 销毁清册
finds it). The old record merges into the new one: whatever named it (a default print format, a notification)
names 销毁清册 instead, and the old record goes."""

import frappe

OLD, NEW = "Destruction Register", "销毁清册"


def execute():
	if not frappe.db.exists("Print Format", OLD):
		return
	merge = bool(frappe.db.exists("Print Format", NEW))  # the model sync has made it
	frappe.rename_doc("Print Format", OLD, NEW, merge=merge, force=True)
