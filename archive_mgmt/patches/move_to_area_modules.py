"""Before the model sync: the app's records leave the one module "Archive Management" for the module of their
area (modules.txt). The new Module Defs are made, every DocType, Report, Print Format, Number Card, Dashboard
Chart, Workspace and Module Onboarding of the app takes the module of the folder its file now lives in, and a
user or module profile that blocked "Archive Management" blocks each new module instead. No data moves."""

import json
from pathlib import Path

import frappe
from frappe.installer import add_module_defs

OLD_MODULE = "Archive Management"
# folder of a module -> the DocType of the records it holds
KINDS = {
	"doctype": "DocType",
	"report": "Report",
	"print_format": "Print Format",
	"number_card": "Number Card",
	"dashboard_chart": "Dashboard Chart",
	"workspace": "Workspace",
	"module_onboarding": "Module Onboarding",
}


def execute():
	add_module_defs("archive_mgmt", ignore_if_duplicate=True)
	for doctype, name, module in shipped_records():
		if frappe.db.get_value(doctype, name, "module") not in (None, module):
			frappe.db.set_value(doctype, name, "module", module, update_modified=False)
	block_new_modules_where_old_was_blocked()
	frappe.clear_cache()


def shipped_records():
	"""(DocType, name, module) of every record the app ships, read from its files."""
	app = Path(frappe.get_app_path("archive_mgmt"))
	for module in frappe.get_module_list("archive_mgmt"):
		folder = app / frappe.scrub(module)
		for kind, doctype in KINDS.items():
			for path in sorted(folder.glob(f"{kind}/*/*.json")):
				doc = json.loads(path.read_text(encoding="utf-8"))
				if isinstance(doc, dict) and doc.get("doctype") == doctype and doc.get("name"):
					yield doctype, doc["name"], module


def block_new_modules_where_old_was_blocked():
	rows = frappe.get_all(
		"Block Module", filters={"module": OLD_MODULE}, fields=["name", "parent", "parenttype", "parentfield"]
	)
	for row in rows:
		blocked = set(
			frappe.get_all(
				"Block Module", filters={"parent": row.parent, "parenttype": row.parenttype}, pluck="module"
			)
		)
		for module in frappe.get_module_list("archive_mgmt"):
			if module not in blocked:
				frappe.get_doc(
					{
						"doctype": "Block Module",
						"parent": row.parent,
						"parenttype": row.parenttype,
						"parentfield": row.parentfield,
						"module": module,
					}
				).db_insert()
		frappe.db.delete("Block Module", {"name": row.name})
