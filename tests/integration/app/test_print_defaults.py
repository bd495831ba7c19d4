"""Ctrl+P opens each record in the app's own print format, not Frappe's "Standard", and every print format
is found by its Chinese name: the destruction register is 销毁清册, and a site that had it as "Destruction
Register" keeps whatever pointed at it (patches/rename_destruction_register.py)."""

import frappe
import pytest
from frappe.desk.search import search_link

from archive_mgmt.patches import rename_destruction_register

DEFAULTS = {
	"Archive Item": "归档章",
	"Dossier": "案卷封面",
	"Handover List": "移交清单",
	"Destruction Batch": "销毁清册",
	"Archive Location": "档案盒标签",
	"Incoming Office Document": "收文处理笺",
	"Outgoing Office Document": "发文稿纸",
}


@pytest.mark.parametrize("doctype", DEFAULTS)
def test_each_doctype_with_print_formats_of_ours_opens_in_its_own(doctype):
	default = frappe.get_meta(doctype).default_print_format
	assert default == DEFAULTS[doctype]
	assert frappe.db.get_value("Print Format", default, ["doc_type", "disabled"]) == (doctype, 0)


def test_every_doctype_with_print_formats_of_ours_has_a_default():
	ours = frappe.get_all(
		"Print Format",
		filters={"module": ("in", frappe.get_module_list("archive_mgmt")), "standard": "Yes"},
		pluck="doc_type",
		distinct=True,
	)
	assert set(ours) == set(DEFAULTS)


def found(text: str) -> list[str]:
	return [r["value"] for r in search_link("Print Format", text, filters={"doc_type": "Destruction Batch"})]


def test_typing_销毁清册_finds_the_destruction_register():
	assert found("销毁清册") == ["销毁清册"]
	assert not frappe.db.exists("Print Format", "Destruction Register")


def test_the_patch_merges_the_old_destruction_register_into_销毁清册():
	"""The old record goes; a default print format that named it names 销毁清册."""
	old = frappe.copy_doc(frappe.get_doc("Print Format", "销毁清册"))
	old.name = rename_destruction_register.OLD
	old.db_insert()
	frappe.make_property_setter(
		{
			"doctype_or_field": "DocType",
			"doctype": "Destruction Batch",
			"property": "default_print_format",
			"value": rename_destruction_register.OLD,
			"property_type": "Data",
		},
		validate_fields_for_doctype=False,
	)
	setter = {"doc_type": "Destruction Batch", "property": "default_print_format"}
	assert found("Destruction Register") == ["Destruction Register"]

	rename_destruction_register.execute()

	assert not frappe.db.exists("Print Format", "Destruction Register")
	assert frappe.db.get_value("Property Setter", setter, "value") == "销毁清册"
	assert found("销毁清册") == ["销毁清册"]
	rename_destruction_register.execute()  # once is enough: a second run changes nothing
	assert frappe.db.exists("Print Format", "销毁清册")
