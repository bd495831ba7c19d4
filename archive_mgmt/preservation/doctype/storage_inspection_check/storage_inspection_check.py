from archive_mgmt.controllers.child_row import ChildRow


class StorageInspectionCheck(ChildRow):
	pass
