"""Archive Capture Rule (归档规则): which submitted documents of a DocType become archive items, and how."""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from archive_mgmt.capture import capture
from archive_mgmt.exceptions import CaptureRuleError
from archive_mgmt.rules import capture as rules
from archive_mgmt.rules import report_periods as periods

DATE_TYPES = ("Date", "Datetime")
TEMPLATE_FIELDS = ("title_template", "doc_number_template", "responsible_party_template")
REPORT_TYPES = ("Script Report", "Query Report")


class ArchiveCaptureRule(Document):
	def _validate_links(self):
		"""A report rule's Report is checked first, so that a missing one is this rule's error, said so."""
		self.set_report_source()
		if self.enabled and self.is_report_output:
			self.validate_report()
			self.validate_split_doctype()
		super()._validate_links()

	def before_validate(self):
		self.set_report_source()

	def validate(self):
		# a disabled rule (a shipped preset) may name a DocType or Report this site lacks
		if not self.enabled:
			return
		if self.is_report_output:
			self.validate_report()
			self.validate_report_period()
			self.validate_split()
			self.validate_report_filters()
			self.validate_templates()
			self.validate_custody_years()
			self.validate_target()
			return
		self.validate_source_submittable()
		self.validate_date_field()
		self.validate_templates()
		self.validate_condition()
		self.validate_unsettled_field()
		self.validate_custody_years()
		self.validate_print_format()
		self.validate_target()

	def on_update(self):
		capture.forget_captured_doctypes()

	def on_trash(self):
		capture.forget_captured_doctypes()

	@property
	def is_report_output(self) -> bool:
		return self.source_kind == capture.REPORT_OUTPUT

	def set_report_source(self):
		"""A report rule's items name the Report as their source DocType and run as period batches."""
		if self.is_report_output:
			self.source_doctype = "Report"
			self.capture_on = capture.PERIOD_BATCH

	def validate_report(self):
		report_type = frappe.db.get_value("Report", self.report, "report_type") if self.report else None
		if not report_type:
			frappe.throw(_("Report {0} does not exist").format(self.report or ""), exc=CaptureRuleError)
		if report_type not in REPORT_TYPES:
			frappe.throw(
				_("{0} is a {1}: only a Script Report or a Query Report is captured").format(
					self.report, _(report_type)
				),
				exc=CaptureRuleError,
			)

	def validate_report_period(self):
		if self.report_period not in periods.PERIODS:
			frappe.throw(
				_("Report period must be one of {0}").format(", ".join(_(p) for p in periods.PERIODS)),
				exc=CaptureRuleError,
			)

	def validate_report_filters(self):
		try:
			filters = periods.parse_filters(self.report_filters)
		except periods.FilterTemplateError as e:
			frappe.throw(
				_("Report filters must be a JSON object whose text values name only {0} ({1})").format(
					", ".join(periods.PLACEHOLDERS), str(e)
				),
				exc=CaptureRuleError,
			)
		try:
			periods.check_split_filter(filters, self.split_filter)
		except periods.FilterTemplateError:
			frappe.throw(
				_(
					"Report filters: {0} is the value of a split rule, and the split filter {1} takes it"
				).format("{split_value}", self.split_filter or ""),
				exc=CaptureRuleError,
			)
		self.report_filters = json.dumps(filters, ensure_ascii=False, indent=1) if filters else None

	def validate_split_doctype(self):
		if (self.split_filter or "").strip() and not (
			self.split_doctype and frappe.db.exists("DocType", self.split_doctype)
		):
			frappe.throw(
				_("Split values: DocType {0} is not installed on this site").format(self.split_doctype or ""),
				exc=CaptureRuleError,
			)

	def validate_split(self):
		"""A split rule names a DocType of this site whose records, as the conditions select them, give the
		values (one item per period and value)."""
		self.split_filter = (self.split_filter or "").strip() or None
		if not self.split_filter:
			self.split_doctype = self.split_conditions = None
			return
		self.validate_split_doctype()
		try:
			conditions = periods.parse_split_conditions(self.split_conditions)
		except periods.FilterTemplateError as e:
			frappe.throw(
				_(
					"Split value conditions must be a JSON object of fields whose text values name only {0} ({1})"
				).format(", ".join(p for p in periods.PLACEHOLDERS if p != periods.SPLIT_VALUE), str(e)),
				exc=CaptureRuleError,
			)
		meta = frappe.get_meta(self.split_doctype)
		unknown = [f for f in conditions if f not in frappe.model.default_fields and not meta.get_field(f)]
		if unknown:
			frappe.throw(
				_("Split value conditions: {0} has no field {1}").format(
					_(self.split_doctype), ", ".join(unknown)
				),
				exc=CaptureRuleError,
			)
		self.split_conditions = json.dumps(conditions, ensure_ascii=False) if conditions else None

	@property
	def source_meta(self):
		return frappe.get_meta(self.source_doctype)

	def source_has(self, fieldname: str) -> bool:
		return fieldname in frappe.model.default_fields or bool(self.source_meta.get_field(fieldname))

	def validate_source_submittable(self):
		if not frappe.db.exists("DocType", self.source_doctype):
			frappe.throw(
				_("DocType {0} is not installed on this site").format(self.source_doctype),
				exc=CaptureRuleError,
			)
		if not self.source_meta.is_submittable or self.source_meta.istable:
			frappe.throw(
				_("{0} is not a submittable DocType: only submitted documents are archived").format(
					_(self.source_doctype)
				),
				exc=CaptureRuleError,
			)

	def validate_date_field(self):
		df = self.source_meta.get_field(self.date_field)
		if self.date_field not in ("creation", "modified") and not (df and df.fieldtype in DATE_TYPES):
			frappe.throw(
				_("{0} has no date field {1}").format(_(self.source_doctype), self.date_field),
				exc=CaptureRuleError,
			)

	def validate_templates(self):
		"""Each template is field names in braces: the source's fields, or a report output's placeholders."""
		for template_field in TEMPLATE_FIELDS:
			label = _(self.meta.get_label(template_field))
			try:
				fields = rules.template_fields(self.get(template_field))
			except rules.TemplateError:
				frappe.throw(
					_("{0}: write field names in braces, such as {{customer_name}} {{name}}").format(label),
					exc=CaptureRuleError,
				)
			if self.is_report_output:
				known = [p for p in periods.PLACEHOLDERS if self.split_filter or p != periods.SPLIT_VALUE]
				unknown = [f for f in fields if f not in known]
				message = _("{0}: a report's output knows only the placeholders {1}, not {2}").format(
					label, ", ".join(known), ", ".join(unknown)
				)
			else:
				unknown = [f for f in fields if not self.source_has(f)]
				message = _("{0}: {1} has no field {2}").format(
					label, _(self.source_doctype), ", ".join(unknown)
				)
			if unknown:
				frappe.throw(message, exc=CaptureRuleError)

	def validate_condition(self):
		if not (self.condition or "").strip():
			return
		try:
			filters = capture.condition_filters(self)
			frappe.get_all(self.source_doctype, filters=filters, limit=1)
		except (ValueError, TypeError, IndexError, frappe.db.ProgrammingError, frappe.db.OperationalError):
			frappe.throw(
				_('The condition is not a filter list such as [["status", "=", "Paid"]]'),
				exc=CaptureRuleError,
			)
		except frappe.ValidationError as e:
			frappe.throw(_("The condition is not valid: {0}").format(str(e)), exc=CaptureRuleError)
		unknown = [f[0] for f in filters if not self.source_has(f[0])]
		if unknown:
			frappe.throw(
				_("Condition: {0} has no field {1}").format(_(self.source_doctype), ", ".join(unknown)),
				exc=CaptureRuleError,
			)
		self.condition = json.dumps(filters, ensure_ascii=False)

	def validate_unsettled_field(self):
		if self.unsettled_field and not self.source_has(self.unsettled_field):
			frappe.throw(
				_("{0} has no field {1}").format(_(self.source_doctype), self.unsettled_field),
				exc=CaptureRuleError,
			)

	def validate_custody_years(self):
		if not 0 <= cint(self.custody_years) <= rules.CUSTODY_MAX_YEARS:
			frappe.throw(
				_("Finance keeps accounting archives for one to three years after the year ends"),
				exc=CaptureRuleError,
			)

	def validate_print_format(self):
		if not (self.render_pdf and self.print_format):
			return
		doc_type = frappe.db.get_value("Print Format", self.print_format, "doc_type")
		if doc_type != self.source_doctype:
			frappe.throw(
				_("Print format {0} is for {1}, not {2}").format(
					self.print_format, _(doc_type or ""), _(self.source_doctype)
				),
				exc=CaptureRuleError,
			)

	def validate_target(self):
		if not (self.fonds or self.filing_unit):
			frappe.throw(_("Give the fonds or the filing unit of the captured items"), exc=CaptureRuleError)
		if self.capture_on == capture.PERIOD_BATCH and not self.file_directly and not self.filing_unit:
			frappe.throw(
				_("A batch hands its items over by a handover list: give the filing unit"),
				exc=CaptureRuleError,
			)
