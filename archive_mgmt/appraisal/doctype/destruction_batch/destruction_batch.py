"""Destruction Batch (销毁批次): appraisal, three approvals and execution; once destroyed, the register."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from archive_mgmt.access_control import access_log, clearance
from archive_mgmt.appraisal import destruction
from archive_mgmt.controllers.workflow_document import WorkflowDocument
from archive_mgmt.exceptions import (
	AppraisalError,
	BatchLockedError,
	DestroyedItemError,
	ExecutionError,
	RejectionReasonRequiredError,
)
from archive_mgmt.roles import APPRAISAL_MEMBER, ARCHIVE_MANAGER
from archive_mgmt.rules import destruction as rules
from archive_mgmt.statistics import counts
from archive_mgmt.workflow.states import (
	APPRAISAL,
	APPROVED,
	DESTROYED,
	DRAFT,
	PENDING_LEADER,
	PENDING_OFFICE_DIRECTOR,
	PENDING_PRINCIPAL,
	REJECTED,
)

# What a user may change in each state; everything else is fixed there (the approvers approve what they saw).
CONTENT = "content"
REASON = "reason"
EXECUTION = "execution"
EDITABLE = {
	DRAFT: {CONTENT},
	APPRAISAL: {CONTENT},
	PENDING_OFFICE_DIRECTOR: {REASON},
	PENDING_LEADER: {REASON},
	PENDING_PRINCIPAL: {REASON},
	APPROVED: {EXECUTION},
	REJECTED: set(),
}
# Approval step left → (user field, time field) stamped on the batch.
STAMPS = {
	APPRAISAL: ("appraised_by", "appraised_on"),
	PENDING_OFFICE_DIRECTOR: ("office_director_approver", "office_director_approved_on"),
	PENDING_LEADER: ("leader_approver", "leader_approved_on"),
	PENDING_PRINCIPAL: ("principal_approver", "principal_approved_on"),
}


class DestructionBatch(WorkflowDocument):
	def validate(self):
		self.validate_destroyed_batch_unchanged()
		self.validate_edits_allowed_in_state()
		self.validate_no_duplicate_items()
		self.validate_added_items_eligible()
		self.set_item_snapshots()
		self.set_secrecy_level()
		self.clear_unused_new_retention()
		self.validate_group_members()
		self.validate_ready_for_appraisal()
		self.validate_appraisal_complete()
		self.validate_rejection_reason()
		self.validate_execution()
		self.set_stamps()

	def on_update(self):
		if self.reaching(DESTROYED):
			destruction.execute(self)
			access_log.record_destruction(self)
		counts.on_batch_update(self)

	def on_trash(self):
		self.validate_destroyed_batch_not_deleted()

	# state helpers
	@property
	def before(self):
		return self.get_doc_before_save()

	# the rules
	def validate_destroyed_batch_unchanged(self):
		if self.previous_state == DESTROYED:
			frappe.throw(
				_("Destruction Batch {0} has been carried out: the register cannot change").format(self.name),
				exc=DestroyedItemError,
			)

	def validate_destroyed_batch_not_deleted(self):
		if (
			self.state == DESTROYED
			or frappe.db.get_value(self.doctype, self.name, "workflow_state") == DESTROYED
		):
			frappe.throw(
				_("Destruction Batch {0} has been carried out: the register is kept permanently").format(
					self.name
				),
				exc=DestroyedItemError,
			)

	def validate_edits_allowed_in_state(self):
		if not self.before:
			return
		allowed = EDITABLE.get(self.previous_state, set())
		changed = [part for part, value in self.parts().items() if value != self.before_parts()[part]]
		refused = [p for p in changed if p not in allowed]
		if refused:
			frappe.throw(
				_("In state {0} this batch's {1} cannot change").format(
					_(self.previous_state), ", ".join(_(self.part_label(p)) for p in refused)
				),
				exc=BatchLockedError,
			)

	def parts(self, doc=None):
		doc = doc or self
		return {
			CONTENT: (
				doc.fonds,
				doc.batch_title or "",
				tuple(
					(r.archive_item, r.decision or "", r.new_retention_period or "", r.note or "")
					for r in doc.items
				),
				tuple((r.user, int(r.is_lead or 0)) for r in doc.appraisal_members),
			),
			REASON: (doc.rejection_reason or "").strip(),
			EXECUTION: (
				str(doc.destruction_date or ""),
				doc.destruction_place or "",
				doc.destruction_method or "",
				tuple(r.user for r in doc.supervisors),
			),
		}

	def before_parts(self):
		return self.parts(self.before)

	@staticmethod
	def part_label(part):
		return {CONTENT: "items and appraisal", REASON: "rejection reason", EXECUTION: "execution details"}[
			part
		]

	def validate_no_duplicate_items(self):
		seen = set()
		for row in self.items:
			if row.archive_item in seen:
				frappe.throw(
					_("Archive Item {0} is in this batch twice").format(row.archive_item), exc=AppraisalError
				)
			seen.add(row.archive_item)

	def validate_added_items_eligible(self):
		if self.state not in (DRAFT, APPRAISAL):
			return
		old = {r.archive_item for r in self.before.items} if self.before else set()
		new = [r.archive_item for r in self.items if r.archive_item not in old]
		destruction.throw_refusals(
			destruction.refusals(new, self.name, self.fonds), _("These items cannot be added to the batch:")
		)

	def set_item_snapshots(self):
		if self.state in (DRAFT, APPRAISAL):
			on = None
		elif self.reaching(DESTROYED):
			on = self.destruction_date
		else:
			return
		for row in self.items:
			row.update(destruction.snapshot(row.archive_item, on))

	def set_secrecy_level(self):
		"""The document copies its items' titles: it is as secret as the most secret of them."""
		clearance.set_secrecy_level(self)

	def clear_unused_new_retention(self):
		for row in self.items:
			if row.decision != rules.EXTEND and row.new_retention_period:
				row.new_retention_period = None

	def validate_group_members(self):
		members = [m.user for m in self.appraisal_members]
		if not members:
			return
		appraisers = self.users_with(APPRAISAL_MEMBER, members)
		problems = rules.group_problems(members, appraisers, set(members))
		problems = [p for p in problems if p not in ("fewer than three members", "no archive manager")]
		if sum(int(m.is_lead or 0) for m in self.appraisal_members) > 1:
			problems.append("more than one group lead")
		self.throw_group_problems(problems, members, appraisers)

	def throw_group_problems(self, problems, members, appraisers):
		"""Say what the group lacks, naming the members without the role and who can give it to them."""
		if not problems:
			return
		lines = []
		for problem in problems:
			if problem == "member without the Appraisal Member role":
				names = [frappe.utils.get_fullname(u) for u in rules.lacking_role(members, appraisers)]
				lines.append(
					_(
						"{0} do not hold the role {1}: the security officer grants it"
						" (an archive manager in the group needs it too)"
					).format("、".join(names), _(APPRAISAL_MEMBER))
				)
			elif problem == "no archive manager":
				lines.append(
					_("the group needs an archive manager who also holds the role {0}").format(
						_(APPRAISAL_MEMBER)
					)
				)
			else:
				lines.append(_(problem))
		frappe.throw(_("Appraisal group: {0}").format("；".join(lines)), exc=AppraisalError)

	def validate_ready_for_appraisal(self):
		if not self.leaving(DRAFT) or self.state == REJECTED:
			return
		if not self.items:
			frappe.throw(_("Add the items to appraise first"), exc=AppraisalError)
		members = [m.user for m in self.appraisal_members]
		appraisers = self.users_with(APPRAISAL_MEMBER, members)
		problems = rules.group_problems(members, appraisers, self.users_with(ARCHIVE_MANAGER, members))
		self.throw_group_problems(problems, members, appraisers)
		destruction.throw_refusals(
			destruction.refusals([r.archive_item for r in self.items], self.name, self.fonds),
			_("These items can no longer be destroyed; remove them from the batch:"),
		)

	def validate_appraisal_complete(self):
		if not self.leaving(APPRAISAL):
			return
		if frappe.session.user not in {m.user for m in self.appraisal_members}:
			frappe.throw(
				_("Only a member of the appraisal group can submit the appraisal"), exc=AppraisalError
			)
		problems = []
		for row in self.items:
			wrong = rules.decision_problems(row.decision, row.retention_period, row.new_retention_period)
			if wrong:
				problems.append(_("Row {0} ({1}): {2}").format(row.idx, row.archive_item, _(wrong[0])))
		if problems:
			frappe.throw(
				_("Every item needs a complete decision before the batch moves on:")
				+ "<br>"
				+ "<br>".join(problems),
				exc=AppraisalError,
			)
		self.throw_blocked_items(_("These items cannot be disposed of as decided:"))

	def validate_rejection_reason(self):
		if self.reaching(REJECTED) and not (self.rejection_reason or "").strip():
			frappe.throw(_("Give a reason for rejecting the batch"), exc=RejectionReasonRequiredError)

	def validate_execution(self):
		if not self.reaching(DESTROYED):
			return
		missing = [
			_(self.meta.get_label(f))
			for f in ("destruction_date", "destruction_place", "destruction_method")
			if not self.get(f)
		]
		if missing:
			frappe.throw(_("Before destroying, record: {0}").format(", ".join(missing)), exc=ExecutionError)
		if not rules.enough_supervisors(r.user for r in self.supervisors):
			frappe.throw(_("Destruction needs at least two different supervisors"), exc=ExecutionError)
		self.throw_blocked_items(
			_("Destruction stopped: these items can no longer be disposed of as decided:")
		)

	def throw_blocked_items(self, message):
		found = destruction.refusals([r.archive_item for r in self.items], self.name, self.fonds)
		destruction.throw_refusals(
			{r.archive_item: rules.blocking(found[r.archive_item], r.decision) for r in self.items}, message
		)

	def set_stamps(self):
		now = now_datetime()
		for state, (user_field, time_field) in STAMPS.items():
			if self.leaving(state) and self.state != REJECTED:
				self.set(user_field, frappe.session.user)
				self.set(time_field, now)
		if self.reaching(REJECTED):
			self.rejected_by, self.rejected_on = frappe.session.user, now
		if self.reaching(DRAFT):  # revised after a rejection: the approvals start again
			for user_field, time_field in STAMPS.values():
				self.set(user_field, None)
				self.set(time_field, None)
		if self.reaching(DESTROYED):
			self.executed_by = frappe.session.user
			self.destroyed_count = sum(1 for r in self.items if r.decision == rules.DESTROY)

	@staticmethod
	def users_with(role, users):
		if not users:
			return set()
		return set(
			frappe.get_all(
				"Has Role",
				filters={"parenttype": "User", "parent": ("in", list(users)), "role": role},
				pluck="parent",
			)
		)
