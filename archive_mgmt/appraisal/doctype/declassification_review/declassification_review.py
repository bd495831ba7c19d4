import frappe
from frappe import _
from frappe.utils import now_datetime

from archive_mgmt.appraisal import declassification
from archive_mgmt.controllers.workflow_document import WorkflowDocument
from archive_mgmt.exceptions import DeclassificationError, RejectionReasonRequiredError, SelfApprovalError
from archive_mgmt.rules.declassification import changes_for, proposal_problem
from archive_mgmt.rules.description import highest_secrecy
from archive_mgmt.rules.status import DESTROYED, TRANSFERRED
from archive_mgmt.rules.status import DRAFT as ITEM_DRAFT
from archive_mgmt.workflow.states import APPROVED, CANCELLED, DRAFT, PENDING_LEADER, REJECTED

OPEN_STATES = (DRAFT, PENDING_LEADER)
# What the leader decides on: fixed once proposed.
PROPOSAL_FIELDS = ("new_secrecy_level", "new_open_status", "reason")


class DeclassificationReview(WorkflowDocument):
	def validate(self):
		self.set_initial_state()
		self.validate_decided_review_unchanged()
		self.validate_proposal()
		self.validate_items_unique()
		self.validate_proposal_fixed_once_proposed()
		self.validate_items_reviewable()
		self.validate_items_change()
		self.validate_items_not_in_another_open_review()
		self.set_current_levels()
		self.set_secrecy_level()
		self.set_proposer()
		self.validate_no_self_approval()
		self.validate_rejection_reason()
		self.set_decision()
		self.apply_on_approval()

	def on_trash(self):
		if self.workflow_state not in (DRAFT, CANCELLED):
			frappe.throw(
				_(
					"A declassification review is kept as the history of the change; only drafts can be deleted"
				),
				exc=DeclassificationError,
			)

	# --- helpers -------------------------------------------------------------------------------

	def item_names(self) -> list[str]:
		return [row.archive_item for row in self.items if row.archive_item]

	def is_open(self) -> bool:
		return self.workflow_state in OPEN_STATES

	# --- rules ---------------------------------------------------------------------------------

	def set_initial_state(self):
		self.workflow_state = self.workflow_state or DRAFT

	def validate_decided_review_unchanged(self):
		if self.previous_state not in (None, *OPEN_STATES):
			frappe.throw(
				_("Declassification Review {0} is {1}: it is kept as decided").format(
					self.name, _(self.previous_state)
				),
				exc=DeclassificationError,
			)

	def validate_proposal(self):
		problem = proposal_problem(self.new_secrecy_level, self.new_open_status)
		if problem:
			frappe.throw(_(problem), exc=DeclassificationError)
		if not (self.reason or "").strip():
			frappe.throw(_("Give the reason for the change"), exc=DeclassificationError)
		if not self.item_names():
			frappe.throw(_("Choose at least one archive item"), exc=DeclassificationError)

	def validate_items_unique(self):
		names = self.item_names()
		duplicates = sorted({n for n in names if names.count(n) > 1})
		if duplicates:
			frappe.throw(
				_("Items listed twice: {0}").format(", ".join(duplicates)), exc=DeclassificationError
			)

	def validate_proposal_fixed_once_proposed(self):
		if self.previous_state in (None, DRAFT):
			return
		before = self.get_doc_before_save()
		changed = [f for f in PROPOSAL_FIELDS if (before.get(f) or "") != (self.get(f) or "")]
		if changed or sorted(r.archive_item for r in before.items) != sorted(self.item_names()):
			frappe.throw(
				_("A proposed review cannot change; cancel it and propose a new one"),
				exc=DeclassificationError,
			)

	def validate_items_reviewable(self):
		"""Only filed items go through review: drafts set their secrecy freely, gone items keep theirs."""
		if not (self.workflow_state == DRAFT or self.reaching(PENDING_LEADER) or self.reaching(APPROVED)):
			return
		statuses = dict(
			frappe.get_all(
				"Archive Item",
				filters={"name": ("in", self.item_names())},
				fields=["name", "status"],
				as_list=True,
			)
		)
		for row in self.items:
			status = statuses.get(row.archive_item)
			if status is None:
				frappe.throw(
					_("Row {0}: Archive Item {1} does not exist").format(row.idx, row.archive_item),
					exc=DeclassificationError,
				)
			if status == ITEM_DRAFT:
				frappe.throw(
					_(
						"Row {0}: {1} is a draft; its secrecy level and open status are edited on the item"
					).format(row.idx, row.archive_item),
					exc=DeclassificationError,
				)
			if status in (DESTROYED, TRANSFERRED):
				frappe.throw(
					_("Row {0}: {1} is {2}; its record no longer changes").format(
						row.idx, row.archive_item, _(status)
					),
					exc=DeclassificationError,
				)

	def validate_items_change(self):
		if not self.is_open():
			return
		current = self.current_values()
		for row in self.items:
			if not changes_for(
				current.get(row.archive_item, {}), self.new_secrecy_level, self.new_open_status
			):
				frappe.throw(
					_("Row {0}: {1} already has the proposed secrecy level and open status").format(
						row.idx, row.archive_item
					),
					exc=DeclassificationError,
				)

	def validate_items_not_in_another_open_review(self):
		if not self.is_open():
			return
		review = frappe.qb.DocType("Declassification Review")
		row = frappe.qb.DocType("Declassification Review Item")
		clashes = (
			frappe.qb.from_(row)
			.join(review)
			.on(review.name == row.parent)
			.select(row.archive_item, review.name)
			.where(row.parenttype == "Declassification Review")
			.where(row.archive_item.isin(self.item_names()))
			.where(review.workflow_state.isin(OPEN_STATES))
			.where(review.name != (self.name or ""))
			.run()
		)
		if clashes:
			frappe.throw(
				_("Already under review: {0}").format(
					", ".join(f"{item} ({name})" for item, name in clashes)
				),
				exc=DeclassificationError,
			)

	def current_values(self) -> dict:
		rows = frappe.get_all(
			"Archive Item",
			filters={"name": ("in", self.item_names())},
			fields=["name", "secrecy_level", "open_status"],
		)
		return {r.name: r for r in rows}

	def set_current_levels(self):
		"""While the review is open, each row shows the item's present levels."""
		if not self.is_open():
			return
		current = self.current_values()
		for row in self.items:
			values = current.get(row.archive_item) or {}
			row.secrecy_level_before = values.get("secrecy_level")
			row.open_status_before = values.get("open_status")

	def set_secrecy_level(self):
		"""The review names its items: it is as secret as the most secret of them, before or after."""
		levels = [row.secrecy_level_before for row in self.items] + [self.new_secrecy_level]
		levels += [row.secrecy_level_after for row in self.items]
		self.secrecy_level = highest_secrecy(levels, default="内部")

	def set_proposer(self):
		if self.reaching(PENDING_LEADER):
			self.proposed_by = frappe.session.user
			self.proposed_on = now_datetime()

	def validate_no_self_approval(self):
		if self.previous_state == PENDING_LEADER and self.workflow_state in (APPROVED, REJECTED):
			if frappe.session.user in {self.owner, self.proposed_by}:
				frappe.throw(_("Nobody approves or rejects their own proposal"), exc=SelfApprovalError)

	def validate_rejection_reason(self):
		if self.reaching(REJECTED) and not (self.rejection_reason or "").strip():
			frappe.throw(_("Give a reason for rejecting the review"), exc=RejectionReasonRequiredError)

	def set_decision(self):
		if self.reaching(APPROVED) or self.reaching(REJECTED):
			self.decided_by = frappe.session.user
			self.decided_on = now_datetime()

	def apply_on_approval(self):
		if self.reaching(APPROVED):
			declassification.apply_review(self)
			self.set_secrecy_level()
