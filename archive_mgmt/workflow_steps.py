"""Controllers of documents that move on Frappe's Workflow: which state a save leaves and reaches."""

from frappe.model.document import Document


class WorkflowDocument(Document):
	@property
	def previous_state(self) -> str | None:
		before = self.get_doc_before_save()
		return before.workflow_state if before else None

	def reaching(self, state: str) -> bool:
		"""This save moves the document into ``state`` (not: it was already there, or is being created)."""
		return self.workflow_state == state and self.previous_state not in (None, state)
