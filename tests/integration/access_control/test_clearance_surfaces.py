"""Leak tests: for users of every clearance, every surface returns nothing above it — and does return
what is within it, and the item an issued loan holds out to its borrower."""

import csv
import io

import frappe
import pytest
from frappe.desk import reportview
from frappe.desk.form.load import getdoc
from frappe.desk.query_report import run as run_report
from frappe.desk.search import search_link
from frappe.www.printview import get_html_and_style

from archive_mgmt.api.utilization import lendable_items
from archive_mgmt.rules.description import SECRECY_LEVELS
from tests.integration.clearance_factories import (
	above,
	call,
	cw,
	download,
	rest,
	rollback,
	set_clearance,
	with_request,
	within,
)
from tests.integration.factories import as_user

# The module's world and each test's rollback to it (fixtures of clearance_factories).
SHARED_FIXTURES = (cw, rollback)


def all_items(cw):
	return list(cw.items.values())


def cases(cw):
	"""(user, items they may learn of, items they must not learn of), one per clearance and the borrower."""
	out = []
	for level, user in cw.readers.items():
		out.append((user, {cw.items[x] for x in within(level)}, {cw.items[x] for x in above(level)}))
	borrowed = cw.items["机密"]
	out.append(
		(
			cw.staff_borrower,
			{cw.items["公开"], cw.items["内部"], borrowed},
			{cw.items["秘密"], cw.items["绝密"]},
		)
	)
	return out


def dossier_cases(cw):
	return [
		(user, {cw.dossiers[x] for x in within(level)}, {cw.dossiers[x] for x in above(level)})
		for level, user in cw.readers.items()
	]


def check(found, allowed, hidden):
	found = set(found)
	assert not found & hidden, f"leaked: {found & hidden}"
	assert allowed <= found, f"missing: {allowed - found}"


def test_list_view_and_its_count(cw):
	names = all_items(cw)
	for user, allowed, hidden in cases(cw):
		with as_user(user):
			found = frappe.get_list("Archive Item", filters={"name": ("in", names)}, pluck="name")
			check(found, allowed, hidden)
			frappe.local.form_dict = frappe._dict(
				doctype="Archive Item", filters=frappe.as_json({"name": ["in", names]})
			)
			assert reportview.get_count() == len(allowed)
			groups = frappe.get_list(
				"Archive Item",
				filters={"name": ("in", names)},
				fields=["secrecy_level", "count(name) as n"],
				group_by="secrecy_level",
			)
			assert sum(g.n for g in groups) == len(allowed)


def test_form_load_and_get_doc(cw):
	for user, allowed, hidden in cases(cw):
		with as_user(user):
			for name in allowed:
				getdoc("Archive Item", name)
				assert frappe.get_doc("Archive Item", name).has_permission("read")
			for name in hidden:
				with pytest.raises(frappe.PermissionError):
					getdoc("Archive Item", name)
				assert not frappe.get_doc("Archive Item", name).has_permission("read")
			frappe.clear_messages()


def test_frappe_client(cw):
	from frappe import client

	names = all_items(cw)
	for user, allowed, hidden in cases(cw):
		with as_user(user):
			found = [
				r.name
				for r in client.get_list("Archive Item", filters={"name": ("in", names)}, limit_page_length=0)
			]
			check(found, allowed, hidden)
			count = call("frappe.client.get_count", doctype="Archive Item", filters={"name": ("in", names)})
			assert count == len(allowed)
			for name in hidden:
				assert client.get_value("Archive Item", "title", {"name": name}) == {}
				with pytest.raises(frappe.PermissionError):
					client.get("Archive Item", name)
			for name in allowed:
				assert client.get_value("Archive Item", "title", {"name": name})["title"]
				assert client.get("Archive Item", name)["name"] == name
			frappe.clear_messages()


def test_rest_resource_and_method(cw):
	names = all_items(cw)
	for user, allowed, hidden in cases(cw):
		with as_user(user):
			status, body = rest(
				"/api/resource/Archive Item", filters=[["name", "in", names]], limit_page_length=0
			)
			assert status == 200
			check([r["name"] for r in body["data"]], allowed, hidden)
			status, body = rest(
				"/api/method/frappe.client.get_count", doctype="Archive Item", filters={"name": ["in", names]}
			)
			assert (status, body["message"]) == (200, len(allowed))
			for name in hidden:  # answered as a missing record (test_probe_reads compares them word for word)
				assert rest(f"/api/resource/Archive Item/{name}")[0] == 404
				assert rest("/api/method/frappe.client.get", doctype="Archive Item", name=name)[0] == 404
				status, body = rest(
					"/api/method/frappe.desk.form.load.getdoc", doctype="Archive Item", name=name
				)
				assert (status, body.get("docs") or [], body.get("message")) == (200, [], [])
			for name in allowed:
				status, body = rest(f"/api/resource/Archive Item/{name}")
				assert (status, body["data"]["name"]) == (200, name)


def test_rest_update_of_an_item_above_clearance_is_refused(cw):
	name = cw.items["秘密"]
	set_clearance(cw.manager, "内部")
	with as_user(cw.manager):
		assert rest(f"/api/resource/Archive Item/{name}", method="PUT")[0] == 404  # as a missing record
		doc = frappe.get_doc("Archive Item", name)
		doc.secrecy_level = "内部"
		with pytest.raises(frappe.PermissionError):
			doc.save()
	assert frappe.db.get_value("Archive Item", name, "secrecy_level") == "秘密"


def test_link_field_search(cw):
	for user, allowed, hidden in cases(cw):
		with as_user(user):
			found = [r["value"] for r in search_link("Archive Item", cw.tag, page_length=50)]
			check(found, allowed, hidden)


def test_loan_item_search_shows_only_what_the_clearance_covers(cw):
	borrower = cw.staff_borrower
	with as_user(borrower):
		found = [r[0] for r in lendable_items("Archive Item", cw.tag, "name", 0, 50, {})]
	check(found, {cw.items["公开"], cw.items["内部"]}, {cw.items[x] for x in ("秘密", "绝密")})


def test_global_search_never_holds_archive_records(cw):
	from frappe.utils.global_search import search

	for doctype in ("Archive Item", "Dossier", "Dossier Content", "Loan Request Item"):
		meta = frappe.get_meta(doctype)
		assert not meta.get_global_search_fields(), doctype
	for user, _allowed, hidden in cases(cw):
		with as_user(user):
			found = {r.name for r in search(cw.tag, limit=100)}
			assert not found & hidden


def test_script_reports(cw):
	for user, allowed, hidden in cases(cw):
		if user == cw.staff_borrower:
			continue  # a departmental archivist does not run these reports
		with as_user(user):
			due = run_report("Due for Appraisal", {"as_of": "2099-12-31", "fonds": cw.fonds}, user=user)
			check([r["archive_item"] for r in due["result"]], allowed, hidden)
			assert (
				sum(due["chart"]["data"]["datasets"][0]["values"]) >= len(allowed) if due["chart"] else True
			)
			register = run_report("Loan Register", {"archive_item": cw.items["机密"]}, user=user)
			rows = [r for r in register["result"] if isinstance(r, dict)]
			if cw.items["机密"] in allowed:
				assert rows and rows[0]["item_title"]
			else:
				assert rows == []


def test_report_view_export(cw):
	names = all_items(cw)
	# Export needs the export right: the archive manager's, here at a lowered clearance.
	set_clearance(cw.manager, "秘密")
	with as_user(cw.manager):
		content = download(
			"frappe.desk.reportview.export_query",
			doctype="Archive Item",
			fields=frappe.as_json(["`tabArchive Item`.`name`", "`tabArchive Item`.`title`"]),
			filters=frappe.as_json([["Archive Item", "name", "in", names]]),
			file_format_type="CSV",
			title="Archive Item",
		)
		exported = {row[1] for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))}
	check(exported, {cw.items[x] for x in within("秘密")}, {cw.items[x] for x in above("秘密")})


def test_print_view_and_pdf(cw):
	from frappe.utils.print_format import download_pdf

	for user, allowed, hidden in cases(cw):
		with as_user(user):
			for name in hidden:
				with pytest.raises(frappe.PermissionError):
					get_html_and_style("Archive Item", name, print_format="归档章")
				with pytest.raises((frappe.PermissionError, frappe.DoesNotExistError)):
					download_pdf("Archive Item", name, format="归档章")
			for name in list(allowed)[:1]:
				assert get_html_and_style("Archive Item", name, print_format="归档章")["html"]
			frappe.clear_messages()


def test_dossier_list_form_and_contents(cw):
	names = list(cw.dossiers.values())
	for user, allowed, hidden in dossier_cases(cw):
		with as_user(user):
			check(frappe.get_list("Dossier", filters={"name": ("in", names)}, pluck="name"), allowed, hidden)
			for name in hidden:
				with pytest.raises(frappe.PermissionError):
					getdoc("Dossier", name)
			for name in allowed:
				getdoc("Dossier", name)
				doc = frappe.get_doc("Dossier", name)
				# whatever a visible dossier lists is within the reader's clearance
				for row in doc.items:
					assert frappe.get_doc("Archive Item", row.archive_item).has_permission("read")
			frappe.clear_messages()


def test_raising_an_item_raises_its_dossier_and_hides_it(cw):
	dossier = cw.dossiers["内部"]
	item = frappe.get_doc("Dossier", dossier).items[0].archive_item
	frappe.db.set_value("Archive Item", item, "secrecy_level", "内部")
	doc = frappe.get_doc("Archive Item", item)
	doc.secrecy_level = "机密"
	doc.flags.ignore_validate = True
	doc.save(ignore_permissions=True)
	assert frappe.db.get_value("Dossier", dossier, "secrecy_level") == "机密"
	with as_user(cw.readers["内部"]):
		assert not frappe.get_list("Dossier", filters={"name": dossier})


def test_private_attachments(cw):
	from frappe.utils.response import download_private_file
	from werkzeug.exceptions import Forbidden

	files = {}
	for level, name in cw.items.items():
		f = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"scan-{cw.tag}-{SECRECY_LEVELS.index(level)}.txt",
				"content": f"扫描件 {level}",
				"is_private": 1,
				"attached_to_doctype": "Archive Item",
				"attached_to_name": name,
			}
		).insert(ignore_permissions=True)
		files[name] = f
	for user, allowed, hidden in file_cases(cw):
		with as_user(user):
			# asked as the request for the file asks (the request decides: a lent item's file is not sent)
			for name in hidden:
				with with_request(files[name].file_url, method="HEAD"):
					assert not files[name].is_downloadable()
					with pytest.raises(Forbidden):
						download_private_file(files[name].file_url)
			for name in allowed:
				with with_request(files[name].file_url, method="HEAD"):
					assert files[name].is_downloadable()
					assert download_private_file(files[name].file_url).status_code == 200
			frappe.clear_messages()


def file_cases(cw):
	"""As cases(), but an item lent to a borrower not cleared for it keeps its original files from them: they
	read those in the online viewer, watermarked (tests/integration/utilization/test_online_use.py)."""
	borrowed = cw.items["机密"]
	return [
		(user, allowed - {borrowed}, hidden | {borrowed})
		if user == cw.staff_borrower
		else (user, allowed, hidden)
		for user, allowed, hidden in cases(cw)
	]


def test_number_cards_and_group_by_counts(cw):
	from frappe.desk.doctype.number_card.number_card import get_result
	from frappe.desk.listview import get_group_by_count

	names = all_items(cw)
	card = frappe.get_doc(
		{
			"doctype": "Number Card",
			"label": f"Items {cw.tag}",
			"document_type": "Archive Item",
			"function": "Count",
			"filters_json": frappe.as_json([["Archive Item", "name", "in", names]]),
		}
	).insert(ignore_permissions=True)
	for user, allowed, _hidden in cases(cw):
		with as_user(user):
			assert get_result(card.as_dict(), card.filters_json) == len(allowed)
			counts = get_group_by_count(
				"Archive Item", frappe.as_json({"name": ["in", names]}), "secrecy_level"
			)
			assert sum(c["count"] for c in counts) == len(allowed)


def test_sharing_an_archive_record_is_refused(cw):
	from frappe.share import add as share

	with as_user(cw.manager):
		with pytest.raises(frappe.PermissionError):
			share("Archive Item", cw.items["绝密"], cw.readers["公开"], read=1)
	assert not frappe.db.exists("DocShare", {"share_name": cw.items["绝密"]})
