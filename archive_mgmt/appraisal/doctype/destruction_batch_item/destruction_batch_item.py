from archive_mgmt.controllers.child_row import ChildRow


class DestructionBatchItem(ChildRow):
	pass
