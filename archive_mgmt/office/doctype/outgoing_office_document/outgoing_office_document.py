"""发文 Outgoing Office Document: 拟稿 → 核稿 → 会签 (units in parallel) → 签发 → 编号 → 用印 → 分发 → 办结 on the
workflow "Outgoing Document Handling"; the 发文字号 is taken at 编号, gap-free per year."""

import frappe
from frappe import _
from frappe.utils import getdate, today

from archive_mgmt.controllers.workflow_document import WorkflowDocument
from archive_mgmt.exceptions import OfficeDocumentError
from archive_mgmt.office import documents, numbering
from archive_mgmt.workflow.states import (
	CHECKING,
	CONCLUDED,
	COUNTERSIGNING,
	DISTRIBUTING,
	DRAFTING,
	NUMBERING,
	PENDING_SIGNATURE,
	SEALING,
)

COUNTERSIGN_MARKS = ("done", "opinion", "countersigned_on")


class OutgoingOfficeDocument(WorkflowDocument):
	initial_state = DRAFTING

	def validate(self):
		self.set_initial_state()
		self.set_drafter()
		documents.set_urgency_rank(self)
		self.validate_countersigns()
		self.set_countersign_pending()
		self.validate_countersigns_complete()
		self.set_stamps()
		self.set_document_number()
		self.validate_recipients()

	def on_update(self):
		self.notify_step()

	def on_submit(self):
		documents.close_assignments(self)

	# --- rules ---------------------------------------------------------------------------------

	def set_initial_state(self):
		self.workflow_state = self.workflow_state or DRAFTING

	def set_drafter(self):
		self.drafter = self.drafter or self.owner or frappe.session.user

	def validate_countersigns(self):
		documents.keep_stored_marks(self, "countersigns", COUNTERSIGN_MARKS)
		documents.check_unique(self.countersigns, "filing_unit", "Countersigning Unit")
		documents.check_within_clearance(self, [row.user for row in self.countersigns], "Countersigner")
		if self.state == COUNTERSIGNING and not self.reaching(COUNTERSIGNING):
			before = self.get_doc_before_save()
			if before and sorted(r.filing_unit for r in before.countersigns) != sorted(
				r.filing_unit for r in self.countersigns
			):
				frappe.throw(
					_("The countersigning units cannot change while they countersign"),
					exc=OfficeDocumentError,
				)

	def set_countersign_pending(self):
		if self.reaching(COUNTERSIGNING):  # sent (again) for countersigning: every unit signs anew
			for row in self.countersigns:
				row.done, row.countersigned_on = 0, None
		self.countersign_pending = sum(1 for row in self.countersigns if not row.done)

	def validate_countersigns_complete(self):
		"""The workflow's condition waits for every unit; a save cannot jump it."""
		if self.leaving(COUNTERSIGNING) and self.state == PENDING_SIGNATURE and self.countersign_pending:
			frappe.throw(
				_("{0} countersigning units have not countersigned yet").format(self.countersign_pending),
				exc=OfficeDocumentError,
			)

	def set_stamps(self):
		if self.leaving(CHECKING) and self.state in (COUNTERSIGNING, PENDING_SIGNATURE):
			self.checked_by = frappe.session.user
		if self.reaching(NUMBERING):
			self.signed_by, self.signed_on = frappe.session.user, today()
		if self.reaching(DISTRIBUTING):
			self.sealed_by = frappe.session.user
		if self.reaching(CONCLUDED):
			self.distributed_on = self.concluded_on = today()

	def set_document_number(self):
		"""编号: the 发文字号 is taken when the clerk numbers the signed document, in that transaction."""
		if self.reaching(SEALING) and not self.doc_number:
			self.doc_year = getdate(today()).year
			self.doc_number = numbering.take_number(self.doctype, self.doc_year)
			self.numbered_on = today()

	def validate_recipients(self):
		if self.reaching(CONCLUDED) and not any(r.recipient_kind == "主送" for r in self.recipients):
			frappe.throw(
				_("Name at least one main recipient (主送) before distributing"), exc=OfficeDocumentError
			)

	# --- after saving --------------------------------------------------------------------------

	def notify_step(self):
		if self.reaching(CHECKING):
			documents.notify(
				self, documents.users_with_role("Office Director"), _("waits for checking (核稿)")
			)
		elif self.reaching(COUNTERSIGNING):
			for row in self.countersigns:
				documents.assign(self, row.user, _("Countersign {0}").format(self.title))
			documents.notify(
				self, [r.user for r in self.countersigns], _("waits for your unit's countersignature (会签)")
			)
		elif self.reaching(PENDING_SIGNATURE):
			documents.notify(
				self, documents.users_with_role("Leader in Charge"), _("waits for signing (签发)")
			)
		elif self.reaching(NUMBERING):
			documents.notify(
				self,
				documents.users_with_role("Registry Clerk"),
				_("is signed: number, seal and distribute it"),
			)
		elif self.reaching(DRAFTING) and self.previous_state:
			documents.notify(self, [self.drafter], _("was returned for revision"))
