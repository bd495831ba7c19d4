"""Excel catalogue (归档文件目录) import: template, checking every row, then writing all rows or none.

The file is read twice with openpyxl in read-only (streaming) mode: the first pass checks every
row and collects the errors; only when there are none does the second pass write the rows, in
chunks, inside one savepoint. Memory therefore holds the duplicate keys, not the rows.
"""

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import frappe
import openpyxl
from frappe import _
from frappe.utils import cint, now, now_datetime
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from archive_mgmt import reference_codes, statistics
from archive_mgmt.exceptions import CatalogueImportError
from archive_mgmt.retention import count_from
from archive_mgmt.roles import ARCHIVE_MANAGER
from archive_mgmt.rules.catalogue import (
	COLUMNS,
	MAX_ROWS,
	CatalogueChecker,
	CatalogueContext,
	HeaderError,
	RowError,
	duplicate_key,
	is_blank_row,
	read_header,
	row_values,
)
from archive_mgmt.rules.description import CARRIERS, OPEN_STATUSES, SECRECY_LEVELS
from archive_mgmt.rules.reference_code import CodeValueError
from archive_mgmt.rules.retention import expiry_date, label_of
from archive_mgmt.rules.status import DRAFT, FILED

DOCTYPE = "Archive Catalogue Import"
MODE_DRAFTS = "Drafts"
MODE_FILED = "Filed Items"
# Files above this size are imported by a background worker, with progress shown in the desk.
BACKGROUND_BYTES = 200_000
CHUNK = 2_000
INSERT_FIELDS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"idx",
	"fonds",
	"category",
	"year",
	"retention_period",
	"filing_unit",
	"status",
	"workflow_state",
	"reference_code",
	"item_no",
	"title",
	"responsible_party",
	"doc_number",
	"doc_date",
	"pages",
	"secrecy_level",
	"open_status",
	"carrier",
	"remarks",
	"av_event",
	"av_time",
	"av_place",
	"av_people",
	"av_background",
	"av_recorder",
	"expiry_date",
	"filed_on",
	"filed_by",
)

# Int columns are NOT NULL in Frappe's schema.
NOT_NULL = {"item_no": 0, "pages": 0}


@dataclass
class ImportResult:
	row_count: int = 0
	created: list[str] = field(default_factory=list)
	errors: list[RowError] = field(default_factory=list)


def fail(message: str):
	frappe.throw(message, exc=CatalogueImportError, title=_("Catalogue Import"))


# --- the template ---------------------------------------------------------------------------------


@frappe.whitelist()
def download_template():
	frappe.has_permission("Archive Item", "create", throw=True)
	frappe.response["filename"] = "归档文件目录导入模板.xlsx"
	frappe.response["filecontent"] = build_template()
	frappe.response["type"] = "binary"


def build_template() -> bytes:
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "归档文件目录"
	ws.append([c.header for c in COLUMNS])
	for i, column in enumerate(COLUMNS, start=1):
		cell = ws.cell(row=1, column=i)
		cell.font = Font(bold=True, color="C00000" if column.required else "000000")
		ws.column_dimensions[get_column_letter(i)].width = column.width
	ws.freeze_panes = "A2"
	categories = frappe.get_all("Archive Category", pluck="name", order_by="lft")
	retention = [label_of(c) for c in frappe.get_all("Retention Period", pluck="name")]
	choices = {
		"secrecy_level": SECRECY_LEVELS,
		"retention_period": retention,
		"carrier": CARRIERS,
		"category": categories,
		"open_status": OPEN_STATUSES,
	}
	for i, column in enumerate(COLUMNS, start=1):
		if column.key not in choices:
			continue
		letter = get_column_letter(i)
		validation = DataValidation(
			type="list", formula1='"{}"'.format(",".join(choices[column.key])), allow_blank=True
		)
		validation.error = "请从下拉列表中选择"
		validation.errorTitle = column.header
		ws.add_data_validation(validation)
		validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
	for key in ("doc_date", "year"):
		letter = get_column_letter(next(i for i, c in enumerate(COLUMNS, 1) if c.key == key))
		for row in range(2, 1002):
			ws[f"{letter}{row}"].number_format = "@"
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


# --- reading the file -----------------------------------------------------------------------------


def open_sheet(content: bytes):
	"""The catalogue sheet, after refusing files that are not a plain one-sheet xlsx."""
	if not content:
		fail(_("The file is empty"))
	buffer = io.BytesIO(content)
	if not zipfile.is_zipfile(buffer):
		fail(_("The file is not an Excel workbook (.xlsx); save it as .xlsx and upload it again"))
	try:
		with zipfile.ZipFile(buffer) as zf:
			names = zf.namelist()
			if "xl/workbook.xml" not in names:
				fail(_("The file is not an Excel workbook (.xlsx); save it as .xlsx and upload it again"))
			if zf.testzip() is not None:
				fail(_("The Excel file is damaged; save it again in Excel and upload it"))
			for name in names:
				if name.startswith("xl/worksheets/") and name.endswith(".xml") and has_merged_cells(zf, name):
					fail(_("The sheet has merged cells; unmerge them so that every row is one item"))
		workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
	except CatalogueImportError:
		raise
	except Exception:
		fail(_("The Excel file is damaged; save it again in Excel and upload it"))
	hidden = [ws.title for ws in workbook.worksheets if ws.sheet_state != "visible"]
	if hidden:
		fail(
			_("The workbook has hidden sheets ({0}); delete them and upload again").format(", ".join(hidden))
		)
	if len(workbook.worksheets) != 1:
		fail(
			_("The workbook has {0} sheets; keep the catalogue on a single sheet").format(
				len(workbook.worksheets)
			)
		)
	sheet = workbook.worksheets[0]
	if (sheet.max_row or 0) > MAX_ROWS + 1:
		fail(too_many_rows())
	return workbook, sheet


def too_many_rows() -> str:
	return _("The file has more than {0} rows; split it into smaller files").format(MAX_ROWS)


def has_merged_cells(zf: zipfile.ZipFile, name: str) -> bool:
	tail = b""
	with zf.open(name) as f:
		while chunk := f.read(1 << 20):
			if b"mergeCell " in tail + chunk or b"mergeCell>" in tail + chunk:
				return True
			tail = chunk[-16:]
	return False


def sheet_rows(content: bytes) -> Iterator[tuple[int, dict]]:
	"""(row number, values by key) of every non-blank data row; file problems raise."""
	workbook, sheet = open_sheet(content)
	try:
		rows = sheet.iter_rows(values_only=True)
		header = next(rows, None)
		if header is None or is_blank_row(header):
			fail(_("The file is empty"))
		try:
			columns = read_header(header)
		except HeaderError as e:
			fail(_("The header row is not the template's: {0}").format(str(e)))
		count = 0
		for number, cells in enumerate(rows, start=2):
			if is_blank_row(cells):
				continue
			count += 1
			if count > MAX_ROWS:
				fail(too_many_rows())
			for cell in cells:
				if isinstance(cell, str) and cell.startswith("="):
					fail(_("Row {0} holds a formula; paste values only and upload again").format(number))
			yield number, row_values(columns, cells)
		if count == 0:
			fail(_("The file has no catalogue rows"))
	finally:
		workbook.close()


# --- what the site knows --------------------------------------------------------------------------


def site_context(filing: bool) -> CatalogueContext:
	categories = {}
	for c in frappe.get_all("Archive Category", fields=["name", "category_name"]):
		categories[c.name] = c.name
		categories.setdefault(c.category_name, c.name)
	retention = {}
	for code in frappe.get_all("Retention Period", pluck="name"):
		retention[code] = code
		retention[label_of(code)] = code
		retention["定期" + label_of(code)] = code
	units = {
		u.name: u.fonds
		for u in frappe.get_all("Filing Unit", fields=["name", "fonds"], filters={"disabled": 0})
	}
	allowed: dict[tuple, bool] = {}

	def allowed_units(fonds: str, unit: str) -> bool:
		if (fonds, unit) not in allowed:
			doc = frappe.new_doc("Archive Item")
			doc.update({"fonds": fonds, "filing_unit": unit})
			allowed[(fonds, unit)] = bool(frappe.has_permission("Archive Item", "create", doc=doc))
		return allowed[(fonds, unit)]

	return CatalogueContext(
		fonds=set(frappe.get_all("Fonds", pluck="name")),
		categories=categories,
		retention_periods=retention,
		units=units,
		existing_keys=existing_keys,
		filing=filing,
		allowed_units=allowed_units,
	)


def existing_keys(fonds: str) -> set[tuple]:
	rows = frappe.db.sql(
		"""select fonds, doc_number, filing_unit, title, doc_date from `tabArchive Item`
		where fonds = %s and status != 'Destroyed'""",
		fonds,
		as_dict=True,
	)
	return {duplicate_key(r) for r in rows}


# --- the import -----------------------------------------------------------------------------------


def check_permission(mode: str) -> None:
	frappe.has_permission("Archive Item", "create", throw=True)
	if mode == MODE_FILED and ARCHIVE_MANAGER not in frappe.get_roles():
		frappe.throw(_("Only the Archive Manager may import items as filed"), exc=frappe.PermissionError)
	if mode not in (MODE_DRAFTS, MODE_FILED):
		fail(_("Unknown import mode {0}").format(mode))


def import_catalogue(
	content: bytes, mode: str = MODE_DRAFTS, progress: Callable | None = None
) -> ImportResult:
	"""Check every row; if none has an error, create them all (drafts or filed) in file order."""
	check_permission(mode)
	filing = mode == MODE_FILED
	context = site_context(filing)
	pattern = reference_codes.get_pattern("Archive Item") if filing else None
	root_codes: dict[str, str] = {}
	result = ImportResult()
	group_counts: dict[str, int] = {}
	checker = CatalogueChecker(context)
	for number, values in sheet_rows(content):
		result.row_count += 1
		record, errors = checker.check(number, values)
		if record and pattern:
			try:
				group = pattern.group_key(code_values(record, root_codes))
				group_counts[group] = group_counts.get(group, 0) + 1
			except CodeValueError as e:
				errors = [RowError(number, "", "无法生成档号：" + str(e))]
		result.errors.extend(errors)
		if progress and result.row_count % 1000 == 0:
			progress(result.row_count, "check")
	if result.errors:
		return result
	write_rows(content, mode, context, pattern, root_codes, group_counts, result, progress)
	return result


def code_values(record: dict, root_codes: dict) -> dict:
	category = record["category"]
	if category not in root_codes:
		root_codes[category] = reference_codes.root_category_code(category)
	return {
		"fonds": record["fonds"],
		"category": root_codes[category],
		"class": category,
		"year": record["year"],
		"retention": record["retention_period"],
		"unit": record["filing_unit"],
	}


def write_rows(content, mode, context, pattern, root_codes, group_counts, result, progress) -> None:
	filing = mode == MODE_FILED
	names = iter(reserve_names(result.row_count))
	next_no = {g: reference_codes.next_numbers(f"Archive Item:{g}", n) for g, n in group_counts.items()}
	counting = count_from()
	user, stamp = frappe.session.user, now()
	filed_on = now_datetime() if filing else None
	checker = CatalogueChecker(context)  # a fresh one: the file's own rows are not duplicates of themselves
	savepoint = "catalogue_import"
	frappe.db.savepoint(savepoint)
	try:
		batch = []
		for number, values in sheet_rows(content):
			record, errors = checker.check(number, values)
			if errors:  # the file changed between the passes: give up, write nothing
				result.errors.extend(errors)
				raise CatalogueImportError(errors[0].reason)
			name = next(names)
			record.update(name=name, status=DRAFT, workflow_state="Draft")
			if filing:
				values_for_code = code_values(record, root_codes)
				group = pattern.group_key(values_for_code)
				number_in_group = next_no[group]
				next_no[group] += 1
				values_for_code[pattern.sequence_field] = number_in_group
				record.update(
					status=FILED,
					workflow_state="Filed",
					item_no=number_in_group,
					reference_code=pattern.format(values_for_code),
					expiry_date=expiry_date(
						record["year"], record["retention_period"], counting, record["doc_date"]
					),
					filed_on=filed_on,
					filed_by=user,
				)
			record.update(creation=stamp, modified=stamp, owner=user, modified_by=user, docstatus=0, idx=0)
			batch.append(tuple(record.get(f, NOT_NULL.get(f)) for f in INSERT_FIELDS))
			result.created.append(name)
			if len(batch) >= CHUNK:
				write_batch(batch)
				batch = []
				if progress:
					progress(len(result.created), "write")
		if batch:
			write_batch(batch)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		result.created = []
		raise


def write_batch(batch: list[tuple]) -> None:
	frappe.db.bulk_insert("Archive Item", INSERT_FIELDS, batch, chunk_size=CHUNK)
	statistics.count_new_items([dict(zip(INSERT_FIELDS, row, strict=True)) for row in batch])


def reserve_names(count: int) -> list[str]:
	"""Take ``count`` names of Archive Item's naming series (AI-.#######) at once."""
	autoname = frappe.get_meta("Archive Item").autoname
	prefix, hashes = autoname.split(".", 1)
	digits = len(hashes)
	frappe.db.sql(
		"insert into `tabSeries` (name, current) values (%s, 0) on duplicate key update current = current",
		prefix,
	)
	current = cint(frappe.db.sql("select current from `tabSeries` where name = %s for update", prefix)[0][0])
	frappe.db.sql("update `tabSeries` set current = current + %s where name = %s", (count, prefix))
	return [f"{prefix}{n:0{digits}d}" for n in range(current + 1, current + count + 1)]


# --- the desk entry point -------------------------------------------------------------------------


@frappe.whitelist()
def start_import(name: str) -> dict:
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	check_permission(doc.mode)
	content = file_content(doc.import_file)
	if len(content) > BACKGROUND_BYTES and not frappe.flags.in_test:
		doc.db_set({"import_status": "Import Queued", "message": _("Import queued; progress is shown here")})
		frappe.enqueue(
			"archive_mgmt.catalogue_import.run_import",
			queue="long",
			timeout=3600,
			name=name,
			enqueue_after_commit=True,
		)
		return {"queued": True}
	run_import(name, content)
	return {"queued": False, "status": frappe.db.get_value(DOCTYPE, name, "import_status")}


def file_content(file_url: str) -> bytes:
	if not file_url:
		fail(_("Attach the catalogue file first"))
	file = frappe.get_doc("File", {"file_url": file_url})
	return file.get_content() if isinstance(file.get_content(), bytes) else file.get_content().encode()


def run_import(name: str, content: bytes | None = None) -> None:
	doc = frappe.get_doc(DOCTYPE, name)
	content = content if content is not None else file_content(doc.import_file)

	def progress(count, stage):
		frappe.publish_progress(
			min(99, count * 50 // max(doc.row_count or count, 1) + (50 if stage == "write" else 0)),
			title=_("Catalogue Import"),
			doctype=DOCTYPE,
			docname=name,
			description=_("Checking row {0}").format(count)
			if stage == "check"
			else _("Writing row {0}").format(count),
		)

	try:
		result = import_catalogue(content, doc.mode, progress)
	except CatalogueImportError as e:
		record_outcome(doc, "Import Failed", str(e), 0, 0, [])
		return
	if result.errors:
		message = _(
			"{0} errors found; nothing was imported. Download the error list, correct the file and upload it again"
		).format(len(result.errors))
		record_outcome(doc, "Import Failed", message, result.row_count, 0, result.errors)
		return
	message = _("{0} archive items created").format(len(result.created))
	record_outcome(doc, "Import Completed", message, result.row_count, len(result.created), [])


def record_outcome(doc, status, message, rows, created, errors) -> None:
	frappe.clear_messages()
	values = {
		"import_status": status,
		"message": message,
		"row_count": rows,
		"imported_count": created,
		"error_count": len(errors),
		"error_file": attach_error_list(doc, errors) if errors else None,
	}
	doc.db_set(values)
	frappe.publish_progress(100, title=_("Catalogue Import"), doctype=DOCTYPE, docname=doc.name)


def error_workbook(errors: list[RowError]) -> bytes:
	wb = openpyxl.Workbook(write_only=True)
	ws = wb.create_sheet("错误清单")
	ws.append(["行号", "列", "错误原因"])
	for e in errors:
		ws.append([e.row, e.column or "整行", e.reason])
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def attach_error_list(doc, errors: list[RowError]) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"导入错误清单-{doc.name}.xlsx",
			"attached_to_doctype": DOCTYPE,
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": error_workbook(errors),
		}
	).insert(ignore_permissions=True)
	return file.file_url
