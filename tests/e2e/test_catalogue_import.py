"""Flow 4: a departmental archivist uploads an Excel catalogue (归档文件目录) with mistakes: the import
fails, creates nothing and offers the error list to download; the corrected file then creates the items."""

import io
from urllib.parse import unquote

import frappe
import openpyxl
from playwright.sync_api import expect

from tests.e2e import seed
from tests.e2e.conftest import SHOTS
from tests.integration.catalogue_files import catalogue_row, workbook_bytes


def catalogue(tag: str, broken: bool) -> str:
	rows = [
		catalogue_row(
			seed.FONDS, seed.UNIT, n, 题名=f"关于{tag}第{n}项工作的通知", 文号=f"{tag}〔2024〕{n}号"
		)
		for n in (1, 2, 3)
	]
	if broken:
		rows[1]["日期"] = "20241399"  # no 99th day
		rows[2]["题名"] = ""
	path = SHOTS / f"{tag}-{'有错' if broken else '修正'}.xlsx"
	path.write_bytes(workbook_bytes(rows))
	return str(path)


def made(tag: str) -> list[tuple]:
	"""The items the imports have created, as the server committed them."""
	frappe.db.rollback()
	rows = frappe.get_all(
		"Archive Item",
		filters={"title": ("like", f"%{tag}%")},
		fields=["status", "filing_unit"],
		as_list=True,
	)
	return [tuple(r) for r in rows]


def upload(clerk, path: str) -> None:
	"""The Attach field's uploader: pick the file, upload; the form saves itself with it."""
	clerk.control("import_file").locator(".btn-attach").click()
	dialog = clerk.page.locator(".modal.show")
	dialog.locator('input[type="file"]').set_input_files(path)
	dialog.locator(".btn-primary", has_text="上传").click()
	clerk.page.wait_for_function(
		"f => cur_frm.doc.import_file && cur_frm.doc.import_file.endsWith(f) && !cur_frm.is_new()"
		" && !cur_frm.is_dirty() && !frappe.dom.freeze_count",
		arg=path.rsplit("/", 1)[-1],
	)


def start(clerk, status: str) -> None:
	clerk.page.get_by_role("button", name="开始导入目录").click()
	clerk.page.wait_for_function(
		"s => cur_frm.doc.import_status === s && !frappe.dom.freeze_count", arg=status
	)


def test_catalogue_upload_with_errors_then_clean(desk, people, shot):
	tag = seed.token()
	clerk = desk(people.clerk)
	clerk.new_form("Archive Catalogue Import")
	upload(clerk, catalogue(tag, broken=True))
	start(clerk, "Import Failed")
	expect(clerk.control("message")).to_contain_text("发现 2 处错误，未导入任何数据")
	assert not made(tag)
	# The form itself lists the bad rows, and the record is known by its file, not by a hash.
	lines = clerk.control("error_lines")
	expect(lines).to_contain_text("第 3 行，日期：")
	expect(lines).to_contain_text("第 4 行，题名：")
	expect(clerk.page.locator(".page-head .title-text:visible").first).to_have_text(f"{tag}-有错.xlsx")
	# the record's name (ten random letters and digits, all letters one time in 25) is data, not a word
	clerk.check_words("catalogue import", allow=(clerk.js("() => cur_frm.doc.name"),))

	# The error list is offered as a link, and what it downloads names the bad rows.
	link = clerk.control("error_file").locator("a").first
	expect(link).to_be_visible()
	href = link.get_attribute("href")
	assert "导入错误清单" in unquote(href), href
	response = clerk.page.request.get(href)
	assert response.ok, response.status
	sheet = openpyxl.load_workbook(io.BytesIO(response.body()), read_only=True).active
	errors = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
	assert sorted(str(r[0]) for r in errors) == ["3", "4"], errors
	shot(clerk, "catalogue_import_failed")

	# The corrected file, uploaded again as a new import.
	clerk.new_form("Archive Catalogue Import")
	upload(clerk, catalogue(tag, broken=False))
	start(clerk, "Import Completed")
	expect(clerk.control("message")).to_contain_text("已创建 3 件档案")
	assert made(tag) == [("Draft", seed.UNIT)] * 3
	expect(clerk.page.get_by_role("button", name="开始导入目录")).to_have_count(0)
	shot(clerk)
