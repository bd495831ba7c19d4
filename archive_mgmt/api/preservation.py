"""Whitelisted methods of preservation: the four-property check on demand, BagIt packages of backup sets,
resolving a fixity failure."""

import frappe

from archive_mgmt.preservation import fixity, integrity, packages


@frappe.whitelist()
def check_item(item: str) -> dict:
	"""On demand: run and record the check of one item (who may edit the item may check it)."""
	frappe.has_permission("Archive Item", "write", item, throw=True)
	check = integrity.run(item, integrity.ON_DEMAND)
	return {"name": check.name, "outcome": check.outcome, "failures": integrity.failures(check)}


@frappe.whitelist()
def make_package(backup_set: str) -> dict:
	"""Build the BagIt package of a Backup Set's selection, attach it, record its manifest digest."""
	frappe.has_permission("Backup Set", "write", backup_set, throw=True)
	return packages.make_package(backup_set)


@frappe.whitelist()
def verify_backup_set(backup_set: str) -> dict:
	"""Re-validate a Backup Set's package; the result and time are recorded on it."""
	frappe.has_permission("Backup Set", "write", backup_set, throw=True)
	return packages.verify_backup_set(backup_set)


@frappe.whitelist()
def verify_uploaded_package(file_url: str) -> dict:
	"""Import side: check an uploaded package's manifests before it is taken in."""
	file_doc = frappe.get_doc("File", {"file_url": file_url})
	if not file_doc.has_permission("read"):
		raise frappe.PermissionError
	content = file_doc.get_content()
	return packages.verify_zip(content if isinstance(content, bytes) else content.encode())


@frappe.whitelist()
def resolve_failure(run: str, row: str, resolution: str) -> None:
	"""Mark one failure of an audit run resolved (from the Fixity Failures report)."""
	frappe.has_permission("Fixity Audit Run", "write", run, throw=True)
	fixity.resolve_failure(run, row, resolution)
