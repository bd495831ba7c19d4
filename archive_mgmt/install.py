"""Seeding on install and migrate: idempotent, and never overwriting what a user has edited.

Masters (retention periods, categories, retention rules) are inserted when missing and left alone
when present. Workflows are the app's own logic: each shipped definition in ``workflow/`` is
created when missing and brought back to the shipped form when it differs.
"""

import json
from pathlib import Path

import frappe

from archive_mgmt.archive_setup.masters import set_default_fonds
from archive_mgmt.archive_setup.onboarding import tick_done_steps
from archive_mgmt.capture import presets
from archive_mgmt.office import setup as office_setup
from archive_mgmt.rules.reference_code import DEFAULT_DOSSIER_PATTERN, DEFAULT_ITEM_PATTERN
from archive_mgmt.rules.retention import COUNT_FROM_FOLLOWING_YEAR

WORKFLOW_DIR = Path(__file__).parent / "workflow"

RETENTION_PERIODS = ("Y", "D30", "D10", "D5", "D3")

# DA/T 13-2022 门类 codes, then the nine business classes of seed 000 under 文书.
CATEGORIES = [
	("WS", "文书", None),
	("KJ", "科技", None),
	("RS", "人事", None),
	("KU", "会计", None),
	("ZY", "专业", None),
	("ZP", "照片", None),
	("LY", "录音", None),
	("LX", "录像", None),
	("SJ", "业务数据", None),
	("YJ", "公务电子邮件", None),
	("WY", "网页", None),
	("MT", "社交媒体", None),
	("SW", "实物", None),
	("XZ", "行政", "WS"),
	("YG", "员工", "WS"),
	("ZLJC", "质量检查", "WS"),
	("XM", "项目", "WS"),
	("SBSS", "设备设施", "WS"),
	("CW", "财务", "WS"),
	("HJSW", "环境事务", "WS"),
	("AB", "安保", "WS"),
	("WL", "物流", "WS"),
]

# Seed 000's table (文件等级 → 保管期限) and the general DA/T 22 defaults.
RETENTION_RULES = [
	{
		"category": "WS",
		"description": "文书档案（未列明者）",
		"keywords": None,
		"retention_period": "D30",
		"filing_deadline": "Monthly",
	},
	{
		"category": "WS",
		"description": "一级：规章制度、简介、执照、资质证书、荣誉、经营计划、管理决策、单位往来发文、人事文件、任免奖惩、财务报表账册、资产核算、合同及司法文书",
		"keywords": "规章制度，简介，执照，资质证书，荣誉，经营计划，管理决策，发文，任免，奖励，处分，财务报表，账册，资产核算，合同，司法",
		"retention_period": "Y",
		"filing_deadline": "Immediate",
	},
	{
		"category": "WS",
		"description": "二级：会议记录、重要谈话、各种总结、报告请示批复、企划宣传方案、形象展示",
		"keywords": "会议记录，谈话，总结，报告，请示，批复，宣传方案，形象展示",
		"retention_period": "D5",
		"filing_deadline": "Monthly",
	},
	{
		"category": "WS",
		"description": "三级：员工考勤、外出登记、钥匙登记、电话记录、维修登记",
		"keywords": "考勤，外出登记，钥匙登记，电话记录，维修登记",
		"retention_period": "D3",
		"filing_deadline": "Monthly",
	},
	{
		"category": "RS",
		"description": "人事档案：干部任免、奖惩考核、劳动工资福利",
		"keywords": None,
		"retention_period": "Y",
		"filing_deadline": "Immediate",
	},
	{
		"category": "KU",
		"description": "会计档案（未列明者）",
		"keywords": None,
		"retention_period": "D30",
		"filing_deadline": "Annual",
	},
]


# The module map Frappe caches per site; one cached before this app joined the bench lists none of our
# modules, and install-app would then sync no DocType of ours and fail in after_sync.
MODULE_MAP_KEYS = ("app_modules", "installed_app_modules", "module_app", "module_installed_app")


def before_install():
	refresh_module_map()


def refresh_module_map():
	frappe.cache.delete_value(list(MODULE_MAP_KEYS))
	frappe.setup_module_map()


def after_install():
	sync_app_records()


def after_migrate():
	sync_app_records()
	set_default_fonds()
	tick_done_steps()


def sync_app_records():
	install_settings()
	install_retention_periods()
	install_categories()
	install_retention_rules()
	sync_workflows()
	presets.install_presets()
	office_setup.install()


def install_settings():
	defaults = {
		"reference_code_pattern": DEFAULT_ITEM_PATTERN,
		"dossier_code_pattern": DEFAULT_DOSSIER_PATTERN,
		"retention_count_from": COUNT_FROM_FOLLOWING_YEAR,
	}
	for field, value in defaults.items():
		if not frappe.db.get_single_value("Archive Settings", field):
			frappe.db.set_single_value("Archive Settings", field, value)


def insert_missing(doctype: str, name: str, values: dict) -> None:
	if frappe.db.exists(doctype, name):
		return
	frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)


def install_retention_periods():
	for code in RETENTION_PERIODS:
		insert_missing("Retention Period", code, {"period_code": code})


def install_categories():
	for code, name, parent in CATEGORIES:
		if parent and not frappe.db.get_value("Archive Category", parent, "is_group"):
			frappe.db.set_value("Archive Category", parent, "is_group", 1)
		insert_missing(
			"Archive Category",
			code,
			{"category_code": code, "category_name": name, "parent_archive_category": parent},
		)


def install_retention_rules():
	for rule in RETENTION_RULES:
		if frappe.db.exists(
			"Retention Rule", {"category": rule["category"], "description": rule["description"]}
		):
			continue
		frappe.get_doc({"doctype": "Retention Rule", "disposition": "Appraise", **rule}).insert(
			ignore_permissions=True
		)


def sync_workflows():
	for path in sorted(WORKFLOW_DIR.glob("*.json")):
		sync_workflow(json.loads(path.read_text(encoding="utf-8")))


def sync_workflow(definition: dict) -> None:
	for state in definition["states"]:
		insert_missing(
			"Workflow State",
			state["state"],
			{"workflow_state_name": state["state"], "style": state.get("style")},
		)
	for action in {t["action"] for t in definition["transitions"]}:
		insert_missing("Workflow Action Master", action, {"workflow_action_name": action})

	name = definition["name"]
	if not frappe.db.exists("Workflow", name):
		frappe.get_doc(definition).insert(ignore_permissions=True)
		return
	workflow = frappe.get_doc("Workflow", name)
	if workflow_signature(workflow.as_dict()) == workflow_signature(definition):
		return
	workflow.update({k: v for k, v in definition.items() if k not in ("states", "transitions")})
	workflow.set("states", definition["states"])
	workflow.set("transitions", definition["transitions"])
	workflow.save(ignore_permissions=True)


def workflow_signature(workflow: dict) -> tuple:
	"""What makes two versions of a workflow behave the same."""
	state_keys = ("state", "doc_status", "allow_edit", "update_field", "update_value")
	transition_keys = ("state", "action", "next_state", "allowed", "allow_self_approval", "condition")
	top = ("document_type", "is_active", "workflow_state_field", "override_status", "send_email_alert")

	def row(d, keys):
		return tuple(str(d.get(k) or "") for k in keys)

	return (
		row(workflow, top),
		tuple(row(s, state_keys) for s in workflow["states"]),
		tuple(row(t, transition_keys) for t in workflow["transitions"]),
	)
