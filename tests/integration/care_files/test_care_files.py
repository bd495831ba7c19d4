"""Care-service files (心理关爱服务对象档案): seen only by their assigned counsellors and the archive
manager, identifiers validated and masked beyond the file, and a closed case archived as an item."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import frappe
import pytest
from frappe.desk.search import search_link

from archive_mgmt import roles
from archive_mgmt.api.care_files import close_case
from archive_mgmt.exceptions import CareFileClosedError, CareFileError, InvalidIdentityError
from tests.integration.factories import act, as_user, make_user
from tests.integration.integrity_factories import pdf_bytes

VALID_ID = "11010519491231002X"  # born 1949-12-31, woman
PHONE = "13812345678"


@pytest.fixture
def cw(world):
	return SimpleNamespace(
		**vars(world),
		counsellor=make_user(roles.CARE_COUNSELLOR, prefix="counsellor"),
		other_counsellor=make_user(roles.CARE_COUNSELLOR, prefix="counsellor2"),
		leader=make_user(roles.LEADER_IN_CHARGE, prefix="leader"),
	)


def care_values(cw, **values) -> dict:
	return {
		"doctype": "Care Recipient File",
		"full_name": "王秀英",
		"id_number": VALID_ID,
		"phone": PHONE,
		"address": "某市某区幸福路1号",
		"difficulty_type": "独居老人",
		"risk_level": "中",
		"consent_given": 1,
		"consent_date": "2026-01-05",
		"filing_unit": cw.unit,
		"fonds": cw.fonds,
		"service_records": [
			{
				"service_date": "2026-01-06",
				"service_type": "家访",
				"summary": "首次家访，情绪低落，睡眠差",
				"follow_up_plan": "一周后电话回访",
			},
			{"service_date": "2026-01-13", "service_type": "热线", "summary": "电话回访，情绪好转"},
		],
		**values,
	}


def make_care_file(cw, user=None, **values):
	with as_user(user or cw.counsellor):
		return frappe.get_doc(care_values(cw, **values)).insert()


def api(cmd: str, **kwargs):
	"""Call a whitelisted method as /api/method does, overrides included."""
	cmd = (frappe.get_hooks("override_whitelisted_methods", {}).get(cmd) or [cmd])[-1]
	method = frappe.get_attr(cmd)
	frappe.is_whitelisted(method)
	return frappe.call(method, **kwargs)


def visible_names(**kwargs) -> list[str]:
	return frappe.get_list("Care Recipient File", pluck="name", **kwargs)


# --- who sees it ----------------------------------------------------------------------------------


def test_the_counsellor_who_opens_a_file_is_assigned_and_sees_it(cw):
	doc = make_care_file(cw)
	assert [r.counsellor for r in doc.counsellors] == [cw.counsellor]
	assert doc.secrecy_level == "机密" and doc.status == "Open"
	with as_user(cw.counsellor):
		assert doc.name in visible_names()
		assert frappe.client.get("Care Recipient File", doc.name)["id_number"] == VALID_ID
		assert api("frappe.client.get_count", doctype="Care Recipient File", filters={"name": doc.name}) == 1


def test_an_unassigned_counsellor_does_not_learn_the_file_exists(cw):
	doc = make_care_file(cw)
	with as_user(cw.other_counsellor):
		assert doc.name not in visible_names()
		assert api("frappe.client.get_count", doctype="Care Recipient File", filters={"name": doc.name}) == 0
		assert (
			api("frappe.client.get_count", doctype="Care Recipient File", filters={"id_number": VALID_ID})
			== 0
		)
		assert frappe.client.get_value("Care Recipient File", ["full_name", "id_number"], doc.name) == {}
		with pytest.raises(frappe.PermissionError):
			frappe.client.get("Care Recipient File", doc.name)
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Care Recipient File", doc.name).check_permission("read")
		rows = frappe.client.get_list(
			"Care Service Record",
			parent="Care Recipient File",
			fields=["parent", "summary"],
			limit_page_length=0,
		)
		assert doc.name not in {r["parent"] for r in rows}
		rows = frappe.client.get_list(
			"Care File Counsellor", parent="Care Recipient File", fields=["parent"], limit_page_length=0
		)
		assert doc.name not in {r["parent"] for r in rows}
		assert doc.name not in [r["value"] for r in search_link("Care Recipient File", "王")]


def test_the_archive_manager_sees_every_file_and_other_staff_none(cw):
	doc = make_care_file(cw)
	with as_user(cw.manager):
		assert doc.name in visible_names()
		assert frappe.client.get("Care Recipient File", doc.name)["phone"] == PHONE
	for user in (cw.leader, cw.clerk, cw.reader):
		with as_user(user):
			with pytest.raises(frappe.PermissionError):
				visible_names()
			with pytest.raises(frappe.PermissionError):
				frappe.client.get("Care Recipient File", doc.name)


def test_full_identifiers_are_readable_only_by_the_roles_that_may_see_files():
	perms = frappe.get_meta("Care Recipient File").permissions
	level_one = {p.role for p in perms if p.permlevel == 1 and p.read}
	assert level_one == {roles.ARCHIVE_MANAGER, roles.CARE_COUNSELLOR, "System Manager"}
	meta = frappe.get_meta("Care Recipient File")
	assert meta.get_field("id_number").permlevel == 1 and meta.get_field("phone").permlevel == 1
	in_list = {f.fieldname for f in meta.fields if f.in_list_view}
	assert "id_number_masked" in in_list and "id_number" not in in_list and "phone" not in in_list


def test_only_the_archive_manager_changes_who_is_assigned(cw):
	doc = make_care_file(cw)
	with as_user(cw.counsellor):
		mine = frappe.get_doc("Care Recipient File", doc.name)
		mine.append("counsellors", {"counsellor": cw.other_counsellor})
		with pytest.raises(frappe.PermissionError):
			mine.save()
	with as_user(cw.other_counsellor):
		# saving a copy that names themselves does not let them in
		forged = frappe.get_doc(care_values(cw, name=doc.name))
		forged.name = doc.name
		forged.set("counsellors", [{"counsellor": cw.other_counsellor}])
		with pytest.raises(frappe.PermissionError):
			forged.save()
	assert [r.counsellor for r in frappe.get_doc("Care Recipient File", doc.name).counsellors] == [
		cw.counsellor
	]

	with as_user(cw.manager):
		managed = frappe.get_doc("Care Recipient File", doc.name)
		managed.set("counsellors", [{"counsellor": cw.other_counsellor}])
		managed.save()
	with as_user(cw.other_counsellor):
		assert doc.name in visible_names()
	with as_user(cw.counsellor):
		assert doc.name not in visible_names()


def test_only_counsellors_can_be_assigned(cw):
	with pytest.raises(CareFileError):
		make_care_file(cw, user=cw.manager, counsellors=[{"counsellor": cw.leader}])
	with pytest.raises(CareFileError, match="at least one"):
		make_care_file(cw, user=cw.manager)


# --- identifiers ----------------------------------------------------------------------------------


def test_identifiers_are_masked_and_birth_date_and_gender_come_from_the_id(cw):
	doc = make_care_file(cw, phone="+86 138 1234 5678")
	assert doc.id_number_masked == "1101**********002X"
	assert doc.phone == PHONE and doc.phone_masked == "138****5678"
	assert str(doc.birth_date) == "1949-12-31" and doc.gender == "女"


@pytest.mark.parametrize(
	"values",
	[
		{"id_number": "110105194912310021"},  # check digit
		{"id_number": "1101051949123100"},
		{"phone": "1234"},
		{"gender": "男"},
		{"birth_date": "1950-01-01"},
	],
)
def test_bad_identifiers_are_refused_and_nothing_saved(cw, values):
	before = frappe.db.count("Care Recipient File")
	with pytest.raises(InvalidIdentityError):
		make_care_file(cw, **values)
	assert frappe.db.count("Care Recipient File") == before


def test_consent_needs_its_date(cw):
	with pytest.raises(CareFileError):
		make_care_file(cw, consent_date=None)


# --- closing the case -----------------------------------------------------------------------------


def archived_record(item) -> ET.Element:
	file_url = frappe.db.get_value(
		"File",
		{"attached_to_doctype": "Archive Item", "attached_to_name": item, "file_name": ("like", "%.xml")},
		"file_url",
	)
	return ET.fromstring(frappe.get_doc("File", {"file_url": file_url}).get_content())


def test_closing_a_case_archives_it_as_an_item_and_locks_the_file(cw):
	doc = make_care_file(cw)
	with as_user(cw.counsellor):
		consent = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"consent-{doc.name}.pdf",
				"content": pdf_bytes(pages=2),
				"is_private": 1,
				"attached_to_doctype": "Care Recipient File",
				"attached_to_name": doc.name,
			}
		).insert()
		frappe.client.set_value("Care Recipient File", doc.name, "consent_attachment", consent.file_url)
		item_name = close_case(doc.name, "经六个月服务，情绪稳定，结案")

	closed = frappe.get_doc("Care Recipient File", doc.name)
	assert (
		closed.status == "Closed" and closed.archive_item == item_name and closed.closed_by == cw.counsellor
	)
	item = frappe.get_doc("Archive Item", item_name)
	assert (item.status, item.secrecy_level, item.open_status, item.carrier) == (
		"Draft",
		"机密",
		"控制",
		"电子",
	)
	assert (item.fonds, item.filing_unit, item.category, item.retention_period) == (
		cw.fonds,
		cw.unit,
		"ZY",
		"D30",
	)
	assert item.doc_number == doc.name
	# the catalogue shows masked identifiers only; the attached record is complete
	catalogue = f"{item.title}\n{item.remarks}"
	assert "王**" in item.title and "王秀英" not in catalogue
	assert "1101**********002X" in catalogue and VALID_ID not in catalogue and PHONE not in catalogue
	assert frappe.db.get_value(
		"File", {"attached_to_doctype": "Archive Item", "attached_to_name": item_name}, "is_private"
	)
	attached = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Archive Item", "attached_to_name": item_name},
		pluck="file_url",
	)
	assert consent.file_url in attached and len(attached) == 2
	record = archived_record(item_name)
	assert record.findtext("服务对象/身份证号") == VALID_ID
	assert [r.findtext("服务类型") for r in record.findall("服务记录/记录")] == ["家访", "热线"]
	assert item.pages == 2  # the signed consent's pages, as the four-property check counts them

	# the file is read-only now, for its counsellor and the archive manager alike
	for user in (cw.counsellor, cw.manager):
		with as_user(user):
			again = frappe.get_doc("Care Recipient File", doc.name)
			again.risk_level = "高"
			with pytest.raises(CareFileClosedError):
				again.save()
			with pytest.raises(CareFileClosedError):
				close_case(doc.name, "再次结案")
	assert frappe.db.get_value("Care Recipient File", doc.name, "risk_level") == "中"

	# the archive manager files the item through the normal workflow
	with as_user(cw.manager):
		filed = act(frappe.get_doc("Archive Item", item_name), "File to Archive")
	assert filed.status == "Filed" and filed.reference_code


def test_closing_is_not_done_by_editing_nor_by_an_unassigned_counsellor(cw):
	doc = make_care_file(cw)
	with as_user(cw.counsellor):
		mine = frappe.get_doc("Care Recipient File", doc.name)
		mine.status = "Closed"
		with pytest.raises(CareFileError):
			mine.save()
	with as_user(cw.other_counsellor):
		with pytest.raises(frappe.PermissionError):
			close_case(doc.name, "越权结案")
	assert frappe.db.get_value("Care Recipient File", doc.name, "status") == "Open"
	assert not frappe.db.exists("Archive Item", {"doc_number": doc.name})


def test_closing_needs_a_summary_and_where_to_file(cw):
	doc = make_care_file(cw, filing_unit=None, fonds=None)
	with as_user(cw.counsellor):
		with pytest.raises(CareFileError):
			close_case(doc.name, "结案")
	assert frappe.db.get_value("Care Recipient File", doc.name, "status") == "Open"
	assert not frappe.db.exists("Archive Item", {"doc_number": doc.name})
