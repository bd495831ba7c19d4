"""收文 Incoming Office Document: 登记 → 拟办 → 批办 → 承办 → 办结 on the workflow "Incoming Document Handling";
传阅 to named readers within their clearance; 督办 rounds; archived through its capture rule once 办结."""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from archive_mgmt.controllers.workflow_document import WorkflowDocument
from archive_mgmt.exceptions import OfficeDocumentError
from archive_mgmt.office import documents, numbering
from archive_mgmt.workflow.states import (
	CONCLUDED,
	HANDLING,
	PENDING_INSTRUCTION,
	PENDING_PROPOSAL,
	REGISTERED,
)


class IncomingOfficeDocument(WorkflowDocument):
	initial_state = REGISTERED

	def validate(self):
		self.set_initial_state()
		self.set_year()
		documents.set_urgency_rank(self)
		self.set_receipt_number()
		self.validate_deadline()
		self.validate_proposal()
		self.validate_instruction()
		self.validate_result()
		self.validate_readers()
		self.validate_supervision()
		self.set_stamps()

	def before_update_after_submit(self):
		self.validate_readers()
		self.validate_supervision()

	def on_update(self):
		self.notify_step()

	def on_update_after_submit(self):
		self.notify_new_readers()

	def on_submit(self):
		documents.close_assignments(self)

	# --- rules ---------------------------------------------------------------------------------

	def set_initial_state(self):
		self.workflow_state = self.workflow_state or REGISTERED

	def set_year(self):
		self.year = getdate(self.receipt_date or today()).year

	def set_receipt_number(self):
		"""登记: the receipt number is taken with the registration, in its transaction (gap-free)."""
		if not self.receipt_no:
			self.receipt_no = numbering.take_number(self.doctype, self.year)

	def validate_deadline(self):
		if self.deadline and self.receipt_date and getdate(self.deadline) < getdate(self.receipt_date):
			frappe.throw(
				_("The handling deadline cannot be before the receipt date"), exc=OfficeDocumentError
			)

	def validate_proposal(self):
		if self.reaching(PENDING_INSTRUCTION) and self.previous_state == PENDING_PROPOSAL:
			if not (self.proposal or "").strip():
				frappe.throw(
					_("Write the proposal (拟办意见) before sending it to the leader"),
					exc=OfficeDocumentError,
				)

	def validate_instruction(self):
		if not self.reaching(HANDLING):
			return
		missing = [
			_(self.meta.get_label(f)) for f in ("instruction", "handling_unit", "handler") if not self.get(f)
		]
		if missing:
			frappe.throw(
				_("Before handling starts the leader gives: {0}").format("、".join(missing)),
				exc=OfficeDocumentError,
			)

	def validate_result(self):
		if self.reaching(CONCLUDED) and not (self.handling_result or "").strip():
			frappe.throw(_("Record the handling result before concluding"), exc=OfficeDocumentError)

	def validate_readers(self):
		documents.keep_stored_marks(self, "readers", ("read_on", "confirmed"))
		documents.check_unique(self.readers, "user", "Reader")
		documents.check_within_clearance(self, [row.user for row in self.readers], "Reader")

	def validate_supervision(self):
		documents.keep_stored_marks(self, "supervision_rounds", ("feedback_on", "feedback_by"))
		if self.is_supervised and not (self.supervision_matter or "").strip():
			frappe.throw(_("A supervised document needs its supervision matter"), exc=OfficeDocumentError)

	def set_stamps(self):
		if self.leaving(PENDING_PROPOSAL) and self.state == PENDING_INSTRUCTION:
			self.proposed_by = frappe.session.user
		if self.reaching(HANDLING):
			self.instructed_by = frappe.session.user
			self.instructed_on = now_datetime()
		if self.reaching(CONCLUDED):
			self.concluded_on = today()

	# --- after saving --------------------------------------------------------------------------

	def notify_step(self):
		if self.reaching(PENDING_PROPOSAL):
			documents.notify(
				self, documents.users_with_role("Office Director"), _("waits for the proposal (拟办)")
			)
		elif self.reaching(PENDING_INSTRUCTION):
			leaders = (
				[self.proposed_leader]
				if self.proposed_leader
				else documents.users_with_role("Leader in Charge")
			)
			documents.notify(self, leaders, _("waits for the leader's instruction (批办)"))
		elif self.reaching(HANDLING):
			documents.assign(
				self, self.handler, _("Handle {0} by {1}").format(self.title, self.deadline or "")
			)
			documents.notify(self, [self.handler], _("is yours to handle (承办)"))
		self.notify_new_readers()

	def notify_new_readers(self):
		before = self.get_doc_before_save()
		had = {row.user for row in before.readers} if before else set()
		new = [row.user for row in self.readers if row.user not in had]
		if new:
			documents.notify(self, new, _("is circulated to you: please read it and confirm (传阅)"))
