"""Excel catalogue import: good files create every row in file order; anything wrong writes nothing."""

import io

import frappe
import openpyxl
import pytest

from archive_mgmt.api.filing import start_import
from archive_mgmt.exceptions import CatalogueImportError
from archive_mgmt.filing import catalogue_import
from archive_mgmt.filing.catalogue_import import MODE_DRAFTS, MODE_FILED, build_template, import_catalogue
from archive_mgmt.rules.catalogue import MAX_ROWS
from tests.integration.catalogue_files import HEADERS, catalogue_bytes, catalogue_row, workbook_bytes
from tests.integration.factories import as_user, make_filed_item


def items_of(world):
	return frappe.get_all(
		"Archive Item",
		filters={"fonds": world.fonds},
		fields=[
			"name",
			"title",
			"status",
			"reference_code",
			"item_no",
			"doc_date",
			"pages",
			"workflow_state",
		],
		order_by="name",
	)


def test_template_has_chinese_headers_and_drop_downs():
	wb = openpyxl.load_workbook(io.BytesIO(build_template()))
	ws = wb.active
	headers = [c.value for c in ws[1]]
	assert headers[:6] == ["序号", "全宗号", "门类", "年度", "保管期限", "机构(问题)"]
	lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
	formulas = " ".join(lists.values())
	for value in ("绝密", "永久", "声像", "WS"):
		assert value in formulas


def test_good_file_creates_drafts_in_file_order(world):
	with as_user(world.clerk):
		result = import_catalogue(catalogue_bytes(world.fonds, world.unit, 5), MODE_DRAFTS)
	assert not result.errors and len(result.created) == 5
	items = items_of(world)
	assert [i.title for i in items] == [f"关于第{i}项工作的通知" for i in range(1, 6)]
	assert {(i.status, i.workflow_state, i.reference_code) for i in items} == {("Draft", "Draft", None)}
	assert str(items[0].doc_date) == "2024-03-01" and items[0].pages == 2


def test_imported_drafts_behave_like_any_draft(world):
	with as_user(world.clerk):
		result = import_catalogue(catalogue_bytes(world.fonds, world.unit, 1), MODE_DRAFTS)
	doc = frappe.get_doc("Archive Item", result.created[0])
	with as_user(world.manager):
		filed = frappe.model.workflow.apply_workflow(doc.as_dict(), "File to Archive")
	assert filed.status == "Filed" and filed.reference_code.endswith("-0001")


def test_manager_imports_filed_items_with_codes_in_file_order(world):
	make_filed_item(world, title="先前已归档", doc_number="旧1", retention_period="Y")
	with as_user(world.manager):
		result = import_catalogue(catalogue_bytes(world.fonds, world.unit, 4), MODE_FILED)
	assert not result.errors
	codes = [frappe.db.get_value("Archive Item", n, "reference_code") for n in result.created]
	assert codes == [f"{world.fonds}-WS·2024-Y-{world.unit}-{n:04}" for n in range(2, 6)]
	doc = frappe.get_doc("Archive Item", result.created[0])
	assert (doc.status, doc.workflow_state, doc.filed_by) == ("Filed", "Filed", world.manager)
	assert doc.expiry_date is None  # permanent


def test_clerk_cannot_import_filed_items(world):
	with as_user(world.clerk):
		with pytest.raises(frappe.PermissionError):
			import_catalogue(catalogue_bytes(world.fonds, world.unit, 2), MODE_FILED)
	assert not items_of(world)


def test_clerk_cannot_import_for_another_unit(world):
	with as_user(world.clerk):
		result = import_catalogue(catalogue_bytes(world.fonds, world.other_unit, 2), MODE_DRAFTS)
	assert result.errors and result.errors[0].column == "机构(问题)"
	assert not items_of(world)


def test_row_errors_are_listed_in_chinese_and_nothing_is_written(world):
	rows = [
		catalogue_row(world.fonds, world.unit, 1),
		catalogue_row(world.fonds, world.unit, 2, 日期="20240230"),
		catalogue_row(world.fonds, world.unit, 3, 日期="2024-03-01", 页数="三"),
		catalogue_row(world.fonds, world.unit, 4, 密级="保密", 门类="XX", 题名=""),
		catalogue_row(world.fonds, world.unit, 5, 全宗号="NOPE", 保管期限="99年", 载体="胶片"),
		catalogue_row(world.fonds, world.unit, 6, 文号="办发〔2024〕1号"),
	]
	with as_user(world.manager):
		result = import_catalogue(workbook_bytes(rows), MODE_FILED)
	assert not result.created
	found = {(e.row, e.column) for e in result.errors}
	assert {(3, "日期"), (4, "日期"), (4, "页数"), (5, "密级"), (5, "门类"), (5, "题名")} <= found
	assert {(6, "全宗号"), (6, "保管期限"), (6, "载体"), (7, "")} <= found
	reasons = {(e.row, e.column): e.reason for e in result.errors}
	assert "YYYYMMDD" in reasons[(3, "日期")] and "重复" in reasons[(7, "")]
	assert not items_of(world)


def test_duplicates_of_stored_items_are_refused(world):
	make_filed_item(world, doc_number="办发〔2024〕2号")
	with as_user(world.manager):
		result = import_catalogue(catalogue_bytes(world.fonds, world.unit, 3), MODE_DRAFTS)
	assert [(e.row, "系统中已有" in e.reason) for e in result.errors] == [(3, True)]
	assert len(items_of(world)) == 1


def bad_files(world):
	good = catalogue_bytes(world.fonds, world.unit, 3)
	merged = openpyxl.Workbook()
	ws = merged.active
	ws.append(HEADERS)
	ws.append(list(catalogue_row(world.fonds, world.unit, 1).values()))
	ws.merge_cells("H2:I2")
	formula = openpyxl.Workbook()
	formula.active.append(HEADERS)
	formula.active.append(
		[*list(catalogue_row(world.fonds, world.unit, 1).values())[:11], "=1+1", "纸质", "控制", ""]
	)
	hidden = openpyxl.Workbook()
	hidden.active.append(HEADERS)
	hidden.active.append(list(catalogue_row(world.fonds, world.unit, 1).values()))
	hidden.create_sheet("隐藏").sheet_state = "hidden"
	broken = bytearray(good)
	broken[len(broken) // 2 : len(broken) // 2 + 200] = b"\0" * 200

	def saved(wb):
		out = io.BytesIO()
		wb.save(out)
		return out.getvalue()

	return {
		"not xlsx": ("序号,全宗号\n1,Z109\n".encode(), "not an Excel workbook"),
		"empty": (b"", "empty"),
		"header only": (workbook_bytes([]), "no catalogue rows"),
		"missing header": (workbook_bytes([], headers=HEADERS[:9]), "缺少表头"),
		"unknown header": (workbook_bytes([], headers=[*HEADERS, "备用字段"]), "无法识别的表头"),
		"merged cells": (saved(merged), "merged cells"),
		"formula": (saved(formula), "formula"),
		"hidden sheet": (saved(hidden), "hidden sheets"),
		"broken zip": (bytes(broken), "damaged"),
		"truncated zip": (good[: len(good) // 2], "not an Excel workbook"),
	}


@pytest.mark.parametrize(
	"case",
	[
		"not xlsx",
		"empty",
		"header only",
		"missing header",
		"unknown header",
		"merged cells",
		"formula",
		"hidden sheet",
		"broken zip",
		"truncated zip",
	],
)
def test_bad_files_get_a_clear_message_and_write_nothing(world, case):
	content, expected = bad_files(world)[case]
	with as_user(world.manager):
		with pytest.raises(CatalogueImportError) as e:
			import_catalogue(content, MODE_DRAFTS)
	assert expected in str(e.value)
	assert "Traceback" not in str(e.value)
	assert not items_of(world)


def test_more_than_100000_rows_are_refused(world):
	row = list(catalogue_row(world.fonds, world.unit, 1).values())
	content = workbook_bytes([row] * (MAX_ROWS + 1))
	with as_user(world.manager):
		with pytest.raises(CatalogueImportError) as e:
			import_catalogue(content, MODE_DRAFTS)
	assert "100000" in str(e.value)
	assert not items_of(world)


def attach(doc, content, name="目录.xlsx"):
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": name,
			"is_private": 1,
			"content": content,
			"attached_to_doctype": doc.doctype,
			"attached_to_name": doc.name,
		}
	).insert()
	doc.db_set("import_file", file.file_url)
	return doc


def test_desk_import_completes(world):
	with as_user(world.manager):
		doc = frappe.get_doc(
			{
				"doctype": "Archive Catalogue Import",
				"mode": MODE_FILED,
				"import_file": "/private/files/x.xlsx",
			}
		).insert()
		attach(doc, catalogue_bytes(world.fonds, world.unit, 3))
		start_import(doc.name)
	doc.reload()
	assert (doc.import_status, doc.row_count, doc.imported_count, doc.error_count) == (
		"Import Completed",
		3,
		3,
		0,
	)
	assert len(items_of(world)) == 3


def test_desk_import_with_errors_offers_the_error_list(world):
	rows = [catalogue_row(world.fonds, world.unit, 1, 日期="2024031")]
	with as_user(world.clerk):
		doc = frappe.get_doc(
			{
				"doctype": "Archive Catalogue Import",
				"mode": MODE_DRAFTS,
				"import_file": "/private/files/x.xlsx",
			}
		).insert()
		attach(doc, workbook_bytes(rows))
		start_import(doc.name)
	doc.reload()
	assert (doc.import_status, doc.error_count, doc.imported_count) == ("Import Failed", 1, 0)
	content = frappe.get_doc("File", {"file_url": doc.error_file}).get_content()
	sheet = openpyxl.load_workbook(io.BytesIO(content)).active
	assert [c.value for c in sheet[1]] == ["行号", "列", "错误原因"]
	assert [c.value for c in sheet[2]][:2] == [2, "日期"]
	# the form itself names the row, the column and the reason, as the list does
	assert doc.error_lines == f"Row 2, 日期: {sheet[2][2].value}"
	assert not items_of(world)


def new_import(world, content, file_name="2024年文书目录.xlsx"):
	doc = frappe.get_doc(
		{"doctype": "Archive Catalogue Import", "mode": MODE_DRAFTS, "import_file": "/private/files/x.xlsx"}
	).insert()
	attach(doc, content, file_name)
	doc.reload()
	doc.save()  # as the desk saves the form once the file is attached
	return doc


def test_the_import_is_known_by_its_file_name(world):
	with as_user(world.clerk):
		doc = new_import(world, catalogue_bytes(world.fonds, world.unit, 1))
	assert doc.title == "2024年文书目录.xlsx"
	assert frappe.get_meta("Archive Catalogue Import").title_field == "title"


def test_imports_made_before_titles_take_their_file_name(world):
	from archive_mgmt.patches import set_catalogue_import_titles

	with as_user(world.clerk):
		doc = new_import(world, catalogue_bytes(world.fonds, world.unit, 1), "旧导入.xlsx")
	doc.db_set("title", None)
	set_catalogue_import_titles.execute()
	assert frappe.db.get_value("Archive Catalogue Import", doc.name, "title") == "旧导入.xlsx"


def test_the_form_lists_the_first_errors_and_points_to_the_list_for_the_rest(world):
	shown = catalogue_import.ERRORS_SHOWN
	rows = [catalogue_row(world.fonds, world.unit, n, 日期="2024031") for n in range(1, shown + 3)]
	with as_user(world.clerk):
		doc = new_import(world, workbook_bytes(rows))
		start_import(doc.name)
	doc.reload()
	lines = doc.error_lines.splitlines()
	assert doc.error_count == shown + 2 and len(lines) == shown + 1
	assert lines[0].startswith("Row 2, 日期: ") and lines[shown - 1].startswith(f"Row {shown + 1}, 日期: ")
	assert "download the error list" in lines[-1]
	assert not items_of(world)


def test_desk_import_of_a_bad_file_says_why(world):
	with as_user(world.manager):
		doc = frappe.get_doc(
			{
				"doctype": "Archive Catalogue Import",
				"mode": MODE_DRAFTS,
				"import_file": "/private/files/x.xlsx",
			}
		).insert()
		attach(doc, b"not a workbook", "目录.xlsx")
		start_import(doc.name)
	doc.reload()
	assert doc.import_status == "Import Failed" and "xlsx" in doc.message


def test_an_error_after_rows_were_written_takes_them_all_back(world):
	"""Chunks are written while no error is known; a bad row further on must undo them."""
	count = catalogue_import.CHUNK + 5
	rows = [catalogue_row(world.fonds, world.unit, i) for i in range(1, count)]
	rows.append(catalogue_row(world.fonds, world.unit, count, 页数="两页"))
	with as_user(world.clerk):
		result = import_catalogue(workbook_bytes(rows), MODE_DRAFTS)
	assert [(e.row, e.column) for e in result.errors] == [(count + 1, "页数")]
	assert result.error_count == 1 and not result.created
	assert not items_of(world)
	assert not frappe.db.exists("Archive Code Sequence", {"name": ("like", f"%{world.fonds}%")})


def test_a_bad_file_found_late_takes_written_rows_back(world):
	rows = [catalogue_row(world.fonds, world.unit, i) for i in range(1, catalogue_import.CHUNK + 10)]
	rows.append(catalogue_row(world.fonds, world.unit, 9999, 题名="=A1&B1"))
	with as_user(world.manager):
		with pytest.raises(CatalogueImportError, match=r"公式|formula"):
			import_catalogue(workbook_bytes(rows), MODE_FILED)
	assert not items_of(world)


def test_filed_rows_are_numbered_in_file_order_across_chunks(world):
	count = catalogue_import.CHUNK + 3
	with as_user(world.manager):
		result = import_catalogue(catalogue_bytes(world.fonds, world.unit, count), MODE_FILED)
	assert not result.errors and len(result.created) == count
	numbers = frappe.get_all(
		"Archive Item",
		filters={"fonds": world.fonds},
		fields=["name", "item_no", "doc_number"],
		order_by="name",
	)
	assert [n.name for n in numbers] == list(result.created)
	assert [n.item_no for n in numbers] == list(range(1, count + 1))
	assert [n.doc_number for n in numbers] == [f"办发〔2024〕{i}号" for i in range(1, count + 1)]
	assert frappe.db.get_value("Archive Item", result.created[-1], "status") == "Filed"
