"""The base of every controller whose document moves on Frappe's Workflow: which state a save leaves and
which it reaches, asked the same way everywhere."""

from frappe.model.document import Document

from archive_mgmt.workflow.states import DRAFT


class WorkflowDocument(Document):
	initial_state = DRAFT

	@property
	def state(self) -> str:
		return self.workflow_state or self.initial_state

	@property
	def previous_state(self) -> str | None:
		"""The state before this save; None while the document is being created."""
		before = self.get_doc_before_save()
		return (before.workflow_state or self.initial_state) if before else None

	def reaching(self, state: str, or_created_in: bool = False) -> bool:
		"""This save moves the document into ``state``: not when it was there already; a document being
		created in ``state`` only with ``or_created_in``."""
		if self.state != state:
			return False
		previous = self.previous_state
		return or_created_in if previous is None else previous != state

	def leaving(self, state: str) -> bool:
		return self.previous_state == state and self.state != state
