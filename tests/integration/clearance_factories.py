"""Builders for clearance tests: one filed item and one dossier per secrecy level, users of each clearance,
and a borrower whose issued loan holds out a 机密 item."""

import json
from types import SimpleNamespace

import frappe
import frappe.api
import frappe.handler
import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from archive_mgmt import roles
from archive_mgmt.rules.description import SECRECY_LEVELS
from tests.integration.factories import as_user, make_filed_item, make_user, set_clearance
from tests.integration.loan_factories import make_loan, make_loan_world, reload, step

# A test module's world, shared by its tests: `from tests.integration.clearance_factories import cw, rollback`.


@pytest.fixture(scope="module")
def cw(site):
	"""One world for the module (it takes a while to build), rolled back at its end."""
	from tests.integration.factories import make_world

	frappe.db.rollback()
	frappe.set_user("Administrator")
	yield make_clearance_world(make_world())
	frappe.db.rollback()
	from archive_mgmt.access_control import clearance

	clearance.clear_cache()


@pytest.fixture(autouse=True)
def rollback(cw):
	"""Overrides conftest's: each test rolls back to the module's world, not before it."""
	from archive_mgmt.access_control import clearance
	from tests.integration.conftest import forget_request_state

	frappe.db.savepoint("clearance_world_test")
	frappe.set_user("Administrator")
	frappe.local.message_log = []
	yield
	frappe.db.rollback(save_point="clearance_world_test")
	frappe.set_user("Administrator")
	frappe.local.message_log = []
	frappe.local.form_dict = frappe._dict()
	frappe.flags.error_message = None
	clearance.clear_cache()
	forget_request_state()


def make_clearance_world(world):
	"""Items and dossiers at every level, an Office Director of every clearance, and a borrower."""
	lw = make_loan_world(world)
	tag = frappe.generate_hash(length=8)
	items, dossiers = {}, {}
	for level in SECRECY_LEVELS:
		doc = make_filed_item(
			lw, secrecy_level=level, title=f"泄密测试{tag}-{level}", retention_period="D10", year=2001
		)
		items[level] = doc.name
	with as_user(lw.manager):
		for level in SECRECY_LEVELS:
			extra = make_filed_item(lw, secrecy_level=level, title=f"卷内{tag}-{level}", year=2001)
			dossiers[level] = (
				frappe.get_doc(
					{
						"doctype": "Dossier",
						"title": f"案卷{tag}-{level}",
						"fonds": lw.fonds,
						"category": "WS",
						"year": 2001,
						"retention_period": "Y",
						"filing_unit": lw.unit,
						"items": [{"archive_item": extra.name}],
					}
				)
				.insert()
				.name
			)
	readers = {}
	for level in SECRECY_LEVELS:
		readers[level] = make_user(roles.OFFICE_DIRECTOR, prefix=f"cleared{SECRECY_LEVELS.index(level)}")
		set_clearance(readers[level], level)
	# A staff borrower of clearance 内部 whose issued loan holds out the 机密 item.
	staff_borrower = make_user(roles.DEPARTMENTAL_ARCHIVIST, roles.ARCHIVE_READER, prefix="staffborrower")
	loan = issued_secret_loan(lw, [items["机密"]], borrower=staff_borrower)
	return SimpleNamespace(
		**vars(lw),
		tag=tag,
		items=items,
		dossiers=dossiers,
		readers=readers,
		staff_borrower=staff_borrower,
		loan=loan,
	)


def issued_secret_loan(lw, items, borrower):
	"""The borrower asks for secret items (by name), director, leader and principal approve, manager issues."""
	with as_user(borrower):
		doc = make_loan(items)
		from tests.integration.factories import act

		act(doc, "Submit")
	step(lw, doc, "Approve", lw.director)
	step(lw, doc, "Approve", lw.leader)
	step(lw, doc, "Approve", lw.principal)
	doc = step(lw, doc, "Issue Items", lw.manager)
	assert reload(doc).workflow_state == "Issued"
	return doc


def above(level: str) -> list[str]:
	return list(SECRECY_LEVELS[SECRECY_LEVELS.index(level) + 1 :])


def within(level: str) -> list[str]:
	return list(SECRECY_LEVELS[: SECRECY_LEVELS.index(level) + 1])


def rest(path: str, method: str = "GET", **params):
	"""One REST call through Frappe's own /api router (frappe.api.handle), in this transaction.

	Returns (status, body): 200 and the JSON body, or 403/404 when Frappe refuses.
	"""
	query = {k: (json.dumps(v) if isinstance(v, list | dict) else v) for k, v in params.items()}
	with with_request(path, method, **query) as request:
		try:
			response = frappe.api.handle(request)
			return response.status_code, json.loads(response.get_data(as_text=True) or "{}")
		except frappe.PermissionError:
			return 403, None
		except frappe.DoesNotExistError:
			return 404, None
		except frappe.ValidationError:
			return 417, None
		finally:
			frappe.clear_messages()


def call(cmd: str, method: str = "POST", **params):
	"""A whitelisted method as /api/method/<cmd> runs it (overrides included); POST, so that nothing
	Frappe does for GET requests (it commits its own access log then) touches the test's transaction."""
	return _call(cmd, method, params)[0]


def download(cmd: str, method: str = "POST", **params) -> bytes:
	"""The file a whitelisted download method sends back."""
	return _call(cmd, method, params)[1].filecontent


def _call(cmd, method, params):
	with with_request(f"/api/method/{cmd}", method=method):
		frappe.local.form_dict = frappe._dict(params)
		result = frappe.handler.execute_cmd(cmd)
		return result, frappe.local.response


NO_REQUEST = object()


def with_request(path: str, method: str = "GET", **params):
	"""Run the next calls as if inside a request for `path` (what Frappe's handlers look at)."""
	return _RequestContext(path, method, params)


class _RequestContext:
	def __init__(self, path, method, params):
		self.request = Request(EnvironBuilder(path=path, method=method, query_string=params).get_environ())

	def __enter__(self):
		self.saved = (
			getattr(frappe.local, "request", NO_REQUEST),
			frappe.local.form_dict,
			frappe.local.response,
		)
		frappe.local.request = self.request
		frappe.local.form_dict = frappe._dict(self.request.args.to_dict())
		frappe.local.response = frappe._dict(docs=[])
		return self.request

	def __exit__(self, *exc):
		request, frappe.local.form_dict, frappe.local.response = self.saved
		if request is NO_REQUEST:  # outside a request Frappe expects no `request` at all, not None
			del frappe.local.request
		else:
			frappe.local.request = request
		return False
