"""The app's roles: one name each, used by permissions, workflows and tests."""

ARCHIVE_MANAGER = "Archive Manager"  # 档案管理员
DEPARTMENTAL_ARCHIVIST = "Departmental Archivist"  # 兼职档案员
OFFICE_DIRECTOR = "Office Director"  # 办公室主任
LEADER_IN_CHARGE = "Leader in Charge"  # 主管领导
PRINCIPAL = "Principal"  # 单位负责人
APPRAISAL_MEMBER = "Appraisal Member"  # 鉴定小组成员
ARCHIVE_READER = "Archive Reader"  # 借阅人
CARE_COUNSELLOR = "Care Counsellor"  # 心理关爱服务人员
# 三员分立: the three duties no single user combines (access_control/duties.py). The 系统管理员 is Frappe's own
# System Manager (users, roles, settings; Frappe's Chinese already calls it 系统管理员).
SYSTEM_MANAGER = "System Manager"  # 系统管理员
SECURITY_OFFICER = "Security Officer"  # 安全保密员: clearances, grants of the archive's roles
SECURITY_AUDITOR = "Security Auditor"  # 安全审计员: reads the audit trail, changes nothing
DUTIES = (SYSTEM_MANAGER, SECURITY_OFFICER, SECURITY_AUDITOR)
REGISTRY_CLERK = "Registry Clerk"  # 收发员
HANDLER = "Handler"  # 承办人

# The archive's own roles (the care-service role works beside the archive, on its own files).
ARCHIVE_ROLES = [
	ARCHIVE_MANAGER,
	DEPARTMENTAL_ARCHIVIST,
	OFFICE_DIRECTOR,
	LEADER_IN_CHARGE,
	PRINCIPAL,
	APPRAISAL_MEMBER,
	ARCHIVE_READER,
]
# The roles the security officer grants and withdraws (nobody else, not even a System Manager).
GRANTED_BY_SECURITY_OFFICER = [*ARCHIVE_ROLES, CARE_COUNSELLOR]
# Every role the app ships (fixtures).
# The office's roles for its documents (收发文); its director and leaders are archive roles above.
OFFICE_ROLES = [REGISTRY_CLERK, HANDLER]
# Every role the app ships (fixtures).
ALL_ROLES = [*GRANTED_BY_SECURITY_OFFICER, SECURITY_OFFICER, SECURITY_AUDITOR, *OFFICE_ROLES]
# Who sees every record of the app, whatever the record-level rules say.
SEE_ALL = frozenset({ARCHIVE_MANAGER, "System Manager"})
