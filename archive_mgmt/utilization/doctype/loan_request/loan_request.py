import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from archive_mgmt import notifications
from archive_mgmt.access_control import clearance
from archive_mgmt.controllers.workflow_document import WorkflowDocument
from archive_mgmt.exceptions import (
	EffectRecordRequiredError,
	IntroductionLetterRequiredError,
	LoanError,
	RejectionReasonRequiredError,
	SelfApprovalError,
)
from archive_mgmt.roles import ARCHIVE_MANAGER
from archive_mgmt.rules.description import highest_secrecy
from archive_mgmt.rules.loans import (
	COPYING_MODES,
	EXTERNAL,
	INTERNAL,
	needs_secrecy_approval,
	takes_items_out,
	validate_period,
)
from archive_mgmt.utilization import loans
from archive_mgmt.workflow.states import (
	APPROVED,
	CANCELLED,
	COMPLETED,
	DRAFT,
	ISSUED,
	ITEMS_RETURNED,
	PENDING_LEADER,
	PENDING_OFFICE_DIRECTOR,
	PENDING_SECRECY,
	REJECTED,
)

APPROVAL_STEPS = (PENDING_OFFICE_DIRECTOR, PENDING_LEADER, PENDING_SECRECY)
# Who signed each approval step, by the state the step left.
APPROVER_FIELDS = {
	PENDING_OFFICE_DIRECTOR: "office_director_approved_by",
	PENDING_LEADER: "leader_approved_by",
	PENDING_SECRECY: "secrecy_approved_by",
}


class LoanRequest(WorkflowDocument):
	def validate(self):
		self.set_initial_state()
		self.set_borrower()
		self.validate_borrower()
		self.validate_period()
		self.expand_dossiers()
		self.validate_items_unique()
		self.validate_items_fixed_after_submission()
		self.validate_items_requestable()
		self.set_secrecy()
		self.validate_letter_before_submission()
		self.validate_no_self_approval()
		self.validate_cancelled_by_requester()
		self.validate_rejection_reason()
		self.validate_secrecy_step_not_skipped()
		self.set_approver()
		self.set_issue_on_reaching_issued()
		self.set_return_on_reaching_returned()
		self.validate_return_notes()
		self.validate_copies_certified()
		self.validate_waiver_by_archive_manager()
		self.validate_effect_record_on_completion()

	def on_update(self):
		self.move_items_out_or_back()
		self.notify_decision()

	def on_change(self):
		clearance.loan_changed(self)

	def after_delete(self):
		clearance.loan_changed(self)

	# --- helpers -------------------------------------------------------------------------------

	def requesters(self) -> set[str]:
		return {u for u in (self.owner, self.borrower) if u}

	def item_names(self) -> list[str]:
		return [row.archive_item for row in self.items if row.archive_item]

	# --- rules ---------------------------------------------------------------------------------

	def set_initial_state(self):
		if self.is_new() or not self.workflow_state:
			self.workflow_state = self.workflow_state or DRAFT

	def set_borrower(self):
		if self.borrower_type == INTERNAL:
			if not self.borrower:
				self.borrower = self.owner or frappe.session.user
			for field in ("external_organisation", "contact_person", "contact_phone", "id_document"):
				self.set(field, None)
		else:
			self.borrower = None
			self.borrower_unit = None

	def validate_borrower(self):
		if self.borrower_type == EXTERNAL and not (self.external_organisation and self.contact_person):
			frappe.throw(
				_("An external request needs the organisation and the contact person"), exc=LoanError
			)

	def validate_period(self):
		message = validate_period(
			getdate(self.start_date) if self.start_date else None, getdate(self.due_date)
		)
		if message:
			frappe.throw(_(message), exc=LoanError)

	def expand_dossiers(self):
		"""A dossier row lends all its items: it becomes one row per item."""
		if any(row.dossier and not row.archive_item for row in self.items):
			rows = []
			for row in self.items:
				if row.archive_item:
					rows.append({"archive_item": row.archive_item, "dossier": row.dossier})
				elif row.dossier:
					contents = frappe.get_all(
						"Dossier Content",
						filters={"parent": row.dossier, "parenttype": "Dossier"},
						pluck="archive_item",
						order_by="idx",
					)
					if not contents:
						frappe.throw(_("Dossier {0} has no items").format(row.dossier), exc=LoanError)
					rows.extend({"archive_item": item, "dossier": row.dossier} for item in contents)
			self.set("items", rows)
			for row in self.items:
				row.update(self.item_fields(row.archive_item))
		if not self.item_names():
			frappe.throw(_("Choose at least one archive item or dossier"), exc=LoanError)

	def item_fields(self, item):
		values = (
			frappe.db.get_value(
				"Archive Item", item, ["reference_code", "title", "secrecy_level"], as_dict=True
			)
			or {}
		)
		return {
			"reference_code": values.get("reference_code"),
			"item_title": values.get("title"),
			"secrecy_level": values.get("secrecy_level"),
		}

	def validate_items_unique(self):
		names = self.item_names()
		duplicates = sorted({n for n in names if names.count(n) > 1})
		if duplicates:
			frappe.throw(_("Items requested twice: {0}").format(", ".join(duplicates)), exc=LoanError)

	def validate_items_fixed_after_submission(self):
		if self.previous_state in (None, DRAFT):
			return
		before = self.get_doc_before_save()
		if sorted(r.archive_item for r in before.items) != sorted(self.item_names()):
			frappe.throw(_("The items of a submitted request cannot change"), exc=LoanError)

	def validate_items_requestable(self):
		if self.workflow_state == DRAFT or self.reaching(ISSUED):
			loans.check_lendable(self.item_names())

	def set_secrecy(self):
		if self.previous_state not in (None, DRAFT):
			return
		levels = [frappe.db.get_value("Archive Item", item, "secrecy_level") for item in self.item_names()]
		self.highest_secrecy = highest_secrecy(levels)
		self.needs_secrecy_approval = int(needs_secrecy_approval(levels))
		self.secrecy_approver = (
			frappe.db.get_single_value("Archive Settings", "secrecy_approver")
			if self.needs_secrecy_approval
			else None
		)

	def validate_letter_before_submission(self):
		if self.borrower_type == EXTERNAL and self.workflow_state != DRAFT and not self.introduction_letter:
			frappe.throw(
				_("Attach the letter of introduction before submitting an external request"),
				exc=IntroductionLetterRequiredError,
			)

	def validate_no_self_approval(self):
		if self.previous_state in APPROVAL_STEPS and self.workflow_state not in (
			self.previous_state,
			CANCELLED,
		):
			if frappe.session.user in self.requesters():
				frappe.throw(_("Nobody approves or rejects their own request"), exc=SelfApprovalError)

	def validate_cancelled_by_requester(self):
		if self.reaching(CANCELLED):
			if frappe.session.user not in self.requesters() and ARCHIVE_MANAGER not in frappe.get_roles():
				frappe.throw(
					_("Only the borrower or the Archive Manager cancels a request"),
					exc=frappe.PermissionError,
				)

	def validate_rejection_reason(self):
		if self.reaching(REJECTED) and not (self.rejection_reason or "").strip():
			frappe.throw(_("Give a reason for rejecting the request"), exc=RejectionReasonRequiredError)

	def validate_secrecy_step_not_skipped(self):
		if self.reaching(APPROVED) and self.needs_secrecy_approval and self.previous_state != PENDING_SECRECY:
			frappe.throw(
				_("Items at {0} or above need the secrecy approver's approval").format("秘密"),
				exc=LoanError,
			)

	def set_approver(self):
		field = APPROVER_FIELDS.get(self.previous_state)
		if field and self.workflow_state not in (self.previous_state, REJECTED, CANCELLED):
			self.set(field, frappe.session.user)

	def set_issue_on_reaching_issued(self):
		if not self.reaching(ISSUED):
			return
		now = now_datetime()
		for row in self.items:
			row.issued_on = now
			row.issued_by = frappe.session.user

	def set_return_on_reaching_returned(self):
		"""The Return action receives whatever is still out, in the condition noted on its row."""
		if not self.reaching(ITEMS_RETURNED):
			return
		now = now_datetime()
		for row in self.items:
			if not row.returned_on:
				row.returned_on = now
				row.received_by = frappe.session.user
				row.return_condition = row.return_condition or "完整"

	def validate_return_notes(self):
		for row in self.items:
			if row.returned_on and row.return_condition in ("损坏", "缺页") and not row.return_notes:
				frappe.throw(
					_("Row {0}: describe the damage or the missing pages").format(row.idx), exc=LoanError
				)

	def validate_copies_certified(self):
		if self.use_mode not in COPYING_MODES or not self.reaching(ITEMS_RETURNED):
			return
		if not self.copied_pages or self.copied_pages < 1:
			frappe.throw(_("Record how many pages were copied before closing the loan"), exc=LoanError)
		self.copies_certified_by = frappe.session.user

	def validate_waiver_by_archive_manager(self):
		if self.has_value_changed("waive_effect_record") and self.get_doc_before_save():
			if ARCHIVE_MANAGER not in frappe.get_roles():
				frappe.throw(
					_("Only the Archive Manager may waive the utilization effect record"),
					exc=frappe.PermissionError,
				)

	def validate_effect_record_on_completion(self):
		if not self.reaching(COMPLETED):
			return
		self.effect_record = frappe.db.get_value(
			"Utilization Effect Record", {"loan_request": self.name}, "name"
		)
		if not self.effect_record and not self.waive_effect_record:
			frappe.throw(
				_(
					"A loan is complete only with its utilization effect record, or the Archive Manager's waiver"
				),
				exc=EffectRecordRequiredError,
			)
		self.completed_on = today()

	# --- after saving --------------------------------------------------------------------------

	def move_items_out_or_back(self):
		if not takes_items_out(self.use_mode):
			return  # reading room: the items stay Filed, in the room
		before = self.get_doc_before_save()
		was = {r.archive_item: r for r in before.items} if before else {}
		issued = [
			r.archive_item
			for r in self.items
			if r.issued_on and not was.get(r.archive_item, {}).get("issued_on")
		]
		back = [
			r.archive_item
			for r in self.items
			if r.returned_on and not was.get(r.archive_item, {}).get("returned_on")
		]
		loans.take_out(issued)
		loans.bring_back(back)

	def notify_decision(self):
		if self.previous_state in (None, self.workflow_state) or self.workflow_state == DRAFT:
			return
		if self.workflow_state == REJECTED:
			subject = _("Loan request {0} ({1}) was rejected: {2}", lang=notifications.NOTIFY_LANG).format(
				self.name, self.purpose or "", self.rejection_reason or ""
			)
		else:
			subject = _("Loan request {0} ({1}): {2}", lang=notifications.NOTIFY_LANG).format(
				self.name, self.purpose or "", _(self.workflow_state, lang=notifications.NOTIFY_LANG)
			)
		notifications.notify(self.requesters(), subject, self)
