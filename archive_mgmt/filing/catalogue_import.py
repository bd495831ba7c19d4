"""Excel catalogue (归档文件目录) import: template, checking every row, then writing all rows or none.

The file is read once with openpyxl in read-only (streaming) mode, a chunk of rows at a time. Each
chunk is checked (its rows' own checks, repeats within the file, records already in the archive)
and, while no error has been found, written with ``bulk_insert`` inside one savepoint; after the
first error the rest is only checked, and at the end the savepoint is rolled back, so an import
with any error writes nothing. What grows with the file (the workbook's shared strings, the keys
of rows read, the errors) is kept on disk in a ``Scratch``, so memory stays flat whatever the size.

Rows become Archive Items through the same rules as the desk: the year and audio-visual checks of
``rules.description``, ``item_status`` for the Filed status, ``reference_codes.assign_many`` for
the codes, ``retention.expiry_for`` for the expiry date.
"""

import io
import os
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

import frappe
import openpyxl
from frappe import _
from frappe.utils import cint, now, now_datetime
from openpyxl.cell.text import Text
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.xml.constants import SHEET_MAIN_NS

from archive_mgmt.archive_setup import reference_codes
from archive_mgmt.archive_setup.retention import expiry_for
from archive_mgmt.exceptions import CatalogueImportError
from archive_mgmt.filing import item_status
from archive_mgmt.filing.import_store import Scratch
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
from archive_mgmt.rules.retention import label_of
from archive_mgmt.rules.status import DRAFT, FILED
from archive_mgmt.search import indexing
from archive_mgmt.statistics import counts

DOCTYPE = "Archive Catalogue Import"
MODE_DRAFTS = "Drafts"
MODE_FILED = "Filed Items"
# Files above this size are imported by a background worker, with progress shown in the desk.
BACKGROUND_BYTES = 200_000
CHUNK = 2_000
# An import result keeps this many errors in memory; all of them go to the error list file.
ERRORS_KEPT = 1_000
ERRORS_SHOWN = 100  # on the form; the downloadable list holds every error
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


class Names(Sequence):
	"""The names created, in file order: runs of consecutive numbers of the naming series."""

	def __init__(self):
		self.runs: list[tuple[str, int, int, int]] = []  # prefix, digits, first number, count

	def add(self, prefix: str, digits: int, first: int, count: int) -> None:
		self.runs.append((prefix, digits, first, count))

	def __len__(self) -> int:
		return sum(run[3] for run in self.runs)

	def __getitem__(self, index):
		if isinstance(index, slice):
			return [self[i] for i in range(*index.indices(len(self)))]
		index = index + len(self) if index < 0 else index
		for prefix, digits, first, count in self.runs:
			if 0 <= index < count:
				return f"{prefix}{first + index:0{digits}d}"
			index -= count
		raise IndexError(index)


@dataclass
class ImportResult:
	row_count: int = 0
	created: Names = field(default_factory=Names)
	error_count: int = 0
	errors: list[RowError] = field(default_factory=list)  # the first ERRORS_KEPT
	error_file: bytes | None = None  # every error, as the downloadable list

	def add_errors(self, errors: list[RowError], scratch: Scratch) -> None:
		scratch.add_errors((e.row, e.column, e.reason) for e in errors)
		self.errors.extend(errors[: max(0, ERRORS_KEPT - len(self.errors))])
		self.error_count = scratch.error_count


def fail(message: str):
	frappe.throw(message, exc=CatalogueImportError, title=_("Catalogue Import"))


# --- the template ---------------------------------------------------------------------------------


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

Source = bytes | str  # the file's content, or its path on disk


def opened(source: Source):
	return io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")


def source_size(source: Source) -> int:
	return len(source) if isinstance(source, bytes) else os.path.getsize(source)


class StreamingReader(ExcelReader):
	"""openpyxl's read-only reader, with the shared-string table on disk instead of in a list."""

	def __init__(self, source, scratch: Scratch):
		super().__init__(source, read_only=True, data_only=False)
		self.scratch = scratch

	def read_strings(self):
		self.shared_strings = []
		part = self.package.find(SHARED_STRINGS)
		if part is not None:
			with self.archive.open(part.PartName[1:]) as src:
				self.shared_strings = self.scratch.keep_strings(shared_strings(src))


def shared_strings(src) -> Iterator[str]:
	"""The texts of sharedStrings.xml in order, as openpyxl reads them, without keeping the tree."""
	item = f"{{{SHEET_MAIN_NS}}}si"
	depth, root = 0, None
	for event, node in ET.iterparse(src, events=("start", "end")):
		if event == "start":
			root = root if root is not None else node
			depth += 1
			continue
		depth -= 1
		if node.tag == item and depth == 1:
			yield Text.from_tree(node).content.replace("x005F_", "")
			root.clear()


def open_sheet(source: Source, scratch: Scratch):
	"""The catalogue sheet, after refusing files that are not a plain one-sheet xlsx."""
	if not source_size(source):
		fail(_("The file is empty"))
	with opened(source) as f:
		if not zipfile.is_zipfile(f):
			fail(_("The file is not an Excel workbook (.xlsx); save it as .xlsx and upload it again"))
	try:
		with opened(source) as f, zipfile.ZipFile(f) as zf:
			names = zf.namelist()
			if "xl/workbook.xml" not in names:
				fail(_("The file is not an Excel workbook (.xlsx); save it as .xlsx and upload it again"))
			if zf.testzip() is not None:
				fail(_("The Excel file is damaged; save it again in Excel and upload it"))
			for name in names:
				if name.startswith("xl/worksheets/") and name.endswith(".xml") and has_merged_cells(zf, name):
					fail(_("The sheet has merged cells; unmerge them so that every row is one item"))
		reader = StreamingReader(opened(source), scratch)
		reader.read()
		workbook = reader.wb
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


class CatalogueSheet:
	"""The non-blank data rows of a catalogue file, as (row number, values by key); file problems raise."""

	def __init__(self, source: Source, scratch: Scratch):
		self.workbook, self.sheet = open_sheet(source, scratch)
		self.estimated_rows = max((self.sheet.max_row or 1) - 1, 1)

	def __iter__(self) -> Iterator[tuple[int, dict]]:
		try:
			rows = self.sheet.iter_rows(values_only=True)
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
			self.workbook.close()


def chunks(rows, size: int) -> Iterator[list]:
	rows = iter(rows)
	while chunk := list(islice(rows, size)):
		yield chunk


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


def existing_keys(records: list[dict]) -> set[tuple]:
	"""The duplicate keys of these rows that records already in the archive have (indexed look-ups)."""
	numbers = {r["doc_number"] for r in records if r.get("doc_number")}
	titles = {r["title"] for r in records if not r.get("doc_number")}
	found = set()
	for column, values in (("doc_number", numbers), ("title", titles)):
		if not values:
			continue
		rows = frappe.db.sql(
			f"""select fonds, doc_number, filing_unit, title, doc_date from `tabArchive Item`
			where `{column}` in %(values)s and status != 'Destroyed'""",
			{"values": tuple(values)},
			as_dict=True,
		)
		found.update(duplicate_key(r) for r in rows)
	return found


# --- the import -----------------------------------------------------------------------------------


def check_permission(mode: str) -> None:
	frappe.has_permission("Archive Item", "create", throw=True)
	if mode == MODE_FILED and ARCHIVE_MANAGER not in frappe.get_roles():
		frappe.throw(_("Only the Archive Manager may import items as filed"), exc=frappe.PermissionError)
	if mode not in (MODE_DRAFTS, MODE_FILED):
		fail(_("Unknown import mode {0}").format(mode))


def import_catalogue(
	source: Source, mode: str = MODE_DRAFTS, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
	"""Check every row; if none has an error, create them all (drafts or filed) in file order.

	``source`` is the file's content or path; ``progress(rows read, estimated rows)`` is called per chunk.
	"""
	check_permission(mode)
	result = ImportResult()
	savepoint = "catalogue_import"
	with Scratch() as scratch:
		checker = CatalogueChecker(site_context(mode == MODE_FILED), scratch.earlier_rows)
		sheet = CatalogueSheet(source, scratch)
		frappe.db.savepoint(savepoint)
		try:
			for chunk in chunks(sheet, CHUNK):
				checked = checker.check_rows(chunk)
				result.row_count += len(chunk)
				errors = [e for _, _, row_errors in checked for e in row_errors]
				if errors:
					result.add_errors(errors, scratch)
				elif not result.error_count:
					write_chunk([record for _, record, _ in checked], mode == MODE_FILED, result)
				if progress:
					progress(result.row_count, sheet.estimated_rows)
		except Exception:
			frappe.db.rollback(save_point=savepoint)
			raise
		if result.error_count:
			frappe.db.rollback(save_point=savepoint)
			result.created = Names()
			result.error_file = error_workbook(scratch.errors())
	return result


def write_chunk(records: list[dict], filing: bool, result: ImportResult) -> None:
	"""Insert one chunk of checked rows as Archive Items, numbered and coded in file order when filed."""
	user, stamp = frappe.session.user, now()
	docs = [frappe._dict(record, doctype="Archive Item") for record in records]
	prefix, digits, first = reserve_names(len(docs))
	for number, doc in enumerate(docs, start=first):
		doc.update(
			name=f"{prefix}{number:0{digits}d}",
			status=DRAFT,
			workflow_state="Draft",
			creation=stamp,
			modified=stamp,
			owner=user,
			modified_by=user,
			docstatus=0,
			idx=0,
		)
	if filing:
		file_docs(docs, user)
	frappe.db.bulk_insert(
		"Archive Item",
		INSERT_FIELDS,
		[tuple(doc.get(f, NOT_NULL.get(f)) for f in INSERT_FIELDS) for doc in docs],
		chunk_size=CHUNK,
	)
	counts.count_new_items(docs)
	indexing.items_imported([doc.name for doc in docs])  # the search index, in the same transaction
	result.created.add(prefix, digits, first, len(docs))


def file_docs(docs: list, user: str) -> None:
	"""What filing sets on an item (archive_item.set_filing_on_reaching_filed_state), for new rows."""
	item_status.check(DRAFT, FILED)
	reference_codes.assign_many(docs)
	filed_on = now_datetime()
	for doc in docs:
		doc.update(status=FILED, workflow_state="Filed", filed_on=filed_on, filed_by=user)
		doc.expiry_date = expiry_for(doc)


def reserve_names(count: int) -> tuple[str, int, int]:
	"""Take ``count`` names of Archive Item's naming series (AI-.#######) at once: (prefix, digits, first).

	The series row stays locked until the import's transaction ends, so the names of all chunks follow on.
	"""
	autoname = frappe.get_meta("Archive Item").autoname
	prefix, hashes = autoname.split(".", 1)
	frappe.db.sql(
		"insert into `tabSeries` (name, current) values (%s, 0) on duplicate key update current = current",
		prefix,
	)
	current = cint(frappe.db.sql("select current from `tabSeries` where name = %s for update", prefix)[0][0])
	frappe.db.sql("update `tabSeries` set current = current + %s where name = %s", (count, prefix))
	return prefix, len(hashes), current + 1


# --- the desk entry point -------------------------------------------------------------------------


def job_id(name: str) -> str:
	return f"archive-catalogue-import::{name}"


def enqueue_import(name: str) -> None:
	"""Queue the import on the long queue; a second click while it waits or runs queues nothing more."""
	frappe.enqueue(
		"archive_mgmt.filing.catalogue_import.run_import",
		queue="long",
		timeout=3600,
		name=name,
		job_id=job_id(name),
		deduplicate=True,
		enqueue_after_commit=True,
	)


def file_path(file_url: str) -> str:
	if not file_url:
		fail(_("Attach the catalogue file first"))
	return frappe.get_doc("File", {"file_url": file_url}).get_full_path()


def run_import(name: str) -> None:
	"""Import the catalogue attached to an Archive Catalogue Import and record the outcome on it.

	Runs in the request for small files, else in a background worker (as the user who started it)."""
	doc = frappe.get_doc(DOCTYPE, name)

	def progress(done, estimated):
		frappe.publish_progress(
			min(99, done * 100 // estimated),
			title=_("Catalogue Import"),
			doctype=DOCTYPE,
			docname=name,
			description=_("Checking and writing row {0}").format(done),
		)

	try:
		result = import_catalogue(file_path(doc.import_file), doc.mode, progress)
	except frappe.ValidationError as e:
		record_outcome(doc, "Import Failed", str(e), 0, 0)
		return
	if result.error_count:
		message = _(
			"{0} errors found; nothing was imported. Correct the rows listed below (the error list holds every "
			"one) and upload the file again"
		).format(result.error_count)
		record_outcome(doc, "Import Failed", message, result.row_count, 0, result)
		return
	message = _("{0} archive items created").format(len(result.created))
	record_outcome(doc, "Import Completed", message, result.row_count, len(result.created))


def record_outcome(doc, status, message, rows, created, result: ImportResult | None = None) -> None:
	frappe.clear_messages()
	failed = result is not None and result.error_count
	doc.db_set(
		{
			"import_status": status,
			"message": message,
			"row_count": rows,
			"imported_count": created,
			"error_count": result.error_count if failed else 0,
			"error_file": attach_error_list(doc, result.error_file) if failed else None,
			"error_lines": error_lines(result.errors) if failed else None,
		}
	)
	frappe.publish_progress(100, title=_("Catalogue Import"), doctype=DOCTYPE, docname=doc.name)


def error_lines(errors: list[RowError]) -> str:
	"""The first errors as the form shows them, one line each: 第 5 行，题名：……"""
	lines = [
		_("Row {0}, {1}: {2}").format(e.row, e.column or _("whole row"), e.reason)
		for e in errors[:ERRORS_SHOWN]
	]
	if len(errors) > ERRORS_SHOWN:
		lines.append(_("… and more: download the error list"))
	return "\n".join(lines)


def error_workbook(errors) -> bytes:
	"""The error list (row, column, reason), streamed into a write-only workbook."""
	wb = openpyxl.Workbook(write_only=True)
	ws = wb.create_sheet("错误清单")
	ws.append(["行号", "列", "错误原因"])
	for row, column, reason in errors:
		ws.append([row, column or "整行", reason])
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def attach_error_list(doc, content: bytes) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"导入错误清单-{doc.name}.xlsx",
			"attached_to_doctype": DOCTYPE,
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	return file.file_url


def start(doc) -> dict:
	"""Run the import of ``doc`` now, or queue it when the file is large (api/filing.start_import)."""
	if source_size(file_path(doc.import_file)) > BACKGROUND_BYTES and not frappe.flags.in_test:
		doc.db_set({"import_status": "Import Queued", "message": _("Import queued; progress is shown here")})
		enqueue_import(doc.name)
		return {"queued": True}
	run_import(doc.name)
	return {"queued": False, "status": frappe.db.get_value(DOCTYPE, doc.name, "import_status")}
