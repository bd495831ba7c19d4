"""Runs in a separate process: captures documents by a rule and commits, as a second worker would."""

import sys


def capture_all(repo: str, bench: str, site: str, rule: str, sources: list[str], barrier, results) -> None:
	sys.path.insert(0, repo)
	import os

	import frappe

	os.chdir(os.path.join(bench, "sites"))
	frappe.init(site=site, sites_path=os.path.join(bench, "sites"))
	frappe.connect()
	frappe.set_user("Administrator")
	from archive_mgmt.capture import capture

	rule_doc = frappe.get_doc("Archive Capture Rule", rule)
	barrier.wait()
	for name in sources:
		try:
			item = capture.capture(rule_doc, frappe.get_doc(rule_doc.source_doctype, name))
			frappe.db.commit()
			results.put((name, item, None))
		except Exception as e:
			frappe.db.rollback()
			results.put((name, None, repr(e)))
	frappe.destroy()
