from archive_mgmt.access_control.copies import COPIES
from archive_mgmt.roles import ALL_ROLES

app_name = "archive_mgmt"
app_title = "Archive Management"
app_publisher = "archive_mgmt developers"
app_description = "档案管理: filing, reference codes, storage, loans, appraisal and destruction on Frappe"
app_email = "archive_mgmt@example.com"
app_license = "MIT"
# "org/repo" form: plain "frappe" makes install-app ask GitHub which org it belongs to, which fails offline.
required_apps = ["frappe/frappe"]

# before_install refreshes a module map cached before the app was on the bench (else nothing syncs).
before_install = "archive_mgmt.install.before_install"
# after_sync, not after_install: on install it runs once the role fixtures exist.
after_sync = [
	"archive_mgmt.install.after_install",
	"archive_mgmt.indexes.ensure_indexes",
	"archive_mgmt.search.engine.ensure_tables",
	"archive_mgmt.search.snapshot.ensure_tables",
]
after_migrate = [
	"archive_mgmt.install.after_migrate",
	"archive_mgmt.indexes.ensure_indexes",
	"archive_mgmt.search.engine.ensure_tables",
	"archive_mgmt.search.snapshot.after_migrate",
]

fixtures = [{"dt": "Role", "filters": [["name", "in", ALL_ROLES]]}]

scheduler_events = {
	"hourly": ["archive_mgmt.search.full_text.resume_pending"],
	"hourly_long": ["archive_mgmt.search.snapshot.rebuild_if_needed"],
	"daily": [
		"archive_mgmt.utilization.overdue.mark_overdue_loans",
		"archive_mgmt.filing.deadlines.remind_due_drafts",
		"archive_mgmt.preservation.fixity.audit",
		"archive_mgmt.preservation.sampling.remind_when_due",
		"archive_mgmt.access_control.audit_chain.daily_check",
		"archive_mgmt.capture.capture.release_settled_holds",
		"archive_mgmt.capture.batch.remind_custody_due",
		"archive_mgmt.office.deadlines.chase_deadlines",
	],
}

app_include_js = ["/assets/archive_mgmt/js/timeline_words.js", "/assets/archive_mgmt/js/capture_link.js"]
# The DocTypes capture rules name, for the source form's 已归档 indicator (capture_link.js).
extend_bootinfo = "archive_mgmt.capture.capture.boot"
app_include_css = ["/assets/archive_mgmt/css/catalogue_list.css"]
doctype_js = {"Archive Item": ["public/js/archive_item_integrity.js", "public/js/archive_item_full_text.js"]}

permission_query_conditions = {
	"Archive Item": "archive_mgmt.access_control.permissions.archive_item_query",
	"Dossier": "archive_mgmt.access_control.permissions.dossier_query",
	"Loan Request": "archive_mgmt.access_control.permissions.loan_request_query",
	"Utilization Effect Record": "archive_mgmt.access_control.permissions.effect_record_query",
	"Destruction Batch": "archive_mgmt.access_control.permissions.listing_query",
	"Handover List": "archive_mgmt.access_control.permissions.listing_query",
	"Declassification Review": "archive_mgmt.access_control.permissions.listing_query",
	"Incoming Office Document": "archive_mgmt.access_control.permissions.listing_query",
	"Outgoing Office Document": "archive_mgmt.access_control.permissions.listing_query",
	"Loan Request Item": "archive_mgmt.access_control.permissions.listing_rows_query",
	"Utilization Effect Item": "archive_mgmt.access_control.permissions.listing_rows_query",
	"Destruction Batch Item": "archive_mgmt.access_control.permissions.listing_rows_query",
	"Handover List Item": "archive_mgmt.access_control.permissions.listing_rows_query",
	"Declassification Review Item": "archive_mgmt.access_control.permissions.listing_rows_query",
	# care-service files: archive_mgmt/care_files/permissions.py
	"Care Recipient File": "archive_mgmt.care_files.permissions.care_file_query",
	"Care Service Record": "archive_mgmt.care_files.permissions.service_record_query",
	"Care File Counsellor": "archive_mgmt.care_files.permissions.counsellor_row_query",
	"Archive Full Text": "archive_mgmt.access_control.permissions.full_text_query",
	"Archive Hold": "archive_mgmt.access_control.permissions.hold_query",
	# Frappe's copies of a record (versions, comments, files …) follow the record they name
	**{d: "archive_mgmt.access_control.permissions.copy_query" for d in COPIES},
	"Deleted Document": "archive_mgmt.access_control.permissions.deleted_document_query",
}
has_permission = {
	"Archive Item": "archive_mgmt.access_control.permissions.archive_record_permission",
	"Dossier": "archive_mgmt.access_control.permissions.archive_record_permission",
	"Loan Request": "archive_mgmt.access_control.permissions.loan_request_permission",
	"Utilization Effect Record": "archive_mgmt.access_control.permissions.effect_record_permission",
	"Destruction Batch": "archive_mgmt.access_control.permissions.listing_permission",
	"Handover List": "archive_mgmt.access_control.permissions.listing_permission",
	"Declassification Review": "archive_mgmt.access_control.permissions.listing_permission",
	"Incoming Office Document": "archive_mgmt.access_control.permissions.listing_permission",
	"Outgoing Office Document": "archive_mgmt.access_control.permissions.listing_permission",
	"Care Recipient File": "archive_mgmt.care_files.permissions.care_file_permission",
	"Number Card": "archive_mgmt.statistics.tables.number_card_permission",
	"Dashboard Chart": "archive_mgmt.statistics.tables.dashboard_chart_permission",
	"Archive Full Text": "archive_mgmt.access_control.permissions.full_text_permission",
	"Archive Hold": "archive_mgmt.access_control.permissions.hold_permission",
	**{d: "archive_mgmt.access_control.permissions.copy_permission" for d in COPIES},
	"Deleted Document": "archive_mgmt.access_control.permissions.deleted_document_permission",
}

# Lifecycles of the app's own DocTypes live in their controllers; here only other apps' DocTypes
# (and every DocType for capture).
doc_events = {
	# 三员分立 on every path a role changes (access_control/duties.py), each change into the audit chain.
	"User": {
		"validate": "archive_mgmt.access_control.duties.validate_user",
		"on_update": [
			"archive_mgmt.access_control.duties.record_user",
			"archive_mgmt.access_control.clearance.clear_cache",
			"archive_mgmt.archive_setup.onboarding.user_changed",
		],
	},
	"Has Role": {
		"before_insert": "archive_mgmt.access_control.duties.validate_has_role_insert",
		"after_insert": "archive_mgmt.access_control.duties.record_has_role_insert",
		"on_trash": "archive_mgmt.access_control.duties.validate_has_role_delete",
	},
	"Role Profile": {"validate": "archive_mgmt.access_control.duties.validate_role_profile"},
	"File": {
		"validate": [
			"archive_mgmt.preservation.fixity.refuse_public_archive_file",
			"archive_mgmt.access_control.permissions.refuse_attaching_around_the_rules",
		],
		"after_insert": [
			"archive_mgmt.preservation.fixity.record_on_attach",
			"archive_mgmt.search.full_text.on_file_attached",
		],
		"on_trash": [
			"archive_mgmt.preservation.fixity.retire_on_delete",
			"archive_mgmt.search.full_text.on_file_deleted",
		],
	},
	"DocShare": {"validate": "archive_mgmt.access_control.permissions.refuse_sharing_of_levelled_records"},
	"Document Share Key": {
		"validate": "archive_mgmt.access_control.permissions.refuse_sharing_of_levelled_records"
	},
	# capture rules (前端控制): any submittable DocType; one cached lookup when no rule names it
	"*": {
		"on_submit": "archive_mgmt.capture.capture.on_submit",
		"on_cancel": "archive_mgmt.capture.capture.on_cancel",
	},
}

# Exports log the audited records they contain before Frappe builds the file; counts obey permissions; a
# record the user may not read answers a form, a link check or a link search as a missing one.
override_whitelisted_methods = {
	"frappe.client.get_count": "archive_mgmt.api.access_control.permitted_count",
	"frappe.desk.form.load.getdoc": "archive_mgmt.api.access_control.getdoc",
	"frappe.client.validate_link": "archive_mgmt.api.access_control.validate_link",
	"frappe.desk.search.get_link_title": "archive_mgmt.api.access_control.get_link_title",
	"frappe.desk.search.search_widget": "archive_mgmt.api.access_control.search_widget",
	"frappe.desk.search.search_link": "archive_mgmt.api.access_control.search_link",
	"frappe.desk.reportview.export_query": "archive_mgmt.api.access_control.export_query",
	"frappe.desk.query_report.export_query": "archive_mgmt.api.access_control.export_report",
	"frappe.desk.query_report.run": "archive_mgmt.api.statistics.run_report",
	"frappe.core.doctype.communication.email.make": "archive_mgmt.api.access_control.make_communication",
}

# The access log names the records it saw; it never stops one from being deleted.
ignore_links_on_delete = ["Archive Access Log"]

jinja = {
	"methods": [
		"archive_mgmt.formatting.qr_svg",
		"archive_mgmt.formatting.retention_label",
		"archive_mgmt.formatting.yyyymmdd",
		"archive_mgmt.formatting.full_name",
		"archive_mgmt.filing.boxes.box_spine",
	]
}
