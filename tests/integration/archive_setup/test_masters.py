import frappe
import pytest

from archive_mgmt.exceptions import InvalidCodeError


@pytest.mark.parametrize(
	"code,error",
	[
		("Z10", InvalidCodeError),
		("Z1099", InvalidCodeError),
		("Z-09", InvalidCodeError),
		("", frappe.ValidationError),
		("  ", frappe.ValidationError),
	],
)
def test_fonds_code_must_be_four_letters_or_digits(code, error):
	before = frappe.db.count("Fonds")
	with pytest.raises(error):
		frappe.get_doc({"doctype": "Fonds", "fonds_code": code, "fonds_name": "测试"}).insert()
	assert frappe.db.count("Fonds") == before


def test_codes_are_upper_cased():
	doc = frappe.get_doc({"doctype": "Fonds", "fonds_code": "q901", "fonds_name": "测试"}).insert()
	assert doc.name == "Q901"


@pytest.mark.parametrize(
	"doctype,fields",
	[
		("Filing Unit", {"unit_code": "B GS", "unit_name": "办公室"}),
		("Archive Category", {"category_code": "文书", "category_name": "文书"}),
		("Retention Period", {"period_code": "D0"}),
		("Retention Period", {"period_code": "30年"}),
	],
)
def test_bad_master_codes_are_refused(doctype, fields):
	before = frappe.db.count(doctype)
	with pytest.raises(InvalidCodeError):
		frappe.get_doc({"doctype": doctype, **fields}).insert()
	assert frappe.db.count(doctype) == before


def test_custom_retention_periods_get_their_chinese_name():
	doc = frappe.get_doc({"doctype": "Retention Period", "period_code": "d15"}).insert()
	assert (doc.name, doc.period_name, doc.years) == ("D15", "15年", 15)


@pytest.mark.parametrize(
	"pattern", ["{fonds}{category}-{item_no}", "{fonds}-{year}", "{fonds}-{dossier_no:03}"]
)
def test_unusable_code_patterns_are_refused(pattern):
	settings = frappe.get_single("Archive Settings")
	settings.reference_code_pattern = pattern
	with pytest.raises(InvalidCodeError):
		settings.save()
	assert frappe.db.get_single_value("Archive Settings", "reference_code_pattern") != pattern


def test_a_dat13_pattern_numbers_items_inside_their_dossier(world):
	from tests.integration.factories import act, make_item

	settings = frappe.get_single("Archive Settings")
	settings.reference_code_pattern = "{fonds}-{class}-{dossier_no:03}-{item_no:04}"
	settings.save()
	items = [make_item(world, category="XZ", title="行政通知") for _ in range(2)]
	dossier = frappe.get_doc(
		{
			"doctype": "Dossier",
			"title": "行政卷",
			"fonds": world.fonds,
			"category": "XZ",
			"year": 2024,
			"retention_period": "D30",
			"filing_unit": world.unit,
			"items": [{"archive_item": i.name} for i in items],
		}
	).insert()
	codes = [act(frappe.get_doc("Archive Item", i.name), "File to Archive").reference_code for i in items]
	assert codes == [
		f"{world.fonds}-XZ-{dossier.dossier_no:03}-0001",
		f"{world.fonds}-XZ-{dossier.dossier_no:03}-0002",
	]
