"""Read probes, as an outside attacker runs them (issue 16): the whitelisted endpoints and REST routes, called
as a user of low clearance, tell nothing about records above it — a hidden record answers exactly like a
missing one, counts of Frappe's copies (Version, Comment, File …) never count rows about it, link searches,
reports and prints leave it out."""

from functools import partial

import frappe
import pytest

from archive_mgmt import roles
from archive_mgmt.rules.description import SECRECY_LEVELS
from archive_mgmt.statistics.tables import TOTALS_REPORTS
from tests.integration.care_files.test_care_files import care_values
from tests.integration.clearance_factories import (
	call,
	cw,
	rollback,
	set_clearance,
	with_request,
)
from tests.integration.factories import as_user, make_filed_item, make_user

# The module's world and each test's rollback to it (fixtures of clearance_factories).
SHARED_FIXTURES = (cw, rollback)

MISSING = "ARCH-MISSING-0000000"


def answer(run, name: str):
	"""What a caller learns from one call: the result or the exception (type, message) and the messages
	shown, with the record's name replaced (a missing record's answer names it too)."""
	frappe.local.message_log = []
	frappe.flags.error_message = None
	try:
		out = ("ok", frappe.as_json(run(), indent=None))
	except Exception as e:
		out = (type(e).__name__, str(e), frappe.flags.error_message or "")
	# each error carries a random id, for a missing record too
	messages = frappe.as_json(
		[{k: v for k, v in m.items() if k != "__frappe_exc_id"} for m in frappe.local.message_log],
		indent=None,
	)
	frappe.local.message_log = []
	frappe.flags.error_message = None
	return frappe.as_json([out, messages], indent=None).replace(name, "<name>")


def rest_answer(path: str, method: str = "GET"):
	def run():
		with with_request(path, method):
			response = frappe.api.handle(frappe.local.request)
			return response.status_code, response.get_data(as_text=True)

	return run


def rest_for(base: str, method: str, name: str):
	return rest_answer(f"{base}/{name}", method)()


def client_get(doctype: str, name: str):
	return call("frappe.client.get", doctype=doctype, name=name)


def same_as_missing(run_for, hidden: str, missing: str = MISSING):
	assert answer(lambda: run_for(hidden), hidden) == answer(lambda: run_for(missing), missing)


def test_rest_and_client_get_answer_a_hidden_record_like_a_missing_one(cw):
	user = cw.readers["内部"]
	with as_user(user):
		for doctype, hidden in (("Archive Item", cw.items["绝密"]), ("Dossier", cw.dossiers["秘密"])):
			for prefix in ("/api/resource", "/api/v2/document"):
				for method in ("GET", "PUT", "DELETE"):
					same_as_missing(partial(rest_for, f"{prefix}/{doctype}", method), hidden)
			same_as_missing(partial(client_get, doctype), hidden)
		# what the user may read still answers
		visible = cw.items["内部"]
		status, _body = rest_answer(f"/api/resource/Archive Item/{visible}")()
		assert status == 200
	assert frappe.db.exists("Archive Item", cw.items["绝密"])


def test_form_load_answers_a_hidden_record_like_a_missing_one(cw):
	def getdoc(name):
		call("frappe.desk.form.load.getdoc", doctype="Archive Item", name=name)
		return frappe.local.response.get("docs")

	def load(name):
		with with_request("/api/method/frappe.desk.form.load.getdoc", "POST"):
			frappe.local.form_dict = frappe._dict(doctype="Archive Item", name=name)
			result = frappe.handler.execute_cmd("frappe.desk.form.load.getdoc")
			return result, frappe.local.response.get("docs")

	with as_user(cw.readers["内部"]):
		same_as_missing(load, cw.items["绝密"])
		_result, docs = load(cw.items["内部"])
		assert docs[0].name == cw.items["内部"]
	logged = frappe.get_all(
		"Archive Access Log", filters={"reference_name": cw.items["绝密"], "user": cw.readers["内部"]}
	)
	assert not logged


def validate(name):
	return call(
		"frappe.client.validate_link", doctype="Archive Item", docname=name, fields=frappe.as_json(["title"])
	)


def test_validate_link_answers_a_hidden_record_like_a_missing_one(cw):
	with as_user(cw.readers["内部"]):
		same_as_missing(validate, cw.items["绝密"])
		assert validate(cw.items["内部"])["title"]


def test_a_borrower_picks_a_catalogue_item_they_may_not_read_yet(cw):
	"""A loan request's item link offers the catalogue the borrower borrows from (filed, within clearance and
	unit) though they read none of it before a loan: the link's check keeps such an item, and answers one above
	their clearance as a missing one."""
	with as_user(cw.borrower):
		assert not frappe.has_permission("Archive Item", "read", cw.items["内部"])
		assert validate(cw.items["内部"])["name"] == cw.items["内部"]
		same_as_missing(validate, cw.items["绝密"])


def test_link_titles_of_a_form_name_no_hidden_record(cw):
	"""An item of a dossier above the user's clearance: its form does not send the dossier's title."""
	dossier = cw.dossiers["绝密"]
	title = frappe.db.get_value("Dossier", dossier, "title")
	item = make_filed_item(cw, secrecy_level="内部", title=f"卷内可见{cw.tag}")
	frappe.db.set_value("Archive Item", item.name, "dossier", dossier)
	with as_user(cw.readers["内部"]):
		with with_request("/api/method/frappe.desk.form.load.getdoc", "POST"):
			frappe.local.form_dict = frappe._dict(doctype="Archive Item", name=item.name)
			frappe.handler.execute_cmd("frappe.desk.form.load.getdoc")
			titles = frappe.local.response.get("_link_titles") or {}
	assert title not in titles.values()
	assert f"Fonds::{cw.fonds}" in titles  # what the user may learn of keeps its title


COPIES = {
	# DocType: (the values naming the record, the field holding its data)
	"Version": lambda dt, name, text: {"ref_doctype": dt, "docname": name, "data": text},
	"Comment": lambda dt, name, text: {
		"comment_type": "Comment",
		"reference_doctype": dt,
		"reference_name": name,
		"content": text,
	},
	"ToDo": lambda dt, name, text: {"reference_type": dt, "reference_name": name, "description": text},
	"File": lambda dt, name, text: {
		"attached_to_doctype": dt,
		"attached_to_name": name,
		"file_name": f"{text}.txt",
		"content": "x",
		"is_private": 1,
	},
	"Notification Log": lambda dt, name, text: {
		"document_type": dt,
		"document_name": name,
		"subject": text,
		"type": "Alert",
	},
	"Communication": lambda dt, name, text: {
		"communication_type": "Comment",
		"reference_doctype": dt,
		"reference_name": name,
		"subject": text,
		"content": text,
	},
}
TEXT_FIELD = {
	"Version": "data",
	"Comment": "content",
	"ToDo": "description",
	"File": "file_name",
	"Notification Log": "subject",
	"Communication": "content",
	"Deleted Document": "data",
}


def copy_text(cw, level: str) -> str:
	"""ASCII, as Deleted Document keeps its data as JSON with non-ASCII escaped."""
	return f"copy-{cw.tag}-{SECRECY_LEVELS.index(level)}"


# The probe reads Frappe's copies as a System Manager may: under 三员分立 they read records of 公开 only.
SEEN = "公开"


def make_copies(cw, user):
	"""A copy of each kind about the 绝密 item and about the 公开 item, each naming its item's title."""
	made = {}
	for level in (SEEN, "绝密"):
		name = cw.items[level]
		text = copy_text(cw, level)
		for doctype, values in COPIES.items():
			doc = frappe.get_doc({"doctype": doctype, **values("Archive Item", name, text)})
			if doctype == "Notification Log":
				doc.for_user = user
			if doctype == "ToDo":
				doc.allocated_to = user
			doc.flags.ignore_permissions = True
			doc.db_insert() if doctype == "Version" else doc.insert(ignore_permissions=True)
			made[(doctype, level)] = doc.name
		deleted = frappe.get_doc("Archive Item", name).as_dict()
		frappe.get_doc(
			{
				"doctype": "Deleted Document",
				"deleted_doctype": "Archive Item",
				"deleted_name": f"{name}-deleted",
				"data": frappe.as_json({**deleted, "name": f"{name}-deleted", "title": text}),
			}
		).db_insert()
	return made


def test_counts_of_copies_never_count_rows_about_hidden_records(cw):
	"""frappe.client.get_count with a `like` filter on a copy's data: a title guessed letter by letter."""
	user = make_user(roles.OFFICE_DIRECTOR, "System Manager", prefix="probe")
	make_copies(cw, user)
	with as_user(user):
		for doctype, field in TEXT_FIELD.items():
			like = [[field, "like", f"%{copy_text(cw, '绝密')}%"]]
			count = call("frappe.client.get_count", doctype=doctype, filters=like)
			listed = frappe.get_list(doctype, filters=like, limit_page_length=0)
			assert (doctype, count, listed) == (doctype, 0, [])
			# about what the user may read, the copies still count (ToDo and Communication add comments)
			like = [[field, "like", f"%{copy_text(cw, SEEN)}%"]]
			count = call("frappe.client.get_count", doctype=doctype, filters=like)
			listed = frappe.get_list(doctype, filters=like, limit_page_length=0)
			assert (doctype, count >= 1, count) == (doctype, True, len(listed))


def test_a_copy_about_a_hidden_record_does_not_open(cw):
	user = make_user(roles.OFFICE_DIRECTOR, "System Manager", prefix="probe")
	made = make_copies(cw, user)
	with as_user(user):
		for doctype in ("Comment", "Version", "ToDo", "Communication"):
			assert frappe.has_permission(doctype, "read", made[(doctype, SEEN)]), doctype
			assert not frappe.has_permission(doctype, "read", made[(doctype, "绝密")]), doctype


def test_dossier_search_ignoring_user_permissions_stays_within_clearance_and_units(cw):
	def search_widget(doctype, **kwargs):
		return call("frappe.desk.search.search_widget", doctype=doctype, **kwargs)

	other = make_filed_item(cw, secrecy_level="内部", title=f"他部门{cw.tag}", filing_unit=cw.other_unit)
	user = make_user(roles.OFFICE_DIRECTOR, units=[cw.unit], prefix="unitdirector")
	set_clearance(user, "内部")
	with as_user(user):
		for doctype, hidden in (("Dossier", set(cw.dossiers[x] for x in ("秘密", "机密", "绝密"))),):
			found = search_widget(
				doctype, txt=cw.tag, page_length=50, ignore_user_permissions=True, as_dict=True
			)
			assert not {r["name"] for r in found} & hidden
		found = search_widget(
			"Archive Item", txt=cw.tag, page_length=50, ignore_user_permissions=True, as_dict=True
		)
		assert other.name not in {r["name"] for r in found}


def test_lendable_items_stay_in_the_readers_units(cw):
	from archive_mgmt.api.utilization import lendable_items

	other = make_filed_item(cw, secrecy_level="内部", title=f"他部门{cw.tag}", filing_unit=cw.other_unit)
	with as_user(cw.borrower):  # a reader of cw.unit
		found = [r[0] for r in lendable_items("Archive Item", cw.tag, "name", 0, 100, {})]
	assert other.name not in found
	assert cw.items["内部"] in found


def test_destroyable_items_stay_within_the_clearance(cw):
	from archive_mgmt.api.appraisal import destroyable_items

	user = make_user(roles.ARCHIVE_MANAGER, prefix="lowmanager")
	set_clearance(user, "内部")
	with as_user(user):
		found = [r[0] for r in destroyable_items("Archive Item", cw.tag, "name", 0, 100, {})]
	assert not set(found) & {cw.items[x] for x in ("秘密", "机密", "绝密")}
	assert cw.items["内部"] in found


def test_holdings_statistics_need_full_clearance(cw):
	from frappe.desk.query_report import run

	for role in (roles.LEADER_IN_CHARGE, "System Manager"):
		user = make_user(role, prefix="totals")
		if role not in roles.DUTIES:  # a 系统管理员 reads 公开 only (三员分立)
			set_clearance(user, "内部")
		with as_user(user):
			with pytest.raises(frappe.PermissionError):
				run("Holdings Statistics", {"row_dimension": "secrecy_level"}, user=user)
	with as_user(cw.principal):
		assert run("Holdings Statistics", {"row_dimension": "secrecy_level"}, user=cw.principal)["result"]


def test_a_refused_totals_report_stays_one_that_runs_at_once(cw):
	"""Refused before Frappe starts it: Frappe's watcher, armed at a Script Report's start and cancelled only on
	its return, would otherwise make the report a background one for everyone 15 s after a refusal."""
	import threading

	from frappe.core.doctype.report.report import enable_prepared_report

	def watchers():
		return [
			t
			for t in threading.enumerate()
			if getattr(t, "function", None) is enable_prepared_report and not t.finished.is_set()
		]

	leader = make_user(roles.LEADER_IN_CHARGE, prefix="leader")
	assert watchers() == []  # none left from earlier tests (each test's rollback cancels them)
	with as_user(leader):
		for report in sorted(TOTALS_REPORTS):
			with pytest.raises(frappe.PermissionError):
				call("frappe.desk.query_report.run", report_name=report, filters="{}")
	assert watchers() == []
	assert not frappe.get_all("Report", filters={"name": ("in", list(TOTALS_REPORTS)), "prepared_report": 1})
	with as_user(cw.principal):  # cleared for 绝密: the same call runs the report
		assert call("frappe.desk.query_report.run", report_name="Holdings Statistics", filters="{}")["result"]
		# a run that raises inside the report (a bad filter) leaves no watcher behind either
		with pytest.raises(frappe.ValidationError):
			call(
				"frappe.desk.query_report.run",
				report_name="Holdings Statistics",
				filters=frappe.as_json({"row_dimension": "nonsense"}),
			)
	assert watchers() == []


def test_the_workspace_charts_of_totals_show_only_to_whoever_may_see_totals(cw):
	"""The workspace asks only for the charts the user may load: a leader cleared to 内部 gets none of the
	charts drawn from the totals reports, and, cleared for 绝密, all of them."""
	from frappe.desk.desktop import Workspace

	charts = frappe.get_all(
		"Dashboard Chart",
		filters={"module": ("in", frappe.get_module_list("archive_mgmt")), "chart_type": "Report"},
		fields=["name", "report_name"],
	)
	assert {c.report_name for c in charts} <= TOTALS_REPORTS and len(charts) >= 3
	leader = make_user(roles.LEADER_IN_CHARGE, prefix="leader")
	for level, shown in (("内部", set()), ("绝密", {c.name for c in charts})):
		set_clearance(leader, level)
		with as_user(leader):
			assert {c.name for c in charts if frappe.has_permission("Dashboard Chart", doc=c.name)} == shown
			page = Workspace({"name": "档案管理", "title": "档案管理", "public": 1}).get_charts()
			assert {c.chart_name for c in page} & {c.name for c in charts} == shown


def test_a_hold_naming_hidden_records_is_hidden(cw):
	from frappe.www.printview import get_html_and_style

	from tests.integration.destruction_factories import hold

	with as_user(cw.manager):
		secret = hold(items=[cw.items["绝密"]], dossiers=[cw.dossiers["绝密"]])
		staff = hold(items=[cw.items["内部"]])
	title = frappe.db.get_value("Archive Item", cw.items["绝密"], "title")
	user = cw.readers["内部"]
	with as_user(user):
		with pytest.raises(frappe.PermissionError):
			get_html_and_style("Archive Hold", secret.name)
		assert secret.name not in frappe.get_list("Archive Hold", pluck="name")
		assert staff.name in frappe.get_list("Archive Hold", pluck="name")
		assert get_html_and_style("Archive Hold", staff.name)["html"]
	frappe.clear_messages()
	assert title


def test_a_care_file_prints_only_for_its_counsellors(cw):
	from frappe.www.printview import get_html_and_style

	counsellor = make_user(roles.CARE_COUNSELLOR, prefix="counsellor")
	with as_user(counsellor):
		doc = frappe.get_doc(care_values(cw)).insert()
		assert get_html_and_style("Care Recipient File", doc.name)["html"]
	admin = make_user("System Manager", prefix="sysadmin")
	with as_user(admin):
		with pytest.raises(frappe.PermissionError):
			get_html_and_style("Care Recipient File", doc.name)
	frappe.clear_messages()
