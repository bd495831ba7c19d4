import frappe
from frappe import _
from frappe.utils import now_datetime

from archive_mgmt.access_control import access_log, clearance
from archive_mgmt.appraisal import declassification, holds
from archive_mgmt.archive_setup import reference_codes
from archive_mgmt.archive_setup.retention import expiry_for, matching_rule
from archive_mgmt.controllers.audited_record import AuditedRecord
from archive_mgmt.controllers.workflow_document import WorkflowDocument
from archive_mgmt.exceptions import (
	AppFieldError,
	DestroyedItemError,
	FiledItemLockedError,
	HoldError,
	IncompleteDescriptionError,
	MissingRetentionError,
	ReturnReasonRequiredError,
	SecrecyLockedError,
	StatusTransitionError,
)
from archive_mgmt.filing import item_status
from archive_mgmt.preservation import integrity
from archive_mgmt.roles import ARCHIVE_MANAGER
from archive_mgmt.rules.description import missing_audio_visual, missing_for_filing, valid_year
from archive_mgmt.rules.status import DESTROYED, DRAFT, FILED, TRANSFERRED
from archive_mgmt.search import indexing
from archive_mgmt.statistics import counts
from archive_mgmt.utilization import online_use
from archive_mgmt.workflow.states import FILED as FILED_STATE
from archive_mgmt.workflow.states import RETURNED as RETURNED_STATE

# Set by the app, never by a user's edit.
APP_FIELDS = (
	"status",
	"reference_code",
	"item_no",
	"workflow_state",
	"dossier",
	"filed_on",
	"filed_by",
	"expiry_date",
	"destroyed_on",
	"destruction_batch",
	"destroyed_by",
	"transfer_pending",
	"lent_to",
)
# Of those, the ones other processes write (filing, dossiers, destruction, transfer): an edit (a form, REST,
# frappe.client.set_value) never changes them; status, lent_to and workflow_state have their own checks.
WRITTEN_BY_PROCESSES = tuple(f for f in APP_FIELDS if f not in ("status", "lent_to", "workflow_state"))
# What a record's reference code was made from: fixed once filed, for everyone.
CODE_FIELDS = ("fonds", "category", "year", "filing_unit", "reference_code", "item_no")


class ArchiveItem(AuditedRecord, WorkflowDocument):
	def validate(self):
		self.validate_app_fields_unchanged()
		self.set_retention_from_rule()
		self.validate_year()
		self.validate_destroyed_item_unchanged()
		self.validate_status_set_by_app()
		self.set_holder_from_loans()
		self.validate_not_held_when_leaving_archive()
		self.validate_audio_visual_description()
		self.validate_return_reason()
		self.validate_secrecy_changed_by_review()
		self.validate_filed_item_edits()
		self.validate_integrity_override()
		self.set_filing_on_reaching_filed_state()
		self.check_integrity_on_filing()
		self.set_expiry_date()

	def onload(self):
		super().onload()
		self.set_onload("online_loans", online_use.loans_holding(self.name))  # the button 在线阅览

	def on_update(self):
		clearance.sync_dossier_level(self)
		counts.on_item_update(self)  # the maintained counts move with every save
		clearance.raise_listing_levels(self)
		access_log.record_secrecy_change(self)
		indexing.item_changed(self)  # the search index, in the same transaction

	def on_trash(self):
		self.validate_only_drafts_deleted()
		counts.on_item_trash(self)
		indexing.item_deleted(self)

	def set_retention_from_rule(self):
		if self.retention_period:
			return
		rule = matching_rule(self.category, self.title) if self.category else None
		if rule:
			self.retention_period = rule.retention_period
		else:
			frappe.throw(
				_("No retention period given, and no Retention Rule matches category {0}").format(
					self.category
				),
				exc=MissingRetentionError,
			)

	def validate_year(self):
		if not valid_year(self.year):
			frappe.throw(_("Year must be a four-digit year"), exc=frappe.ValidationError)

	def validate_app_fields_unchanged(self):
		"""The processes save with ignore_permissions (or through item_status); a user's edit keeps these."""
		if self.flags.ignore_permissions or self.flags.status_set_by_app:
			return
		before = self.get_doc_before_save()
		changed = [
			f
			for f in WRITTEN_BY_PROCESSES
			if str((before.get(f) if before else None) or "") != str(self.get(f) or "")
		]
		if changed:
			frappe.throw(
				_("These fields are set by the archive's processes, not by editing: {0}").format(
					", ".join(self.field_labels(changed))
				),
				exc=AppFieldError,
			)

	def validate_status_set_by_app(self):
		before = self.get_doc_before_save()
		current = before.status if before else DRAFT
		if (self.status or DRAFT) != current and not self.flags.status_set_by_app:
			frappe.throw(
				_("Status is set by the archive's processes, not by editing"), exc=StatusTransitionError
			)
		if not before:
			self.status = DRAFT

	def set_holder_from_loans(self):
		"""Who holds the item is written by its loans (clearance.set_holders): a save keeps what is stored."""
		before = self.get_doc_before_save()
		self.lent_to = before.lent_to if before else None

	def validate_destroyed_item_unchanged(self):
		"""A destroyed item is a tombstone: its catalogue entry stays as it was destroyed."""
		before = self.get_doc_before_save()
		if before and before.status == DESTROYED:
			frappe.throw(
				_("Archive Item {0} was destroyed: its record cannot change").format(self.name),
				exc=DestroyedItemError,
			)

	def validate_not_held_when_leaving_archive(self):
		if self.status not in (DESTROYED, TRANSFERRED) or not self.has_value_changed("status"):
			return
		on_hold = holds.holds_on([self.name]).get(self.name)
		if on_hold:
			frappe.throw(
				_("Archive Item {0} is under hold {1}: it cannot be destroyed or transferred").format(
					self.name, ", ".join(on_hold)
				),
				exc=HoldError,
			)

	def validate_audio_visual_description(self):
		missing = missing_audio_visual(self.as_dict())
		if missing:
			frappe.throw(
				_("Audio-visual items need: {0}").format(", ".join(self.field_labels(missing))),
				exc=IncompleteDescriptionError,
			)

	def validate_return_reason(self):
		if self.reaching(RETURNED_STATE, or_created_in=True):
			if not (self.return_reason or "").strip():
				frappe.throw(_("Give a reason for returning the item"), exc=ReturnReasonRequiredError)

	def validate_secrecy_changed_by_review(self):
		"""Once filed, secrecy level and open status change only through an approved Declassification Review."""
		before = self.get_doc_before_save()
		if not before or before.status == DRAFT or declassification.is_applying(self):
			return
		changed = [f for f in declassification.SECRECY_FIELDS if (before.get(f) or "") != (self.get(f) or "")]
		if changed:
			frappe.throw(
				_(
					"The {0} of a filed item changes only through an approved Declassification Review (Archive Item {1})"
				).format(", ".join(self.field_labels(changed)), self.name),
				exc=SecrecyLockedError,
			)

	def validate_filed_item_edits(self):
		before = self.get_doc_before_save()
		if not before or before.status == DRAFT:
			return
		changed = [f for f in CODE_FIELDS if str(before.get(f) or "") != str(self.get(f) or "")]
		if changed:
			frappe.throw(
				_("A filed item keeps its reference code and what it was made from: {0}").format(
					", ".join(self.field_labels(changed))
				),
				exc=FiledItemLockedError,
			)
		if ARCHIVE_MANAGER in frappe.get_roles():
			return
		edited = [
			df.fieldname
			for df in self.meta.fields
			if df.fieldname not in APP_FIELDS + declassification.SECRECY_FIELDS
			and df.fieldtype not in frappe.model.no_value_fields
			and str(before.get(df.fieldname) or "") != str(self.get(df.fieldname) or "")
		]
		if edited:
			frappe.throw(
				_("Only the Archive Manager may edit a filed item ({0})").format(
					", ".join(self.field_labels(edited))
				),
				exc=FiledItemLockedError,
			)

	def set_filing_on_reaching_filed_state(self):
		if self.workflow_state != FILED_STATE or self.reference_code:
			return
		missing = missing_for_filing(self.as_dict())
		if missing:
			frappe.throw(
				_("Before filing, complete the mandatory description: {0}").format(
					", ".join(self.field_labels(missing))
				),
				exc=IncompleteDescriptionError,
			)
		item_status.set_on_doc(self, FILED)
		reference_codes.assign(self)
		self.filed_on = now_datetime()
		self.filed_by = frappe.session.user
		self.return_reason = None

	def validate_integrity_override(self):
		integrity.validate_override(self)

	def check_integrity_on_filing(self):
		"""四性检测 at filing (also at handover receipt, which files its items): a failure blocks filing."""
		if self.reaching(FILED_STATE, or_created_in=True):
			integrity.check_on_filing(self)

	def set_expiry_date(self):
		self.expiry_date = expiry_for(self) if self.status != DRAFT else None

	def validate_only_drafts_deleted(self):
		if self.status != DRAFT or self.reference_code:
			frappe.throw(
				_("Archive Item {0} is {1}: only drafts can be deleted").format(self.name, _(self.status)),
				exc=FiledItemLockedError,
			)

	def field_labels(self, fieldnames):
		return [_(self.meta.get_label(f)) for f in fieldnames]
