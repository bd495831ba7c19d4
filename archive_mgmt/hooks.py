from archive_mgmt.roles import ALL_ROLES

app_name = "archive_mgmt"
app_title = "Archive Management"
app_publisher = "archive_mgmt developers"
app_description = "档案管理: filing, reference codes, storage, loans, appraisal and destruction on Frappe"
app_email = "archive_mgmt@example.com"
app_license = "MIT"
# "org/repo" form: plain "frappe" makes install-app ask GitHub which org it belongs to, which fails offline.
required_apps = ["frappe/frappe"]

# after_sync, not after_install: on install it runs once the role fixtures exist.
after_sync = ["archive_mgmt.install.after_install", "archive_mgmt.statistics.ensure_indexes"]
after_migrate = ["archive_mgmt.install.after_migrate", "archive_mgmt.statistics.ensure_indexes"]

fixtures = [{"dt": "Role", "filters": [["name", "in", ALL_ROLES]]}]

scheduler_events = {
	"daily": [
		"archive_mgmt.tasks.mark_overdue_loans",
		"archive_mgmt.deadlines.remind_due_drafts",
	]
}

# The maintained statistics counts move with every save or delete of the records they count.
doc_events = {
	"Archive Item": {
		"on_update": "archive_mgmt.statistics.on_item_update",
		"on_trash": "archive_mgmt.statistics.on_item_trash",
	},
	"Dossier": {
		"on_update": "archive_mgmt.statistics.on_dossier_update",
		"on_trash": "archive_mgmt.statistics.on_dossier_trash",
	},
	"Destruction Batch": {"on_update": "archive_mgmt.statistics.on_batch_update"},
}

permission_query_conditions = {
	"Archive Item": "archive_mgmt.permissions.archive_item_query",
	"Loan Request": "archive_mgmt.permissions.loan_request_query",
	"Utilization Effect Record": "archive_mgmt.permissions.effect_record_query",
}
has_permission = {
	"Archive Item": "archive_mgmt.permissions.archive_item_permission",
	"Loan Request": "archive_mgmt.permissions.loan_request_permission",
	"Utilization Effect Record": "archive_mgmt.permissions.effect_record_permission",
}

jinja = {
	"methods": [
		"archive_mgmt.printing.qr_svg",
		"archive_mgmt.printing.retention_label",
		"archive_mgmt.printing.yyyymmdd",
		"archive_mgmt.printing.full_name",
	]
}
