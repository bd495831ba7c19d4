"""Write probes, as an outside attacker runs them (issue 16): Frappe's generic writes (frappe.client.save of a
child row, frappe.client.set_value, REST PUT) never go around the archive's rules, and each refusal changes
nothing."""

import frappe
import pytest
from frappe.utils import now_datetime

from archive_mgmt import roles
from archive_mgmt.access_control import clearance
from archive_mgmt.exceptions import AppFieldError, AttachmentRefusedError, RowSavedAloneError
from tests.integration.care_files.test_care_files import care_values
from tests.integration.clearance_factories import (
	call,
	cw,
	rest,
	rollback,
	set_clearance,
)
from tests.integration.factories import as_user, make_filed_item, make_handover, make_item, make_user

# The module's world and each test's rollback to it (fixtures of clearance_factories).
SHARED_FIXTURES = (cw, rollback)


def row_values(row, **changes) -> str:
	return frappe.as_json({**row.as_dict(convert_dates_to_str=True), **changes})


def test_an_issued_loan_row_saved_alone_is_not_re_pointed_at_a_secret_item(cw):
	row = frappe.get_doc("Loan Request", cw.loan.name).items[0]
	secret = cw.items["绝密"]
	with as_user(cw.staff_borrower):
		with pytest.raises(RowSavedAloneError):
			call("frappe.client.save", doc=row_values(row, archive_item=secret))
		status, _body = rest(f"/api/resource/Loan Request Item/{row.name}", "PUT", archive_item=secret)
		assert status == 403
	assert frappe.db.get_value("Loan Request Item", row.name, "archive_item") == cw.items["机密"]
	clearance.forget(clearance.LENT_CACHE)
	assert secret not in clearance.items_on_loan_to(cw.staff_borrower)


def test_a_dossier_content_row_does_not_move_into_a_visible_dossier(cw):
	secret, visible = cw.dossiers["绝密"], cw.dossiers["内部"]
	row = frappe.get_doc("Dossier", secret).items[0]
	set_clearance(cw.manager, "内部")
	with as_user(cw.manager):
		with pytest.raises(RowSavedAloneError):
			call("frappe.client.save", doc=row_values(row, parent=visible))
	assert frappe.db.get_value("Dossier Content", row.name, "parent") == secret
	assert [r.archive_item for r in frappe.get_doc("Dossier", visible).items] != [row.archive_item]


def test_a_service_record_does_not_move_into_another_care_file(cw):
	mine, theirs = (make_user(roles.CARE_COUNSELLOR, prefix=p) for p in ("counsellor", "counsellor2"))

	def care_file(user, summary):
		with as_user(user):
			records = [{"service_date": "2026-01-06", "service_type": "家访", "summary": summary}]
			return frappe.get_doc(care_values(cw, service_records=records)).insert()

	other, own = care_file(theirs, "他人的记录"), care_file(mine, "我的记录")
	row = other.service_records[0]
	with as_user(mine):
		with pytest.raises((RowSavedAloneError, frappe.PermissionError)):
			call("frappe.client.save", doc=row_values(row, parent=own.name))
	assert frappe.db.get_value("Care Service Record", row.name, "parent") == other.name


def test_set_value_does_not_write_an_items_process_fields(cw):
	with as_user(cw.clerk):
		draft = make_item(cw, title=f"草稿{cw.tag}")
		for fieldname, value in (
			("dossier", cw.dossiers["内部"]),
			("destroyed_on", str(now_datetime())),
			("destroyed_by", cw.clerk),
			("reference_code", "X-WS-2024-Y-0001"),
			("transfer_pending", 1),
		):
			with pytest.raises(AppFieldError):
				call(
					"frappe.client.set_value",
					doctype="Archive Item",
					name=draft.name,
					fieldname=fieldname,
					value=value,
				)
		# an ordinary edit still saves
		call("frappe.client.set_value", doctype="Archive Item", name=draft.name, fieldname="pages", value=7)
	stored = frappe.db.get_value(
		"Archive Item", draft.name, ["dossier", "destroyed_on", "reference_code", "pages"], as_dict=True
	)
	assert stored == {"dossier": None, "destroyed_on": None, "reference_code": None, "pages": 7}


def private_file(name: str, **values):
	return frappe.get_doc(
		{"doctype": "File", "file_name": f"{name}.txt", "content": name, "is_private": 1, **values}
	).insert()


def test_a_file_is_not_moved_onto_a_secret_item(cw):
	user = cw.readers["内部"]
	with as_user(user):
		own = private_file(f"扫描{cw.tag}")
		for target in (cw.items["绝密"], cw.items["内部"]):  # hidden, and visible but not theirs to change
			with pytest.raises(AttachmentRefusedError):
				call(
					"frappe.client.set_value",
					doctype="File",
					name=own.name,
					fieldname={"attached_to_doctype": "Archive Item", "attached_to_name": target},
				)
	assert frappe.db.get_value("File", own.name, "attached_to_name") is None
	# the clerk still attaches scans to their own draft
	with as_user(cw.clerk):
		draft = make_item(cw, title=f"草稿{cw.tag}")
		private_file(f"草稿扫描{cw.tag}", attached_to_doctype="Archive Item", attached_to_name=draft.name)


def test_a_file_goes_into_a_form_not_yet_saved_only_for_whoever_may_make_the_record(cw):
	"""The desk uploads into an unsaved form's Attach field under its temporary name (a catalogue import's
	new-archive-catalogue-import-…) and Frappe links the file on save; a name that is neither a record nor such a
	form is refused as a hidden record is."""
	temporary = f"new-archive-catalogue-import-{frappe.generate_hash(length=10)}"
	unsaved = {"attached_to_doctype": "Archive Catalogue Import", "attached_to_name": temporary}
	with as_user(cw.clerk):
		private_file(f"新建目录{cw.tag}", **unsaved)
	with as_user(cw.readers["内部"]):  # an office director imports no catalogues and files no items
		with pytest.raises(AttachmentRefusedError):
			private_file(f"读者{cw.tag}", **unsaved)
		# a new file naming an item: refused by the copies' permission, alike for a missing and a hidden one
		with pytest.raises(frappe.PermissionError) as missing:
			private_file(f"不存在{cw.tag}", attached_to_doctype="Archive Item", attached_to_name="AI-9999999")
		with pytest.raises(frappe.PermissionError) as hidden:
			private_file(
				f"隐藏{cw.tag}", attached_to_doctype="Archive Item", attached_to_name=cw.items["绝密"]
			)
	assert (type(missing.value), str(missing.value)) == (type(hidden.value), str(hidden.value))
	assert frappe.db.count("File", {"attached_to_name": temporary}) == 1


def test_an_email_attaches_no_file_the_sender_may_not_read(cw):
	"""Frappe's e-mail copies the Files it is given by name: a 绝密 item's scan does not go out by its name."""
	secret = private_file(
		f"绝密扫描{cw.tag}", attached_to_doctype="Archive Item", attached_to_name=cw.items["绝密"]
	)
	seen = private_file(
		f"内部扫描{cw.tag}", attached_to_doctype="Archive Item", attached_to_name=cw.items["内部"]
	)
	mail = {
		"recipients": "outside@example.com",
		"subject": f"扫描件{cw.tag}",
		"content": "见附件",
		"send_email": 0,
	}
	with as_user(cw.readers["内部"]):
		for name in (secret.name, "no-such-file"):
			with pytest.raises(frappe.PermissionError) as refused:
				call(
					"frappe.core.doctype.communication.email.make", **mail, attachments=frappe.as_json([name])
				)
			assert str(refused.value) == frappe._("You may attach only files you may read")
		assert not frappe.get_all("Communication", filters={"subject": mail["subject"]})
		sent = call(
			"frappe.core.doctype.communication.email.make", **mail, attachments=frappe.as_json([seen.name])
		)
	assert frappe.db.get_value("Communication", sent["name"], "subject") == mail["subject"]


def test_a_destroyed_item_takes_no_file(cw):
	item = make_filed_item(cw, secrecy_level="内部", title=f"已销毁{cw.tag}")
	frappe.db.set_value("Archive Item", item.name, "status", "Destroyed")
	with as_user(cw.manager):
		with pytest.raises(AttachmentRefusedError):
			private_file(f"销毁后{cw.tag}", attached_to_doctype="Archive Item", attached_to_name=item.name)
	assert not frappe.get_all("File", filters={"attached_to_name": item.name})


def test_a_refused_handover_list_does_not_name_another_units_item_unit(cw):
	with as_user(cw.other_clerk):
		other = make_item(cw, filing_unit=cw.other_unit, title=f"他部门草稿{cw.tag}")
	with as_user(cw.clerk):
		with pytest.raises(frappe.ValidationError) as refused:
			make_handover(cw, [other])
	assert cw.other_unit not in str(refused.value)
	assert str(refused.value) == frappe._("Archive Item {0} does not exist").format(other.name)
	assert not frappe.get_all("Handover List Item", filters={"archive_item": other.name})
