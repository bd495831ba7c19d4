"""Catalogue imports made before they had a title take their file's name, as new ones do."""

import frappe


def execute():
	for name in frappe.get_all(
		"Archive Catalogue Import", filters={"title": ("is", "not set")}, pluck="name"
	):
		doc = frappe.get_doc("Archive Catalogue Import", name)
		doc.set_title()
		doc.db_set("title", doc.title, update_modified=False)
