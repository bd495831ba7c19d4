from archive_mgmt.controllers.child_row import ChildRow


class HandoverListItem(ChildRow):
	pass
