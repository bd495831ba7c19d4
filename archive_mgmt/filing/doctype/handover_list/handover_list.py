import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import nowdate

from archive_mgmt.access_control import clearance
from archive_mgmt.access_control.permissions import is_hidden
from archive_mgmt.controllers.workflow_document import WorkflowDocument
from archive_mgmt.exceptions import HandoverError
from archive_mgmt.preservation import integrity
from archive_mgmt.rules.status import DRAFT as ITEM_DRAFT
from archive_mgmt.workflow.states import DRAFT, HANDOVER_RECEIVED, HANDOVER_SUBMITTED, PENDING_REVIEW

# Item workflow states from which the archive manager may file an item.
FILEABLE_ITEM_STATES = (DRAFT, PENDING_REVIEW)
CHECK_FIELDS = ("present", "page_count_ok", "condition", "return_reason")


class HandoverList(WorkflowDocument):
	def validate(self):
		self.validate_received_list_unchanged()
		self.validate_items_listed_once()
		self.validate_items_are_unit_drafts()
		self.validate_items_not_in_another_open_list()
		self.set_totals()
		self.set_secrecy_level()
		self.set_submission()
		self.validate_return_reasons()
		self.file_items_on_receipt()

	def on_trash(self):
		if self.workflow_state == HANDOVER_RECEIVED:
			frappe.throw(_("A received handover list is kept as a record"), exc=HandoverError)

	def validate_received_list_unchanged(self):
		if self.previous_state == HANDOVER_RECEIVED:
			frappe.throw(_("A received handover list cannot be changed"), exc=HandoverError)

	def validate_items_listed_once(self):
		seen = set()
		for row in self.items:
			if row.archive_item in seen:
				frappe.throw(
					_("Row {0}: Archive Item {1} is listed twice").format(row.idx, row.archive_item),
					exc=HandoverError,
				)
			seen.add(row.archive_item)

	def validate_items_are_unit_drafts(self):
		if self.workflow_state == HANDOVER_RECEIVED and not self.reaching(
			HANDOVER_RECEIVED, or_created_in=True
		):
			return
		names = [row.archive_item for row in self.items]
		items = {
			r.name: r
			for r in frappe.get_all(
				"Archive Item",
				filters={"name": ("in", names or [""])},
				fields=["name", "filing_unit", "status", "workflow_state"],
			)
		}
		for row in self.items:
			item = items.get(row.archive_item)
			# another unit's item the user may not see does not exist for them (its unit is not named)
			if not item or (item.filing_unit != self.filing_unit and is_hidden("Archive Item", item.name)):
				frappe.throw(_("Archive Item {0} does not exist").format(row.archive_item))
			if item.filing_unit != self.filing_unit:
				frappe.throw(
					_("Row {0}: Archive Item {1} belongs to filing unit {2}, not {3}").format(
						row.idx, item.name, item.filing_unit, self.filing_unit
					),
					exc=HandoverError,
				)
			if item.status != ITEM_DRAFT:
				frappe.throw(
					_("Row {0}: Archive Item {1} is already {2}; only drafts are handed over").format(
						row.idx, item.name, _(item.status)
					),
					exc=HandoverError,
				)
			if item.workflow_state not in FILEABLE_ITEM_STATES:
				frappe.throw(
					_(
						"Row {0}: Archive Item {1} was returned for correction; submit it for review first"
					).format(row.idx, item.name),
					exc=HandoverError,
				)

	def validate_items_not_in_another_open_list(self):
		names = [row.archive_item for row in self.items]
		if not names:
			return
		hl, row = frappe.qb.DocType("Handover List"), frappe.qb.DocType("Handover List Item")
		clash = (
			frappe.qb.from_(row)
			.join(hl)
			.on(row.parent == hl.name)
			.select(row.archive_item, hl.name)
			.where(row.archive_item.isin(names))
			.where(row.parenttype == "Handover List")
			.where(hl.name != (self.name or ""))
			.where(hl.workflow_state != HANDOVER_RECEIVED)
			.limit(1)
			.run()
		)
		if clash:
			frappe.throw(
				_("Archive Item {0} is already on handover list {1}").format(clash[0][0], clash[0][1]),
				exc=HandoverError,
			)

	def set_totals(self):
		self.item_count = len(self.items)
		self.total_pages = sum(int(row.pages or 0) for row in self.items)

	def set_secrecy_level(self):
		"""The document copies its items' titles: it is as secret as the most secret of them."""
		clearance.set_secrecy_level(self)

	def set_submission(self):
		if not self.reaching(HANDOVER_SUBMITTED, or_created_in=True):
			return
		if not self.items:
			frappe.throw(_("Add the items to hand over before submitting"), exc=HandoverError)
		for row in self.items:
			for field in CHECK_FIELDS:
				row.set(field, None)
		self.handed_over_by = frappe.session.user
		self.handed_over_on = nowdate()

	def validate_return_reasons(self):
		if not (self.previous_state == HANDOVER_SUBMITTED and self.state == DRAFT):
			return
		if not any((row.return_reason or "").strip() for row in self.items):
			frappe.throw(
				_("Give the reason for returning at least one item of the handover list"), exc=HandoverError
			)

	def file_items_on_receipt(self):
		"""File every accepted item, in list order, all or none."""
		if not self.reaching(HANDOVER_RECEIVED, or_created_in=True):
			return
		self.validate_every_item_checked()
		accepted = [row for row in self.items if not (row.return_reason or "").strip()]
		if not accepted:
			frappe.throw(_("No item of the handover list was accepted"), exc=HandoverError)
		savepoint = "handover_filing"
		frappe.db.savepoint(savepoint)
		try:
			with integrity.occasion(integrity.HANDOVER, self.doctype, self.name):
				for row in accepted:
					item = frappe.get_doc("Archive Item", row.archive_item)
					filed = apply_workflow(item.as_dict(), "File to Archive")
					row.reference_code = filed.reference_code
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			for row in accepted:
				row.reference_code = None
			raise
		self.received_by = frappe.session.user
		self.received_on = nowdate()

	def validate_every_item_checked(self):
		for row in self.items:
			if (row.return_reason or "").strip():
				continue
			if not (row.present and row.page_count_ok and row.condition):
				frappe.throw(
					_(
						"Row {0}: check that Archive Item {1} is present, its page count is right and its condition, or give a reason for returning it"
					).format(row.idx, row.archive_item),
					exc=HandoverError,
				)
