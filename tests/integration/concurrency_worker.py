"""Runs in separate processes: requests made at the same moment (filing, writing the audit trail,
registering incoming documents), each committing as a request would."""

import os
import sys


def connect(repo: str, bench: str, site: str, user: str):
	"""This process's own connection to the site, as the user, with the checkout under test first."""
	sys.path.insert(0, repo)
	import frappe

	os.chdir(os.path.join(bench, "sites"))
	frappe.init(site=site, sites_path=os.path.join(bench, "sites"))
	frappe.connect()
	frappe.set_user(user)
	return frappe


def file_items(repo: str, bench: str, site: str, user: str, items: list[str], barrier, results) -> None:
	frappe = connect(repo, bench, site, user)
	from frappe.model.workflow import apply_workflow

	barrier.wait()
	for name in items:
		try:
			doc = apply_workflow(frappe.get_doc("Archive Item", name).as_dict(), "File to Archive")
			frappe.db.commit()
			results.put((name, doc.item_no, doc.reference_code))
		except Exception as e:
			frappe.db.rollback()
			results.put((None, None, repr(e)))
	frappe.destroy()


def append_log(repo: str, bench: str, site: str, user: str, count: int, tag: str, barrier, results) -> None:
	"""Writes audit-trail rows one transaction each, at the same moment as other processes."""
	frappe = connect(repo, bench, site, user)
	from archive_mgmt.access_control import access_log

	barrier.wait()
	for i in range(count):
		try:
			access_log.record_change(access_log.ROLE_CHANGE, "User", user, f"{tag}-{i}")
			frappe.db.commit()
			results.put((user, i, None))
		except Exception as e:
			frappe.db.rollback()
			results.put((user, i, repr(e)))


def register_incoming(
	repo: str, bench: str, site: str, user: str, count: int, values: dict, barrier, results
) -> None:
	"""Registers incoming documents (收文登记) and commits each, as a registry clerk's requests would."""
	frappe = connect(repo, bench, site, user)
	barrier.wait()
	for _ in range(count):
		try:
			doc = frappe.get_doc({"doctype": "Incoming Office Document", **values}).insert()
			frappe.db.commit()
			results.put((doc.name, doc.receipt_no))
		except Exception as e:
			frappe.db.rollback()
			results.put((None, repr(e)))
	frappe.destroy()
