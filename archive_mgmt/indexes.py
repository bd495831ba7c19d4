"""The database indexes the app declares beyond its DocTypes' single-field ones, and keeping them in place."""

import frappe

# Composite indexes the statistics and list views need (single fields use search_index in the JSON).
# The Archive Item indexes that serve list views end with the columns the permission conditions read
# (permissions.archive_item_query: filing_unit and secrecy_level), so a restricted user's list and count read
# the same index range as the Administrator's and never a table row to decide what they may see.
PERMISSION_COLUMNS = ("filing_unit", "secrecy_level")
INDEXES = {
	"Archive Statistic": [("kind", "fonds")],
	"Archive Item": [
		("fonds", "year", "modified", *PERMISSION_COLUMNS),
		("filing_unit", "modified", "secrecy_level"),  # a departmental archivist's list, newest first
		# a reader's list (what is lent to them), newest first; its count on the usual filters reads no row
		("lent_to", "modified", "fonds", "year", "status"),
		("fonds", "status", "modified", *PERMISSION_COLUMNS),  # a fonds's list by status
		("status", "expiry_date"),
		("workflow_state",),
	],
	"Loan Request": [("request_date",), ("workflow_state", "due_date")],
	"Loan Request Item": [("issued_on",), ("archive_item",)],
	"Utilization Effect Record": [("record_date",)],
	"Destruction Batch Item": [("archive_item",)],
	"Handover List": [("received_on",)],
}
# One archive item per (capture rule, source document): a retry or a second worker cannot make another
# (capture/capture.py). Items not captured have no rule, and NULLs never clash.
UNIQUE_INDEXES = {"Archive Item": {"capture_source": ("capture_rule", "source_name")}}


def ensure_indexes() -> None:
	"""Add the composite indexes and drop the app's former ones (idempotent: after_sync, after_migrate and a patch call it).

	The app owns the indexes named stats_*: those INDEXES no longer declares are dropped.
	"""
	for doctype, indexes in INDEXES.items():
		if not frappe.db.table_exists(doctype):
			continue
		declared = {"stats_" + "_".join(fields): fields for fields in indexes}
		existing = {row.Key_name for row in frappe.db.sql(f"show index from `tab{doctype}`", as_dict=True)}
		for name in sorted(n for n in existing if n.startswith("stats_") and n not in declared):
			frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
		for name, fields in declared.items():
			frappe.db.add_index(doctype, list(fields), index_name=name)
	for doctype, indexes in UNIQUE_INDEXES.items():
		if not frappe.db.table_exists(doctype):
			continue
		existing = {row.Key_name for row in frappe.db.sql(f"show index from `tab{doctype}`", as_dict=True)}
		for name, fields in indexes.items():
			if name not in existing:
				frappe.db.add_unique(doctype, list(fields), constraint_name=name)
