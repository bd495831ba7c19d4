"""Excel exports and print formats show what the catalogue holds."""

import io

import frappe
import openpyxl
import pytest

from archive_mgmt.api import filing as api
from archive_mgmt.filing import exports
from tests.integration.factories import (
	act,
	as_user,
	make_box,
	make_dossier,
	make_filed_item,
	make_handover,
	make_item,
)


def rows(content):
	return [tuple(r) for r in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def dossier(world):
	items = [
		make_filed_item(world, title=f"卷内文件{i}", doc_number=f"乙{i}", pages=i + 2, retention_period="Y")
		for i in range(2)
	]
	with as_user(world.manager):
		return make_dossier(world, items, note="本卷完整"), items


def test_filing_catalogue_cells_match_the_items(world):
	items = [
		make_filed_item(world, title=f"目录文件{i}", doc_number=f"丙{i}", retention_period="Y")
		for i in range(3)
	]
	sheet = rows(exports.build_filing_catalogue(world.fonds, 2024, "Y", world.unit))
	assert sheet[1][:4] == ("全宗号", world.fonds, "全宗名称", f"测试全宗{world.fonds}")
	assert sheet[2][:4] == ("年度", 2024, "保管期限", "永久")
	assert sheet[3][1] == world.unit
	assert list(sheet[4]) == exports.ITEM_HEADERS
	body = sheet[5:]
	assert [r[1] for r in body] == [i.reference_code for i in items]
	assert body[0][2:] == ("丙0", "办公室", "目录文件0", "20240301", "内部", 3, None)


def test_dossier_catalogue_and_contents(world):
	doc, _items = dossier(world)
	sheet = rows(exports.build_dossier_catalogue(world.fonds, 2024))
	assert list(sheet[2]) == exports.DOSSIER_HEADERS
	assert sheet[3][1:3] == (doc.reference_code, "2024年档案工作")
	assert sheet[3][4:7] == (2, 5, "永久")
	contents = rows(exports.build_dossier_contents(doc.name))
	assert [r[3] for r in contents[3:]] == ["卷内文件0", "卷内文件1"]
	assert [r[5] for r in contents[3:]] == ["1-2", "3-5"]


def test_handover_list_export(world):
	with as_user(world.clerk):
		item = make_item(world, title="移交导出文件")
	handover = make_handover(world, [item], notes="按期移交")
	sheet = rows(exports.build_handover_list(handover.name))
	assert list(sheet[3]) == exports.HANDOVER_HEADERS
	assert sheet[4][3] == "移交导出文件" and sheet[4][6] == 3


def downloaded(method, **args) -> list[tuple]:
	frappe.local.response = frappe._dict()
	getattr(api, method)(**args)
	assert frappe.response["type"] == "binary" and frappe.response["filename"].endswith(".xlsx")
	return rows(frappe.response["filecontent"])


def test_the_desk_downloads_each_catalogue(world):
	item = make_filed_item(world, title="下载目录文件", retention_period="Y")
	doc, _items = dossier(world)
	with as_user(world.manager):
		sheet = downloaded("download_filing_catalogue", fonds=world.fonds, year="2024", retention_period="Y")
		assert item.reference_code in [r[1] for r in sheet[5:]]
		assert frappe.response["filename"] == f"归档文件目录-{world.fonds}-2024-Y.xlsx"
		sheet = downloaded("download_dossier_catalogue", fonds=world.fonds, year="")
		assert [r[1] for r in sheet[3:]] == [doc.reference_code]
		sheet = downloaded("download_dossier_contents", dossier=doc.name)
		assert [r[3] for r in sheet[3:]] == ["卷内文件0", "卷内文件1"]


def test_exports_check_permission(world):
	with as_user(world.reader):
		with pytest.raises(frappe.PermissionError):
			api.download_filing_catalogue(world.fonds, 2024, "Y")
		with pytest.raises(frappe.PermissionError):
			api.download_dossier_catalogue(world.fonds)


@pytest.mark.parametrize(
	"args, message",
	[
		({"year": "20x4"}, "Year must be a four-digit year"),
		({"year": 24}, "Year must be a four-digit year"),
		({"fonds": "NOPE"}, "Fonds NOPE not found"),
		({"retention_period": "D99"}, "Retention Period D99 not found"),
		({"filing_unit": "NOPE"}, "Filing Unit NOPE not found"),
	],
)
def test_a_catalogue_export_refuses_bad_arguments_in_words(world, args, message):
	frappe.local.response = frappe._dict()
	with as_user(world.manager), pytest.raises(frappe.ValidationError, match=message):
		api.download_filing_catalogue(**{"fonds": world.fonds, "year": 2024, "retention_period": "Y", **args})
	assert "filecontent" not in frappe.local.response


def html(doctype, name, fmt):
	return frappe.get_print(doctype, name, print_format=fmt)


def test_item_stamp_renders(world):
	item = make_filed_item(world, retention_period="Y", pages=5)
	out = html("Archive Item", item.name, "归档章")
	for text in (world.fonds, "2024", f"{item.item_no:04}", world.unit, "永久", "5"):
		assert text in out


def test_dossier_print_formats_render(world):
	doc, _items = dossier(world)
	contents = html("Dossier", doc.name, "卷内目录")
	assert "卷内文件0" in contents and "3-5" in contents and doc.reference_code in contents
	assert "本卷完整" in html("Dossier", doc.name, "备考表")
	cover = html("Dossier", doc.name, "案卷封面")
	assert f"测试全宗{world.fonds}" in cover and "2024年档案工作" in cover and "永久" in cover


def test_the_box_label_of_a_dossier_in_a_box_renders(world):
	doc, _items = dossier(world)
	box = make_box()
	frappe.db.set_value("Dossier", doc.name, "location", box.name)
	label = html("Archive Location", box.name, "档案盒标签")
	assert "<svg" in label and box.name in label and world.fonds in label and "永久" in label


def test_handover_print_shows_both_signatures(world):
	with as_user(world.clerk):
		item = make_item(world, title="签字移交文件")
	handover = make_handover(world, [item])
	with as_user(world.clerk):
		act(handover, "Submit Handover")
	with as_user(world.manager):
		doc = frappe.get_doc("Handover List", handover.name)
		doc.items[0].present, doc.items[0].page_count_ok, doc.items[0].condition = 1, 1, "完好"
		doc.save()
		received = act(doc, "Receive Handover")
	out = html("Handover List", handover.name, "移交清单")
	assert "签字移交文件" in out and received.items[0].reference_code in out
	assert "移交人（签字）：clerk" in out and "接收人（签字）：manager" in out
