"""Care files (心理关爱服务对象档案): cases, service records and their archiving."""
