from archive_mgmt.controllers.child_row import ChildRow


class DestructionSupervisor(ChildRow):
	pass
