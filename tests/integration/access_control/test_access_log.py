"""Archive Access Log: every view, print, export and download of a record at 秘密 or above is written,
readable by the archive manager and the principal only, and nobody — Administrator included — edits or
deletes a row."""

import frappe
import pytest
from frappe import client
from frappe.desk.form.load import getdoc
from frappe.desk.query_report import run as run_report
from frappe.www.printview import get_html_and_style

from archive_mgmt.exceptions import AccessLogLockedError
from archive_mgmt.filing import exports
from tests.integration.clearance_factories import call, rest, with_request
from tests.integration.factories import as_user, make_filed_item, make_user


@pytest.fixture
def items(world):
	return {
		"secret": make_filed_item(world, secrecy_level="机密", retention_period="D10", year=2001).name,
		"internal": make_filed_item(world, secrecy_level="内部", retention_period="D10", year=2001).name,
	}


def logs(name, action=None, user=None) -> list:
	filters = {"reference_name": name}
	if action:
		filters["action"] = action
	if user:
		filters["user"] = user
	return frappe.get_all(
		"Archive Access Log", filters=filters, fields=["user", "action", "secrecy_level", "reference_doctype"]
	)


def test_form_view_is_logged_for_secret_items_only(world, items):
	with as_user(world.manager):
		getdoc("Archive Item", items["secret"])
		getdoc("Archive Item", items["internal"])
	rows = logs(items["secret"], "查看")
	assert [(r.user, r.secrecy_level, r.reference_doctype) for r in rows] == [
		(world.manager, "机密", "Archive Item")
	]
	assert logs(items["internal"]) == []


def test_rest_read_is_logged(world, items):
	with as_user(world.manager):
		assert rest(f"/api/resource/Archive Item/{items['secret']}")[0] == 200
		assert rest("/api/method/frappe.client.get", doctype="Archive Item", name=items["secret"])[0] == 200
	assert len(logs(items["secret"], "查看", world.manager)) >= 1


def test_a_refused_view_writes_nothing(world, items):
	clerk = world.clerk
	with as_user(clerk):
		with pytest.raises(frappe.PermissionError):
			getdoc("Archive Item", items["secret"])
	assert logs(items["secret"], user=clerk) == []


def test_print_and_pdf_are_logged(world, items):
	with as_user(world.manager):
		get_html_and_style("Archive Item", items["secret"], print_format="归档章")
	assert len(logs(items["secret"], "打印")) == 1


def test_exports_are_logged(world, items):
	with as_user(world.manager):
		exports.build_filing_catalogue(world.fonds, 2001, "D10")
	assert [r.action for r in logs(items["secret"])] == ["导出"]
	assert logs(items["internal"]) == []


def test_report_view_export_is_logged(world, items):
	with as_user(world.manager):
		call(
			"frappe.desk.reportview.export_query",
			doctype="Archive Item",
			fields=frappe.as_json(["`tabArchive Item`.`name`"]),
			filters=frappe.as_json([["Archive Item", "name", "in", list(items.values())]]),
			file_format_type="CSV",
			title="Archive Item",
		)
	assert [r.action for r in logs(items["secret"])] == ["导出"]


def test_script_report_export_is_logged(world, items):
	with as_user(world.manager):
		call(
			"frappe.desk.query_report.export_query",
			report_name="Due for Appraisal",
			filters=frappe.as_json({"as_of": "2099-12-31", "fonds": world.fonds}),
			file_format_type="CSV",
			visible_idx=frappe.as_json(list(range(13))),
		)
	assert [r.action for r in logs(items["secret"])] == ["导出"]


def test_private_file_download_is_logged(world, items):
	from frappe.utils.response import download_private_file

	f = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"secret-{frappe.generate_hash(length=6)}.txt",
			"content": "机密扫描件",
			"is_private": 1,
			"attached_to_doctype": "Archive Item",
			"attached_to_name": items["secret"],
		}
	).insert(ignore_permissions=True)
	with as_user(world.manager):
		with with_request(f.file_url, method="HEAD"):
			assert download_private_file(f.file_url).status_code == 200
	rows = logs(items["secret"], "下载")
	assert len(rows) == 1 and rows[0].user == world.manager


def test_only_archive_manager_and_principal_read_the_log(world, items):
	with as_user(world.manager):
		getdoc("Archive Item", items["secret"])
	principal = make_user("Principal")
	with as_user(principal):
		assert frappe.get_list("Archive Access Log", filters={"reference_name": items["secret"]})
		report = run_report(
			"Archive Access Log", {"archive_item": items["secret"], "action": "查看"}, user=principal
		)
		assert [r["user"] for r in report["result"]] == [world.manager]
	for user in (world.clerk, make_user("Office Director"), make_user("System Manager")):
		with as_user(user):
			with pytest.raises(frappe.PermissionError):
				frappe.get_list("Archive Access Log")
			with pytest.raises(frappe.PermissionError):
				run_report("Archive Access Log", {}, user=user)
		frappe.clear_messages()


def test_report_filters(world, items):
	with as_user(world.manager):
		getdoc("Archive Item", items["secret"])
		get_html_and_style("Archive Item", items["secret"], print_format="归档章")
	result = run_report("Archive Access Log", {"archive_item": items["secret"], "action": "打印"})["result"]
	assert [r["action"] for r in result] == ["打印"]
	today = frappe.utils.today()
	assert (
		len(
			run_report(
				"Archive Access Log", {"archive_item": items["secret"], "from_date": today, "to_date": today}
			)["result"]
		)
		== 2
	)
	assert (
		run_report("Archive Access Log", {"archive_item": items["secret"], "to_date": "2000-01-01"})["result"]
		== []
	)


def test_nobody_edits_or_deletes_a_log_row_not_even_the_administrator(world, items):
	with as_user(world.manager):
		getdoc("Archive Item", items["secret"])
	name = frappe.get_all("Archive Access Log", filters={"reference_name": items["secret"]}, pluck="name")[0]
	before = frappe.db.get_value("Archive Access Log", name, ["user", "action", "reference_name"])
	assert frappe.session.user == "Administrator"
	with pytest.raises(AccessLogLockedError):
		client.set_value("Archive Access Log", name, "action", "打印")
	with pytest.raises(AccessLogLockedError):
		doc = frappe.get_doc("Archive Access Log", name)
		doc.user = "Administrator"
		doc.save()
	with pytest.raises(AccessLogLockedError):
		client.delete("Archive Access Log", name)
	with pytest.raises(AccessLogLockedError):
		frappe.delete_doc("Archive Access Log", name, ignore_permissions=True, force=True)
	with pytest.raises(AccessLogLockedError):
		frappe.rename_doc("Archive Access Log", name, "forged", force=True)
	with pytest.raises(AccessLogLockedError):
		client.insert({"doctype": "Archive Access Log", "user": "Administrator", "action": "查看"})
	assert rest(f"/api/resource/Archive Access Log/{name}", method="DELETE")[0] != 202
	assert frappe.db.get_value("Archive Access Log", name, ["user", "action", "reference_name"]) == before
	assert frappe.db.exists("Archive Access Log", name)
