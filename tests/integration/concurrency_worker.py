"""Runs in separate processes: files archive items or registers incoming documents and commits, as a clerk's request would."""

import sys


def connect(repo: str, bench: str, site: str, user: str):
	"""This process's own connection to the site, as the user, with the checkout under test first."""
	sys.path.insert(0, repo)
	import os

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
