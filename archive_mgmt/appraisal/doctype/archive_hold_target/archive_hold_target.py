from archive_mgmt.controllers.child_row import ChildRow


class ArchiveHoldTarget(ChildRow):
	pass
