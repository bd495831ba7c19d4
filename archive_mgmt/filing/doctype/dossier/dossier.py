import frappe
from frappe import _

from archive_mgmt.archive_setup import reference_codes
from archive_mgmt.archive_setup.retention import expiry_for
from archive_mgmt.controllers.audited_record import AuditedRecord
from archive_mgmt.exceptions import DossierError, FiledItemLockedError
from archive_mgmt.rules.description import MAX_DOSSIER_PAGES, SECRECY_LEVELS, page_ranges, secrecy_rank
from archive_mgmt.rules.retention import is_shorter, longest
from archive_mgmt.search import indexing
from archive_mgmt.statistics import counts

ITEM_FIELDS = [
	"name",
	"title",
	"doc_number",
	"responsible_party",
	"doc_date",
	"pages",
	"fonds",
	"retention_period",
	"secrecy_level",
	"dossier",
	"status",
]
CODE_FIELDS = ("fonds", "category", "year", "filing_unit", "reference_code", "dossier_no")


class Dossier(AuditedRecord):
	def validate(self):
		items = self.load_items()
		self.validate_items_unique()
		self.validate_items_free(items)
		self.validate_items_of_same_fonds(items)
		self.validate_retention_covers_items(items)
		self.set_contents(items)
		self.validate_page_limit()
		self.validate_code_fields_unchanged()
		self.set_reference_code()
		self.set_expiry_date()

	def on_update(self):
		self.set_dossier_on_items()
		counts.on_dossier_update(self)
		indexing.dossier_changed(self)  # its items' catalogue entries carry its title

	def on_trash(self):
		self.validate_no_items_on_delete()
		counts.on_dossier_trash(self)
		indexing.dossier_changed(self)

	def load_items(self) -> dict:
		names = [row.archive_item for row in self.items if row.archive_item]
		if not names:
			return {}
		rows = frappe.get_all("Archive Item", filters={"name": ("in", names)}, fields=ITEM_FIELDS)
		return {r.name: r for r in rows}

	def validate_items_unique(self):
		seen = set()
		for row in self.items:
			if row.archive_item in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice").format(row.idx, row.archive_item), exc=DossierError
				)
			seen.add(row.archive_item)

	def validate_items_free(self, items):
		for row in self.items:
			item = items.get(row.archive_item)
			if item and item.dossier and item.dossier != self.name:
				frappe.throw(
					_("Row {0}: {1} already belongs to dossier {2}").format(
						row.idx, row.archive_item, item.dossier
					),
					exc=DossierError,
				)

	def validate_items_of_same_fonds(self, items):
		for row in self.items:
			item = items.get(row.archive_item)
			if item and item.fonds != self.fonds:
				frappe.throw(
					_("Row {0}: {1} belongs to fonds {2}, not {3}").format(
						row.idx, row.archive_item, item.fonds, self.fonds
					),
					exc=DossierError,
				)

	def validate_retention_covers_items(self, items):
		needed = longest(i.retention_period for i in items.values())
		if needed and self.retention_period and is_shorter(self.retention_period, needed):
			frappe.throw(
				_("The dossier's retention period {0} is shorter than its longest item's, {1}").format(
					self.retention_period, needed
				),
				exc=DossierError,
			)

	def set_contents(self, items):
		ranges = page_ranges([(items.get(r.archive_item) or {}).get("pages") or 0 for r in self.items])
		for row, page_range in zip(self.items, ranges, strict=True):
			item = items.get(row.archive_item)
			if not item:
				continue
			row.item_title = item.title
			row.doc_number = item.doc_number
			row.responsible_party = item.responsible_party
			row.doc_date = item.doc_date
			row.pages = item.pages or 0
			row.page_range = page_range
		self.item_count = len(self.items)
		self.total_pages = sum(row.pages or 0 for row in self.items)
		dates = sorted(i.doc_date for i in items.values() if i.doc_date)
		self.start_date = dates[0] if dates else None
		self.end_date = dates[-1] if dates else None
		levels = [i.secrecy_level for i in items.values() if i.secrecy_level]
		self.secrecy_level = max(levels, key=secrecy_rank) if levels else SECRECY_LEVELS[1]

	def validate_page_limit(self):
		if self.total_pages > MAX_DOSSIER_PAGES:
			frappe.throw(
				_("A dossier holds at most {0} pages; these items have {1}").format(
					MAX_DOSSIER_PAGES, self.total_pages
				),
				exc=DossierError,
			)

	def validate_code_fields_unchanged(self):
		before = self.get_doc_before_save()
		if not before or not before.reference_code:
			return
		changed = [f for f in CODE_FIELDS if str(before.get(f) or "") != str(self.get(f) or "")]
		if changed:
			frappe.throw(
				_("A numbered dossier keeps its reference code and what it was made from: {0}").format(
					", ".join(_(self.meta.get_label(f)) for f in changed)
				),
				exc=FiledItemLockedError,
			)

	def set_reference_code(self):
		reference_codes.assign(self)

	def set_expiry_date(self):
		self.expiry_date = expiry_for(self)

	def set_dossier_on_items(self):
		listed = {row.archive_item for row in self.items}
		previous = set(frappe.get_all("Archive Item", filters={"dossier": self.name}, pluck="name"))
		for name in listed - previous:
			frappe.db.set_value("Archive Item", name, "dossier", self.name)
		for name in previous - listed:
			frappe.db.set_value("Archive Item", name, "dossier", None)

	def validate_no_items_on_delete(self):
		if self.reference_code and self.items:
			frappe.throw(
				_("Remove the items of dossier {0} before deleting it").format(self.name), exc=DossierError
			)
