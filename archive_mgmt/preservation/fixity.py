"""Fixity of the archive's files: a record at attachment, a scheduled audit that re-hashes them.

Every file attached to a record the archive keeps gets a Fixity Record (SHA-256, SM3, size, the
format detected from its bytes, when, by whom). Frappe's File.content_hash is MD5 for
de-duplication and is not used. Files of the archive must be private: a public attachment is
refused (nothing is written). The daily audit re-hashes a rolling share of the files (Archive
Settings), records the run, and tells the archive managers of any mismatch, missing or
unreadable file; the failures stay on the Fixity Failures report until resolved.
"""

import os

import frappe
from frappe import _
from frappe.utils import cint, flt, now_datetime

from archive_mgmt import notifications
from archive_mgmt.exceptions import FixityError
from archive_mgmt.roles import ARCHIVE_MANAGER
from archive_mgmt.rules.fixity import audit_batch_size, detect_format, digest_stream

# Records whose attachments the archive keeps.
ARCHIVE_DOCTYPES = ("Archive Item", "Dossier", "Handover List", "Destruction Batch", "Backup Set")
ACTIVE, RETIRED = "Active", "Retired"
OK, MISMATCH, MISSING, UNREADABLE = "OK", "Mismatch", "Missing", "Unreadable"
SETTINGS = "Archive Settings"
DEFAULT_SHARE = 10


def is_archive_file(file_doc) -> bool:
	return bool(file_doc.attached_to_doctype in ARCHIVE_DOCTYPES and file_doc.attached_to_name)


# File doc_events


def refuse_public_archive_file(doc, method=None):
	"""File.validate: files of the archive are private files."""
	if doc.is_folder or not is_archive_file(doc) or cint(doc.is_private):
		return
	frappe.throw(
		_("Files attached to {0} must be private: attach {1} as a private file").format(
			_(doc.attached_to_doctype), doc.file_name
		),
		exc=FixityError,
	)


def record_on_attach(doc, method=None):
	"""File.after_insert: the fixity record of a new file of the archive."""
	if doc.is_folder or not is_archive_file(doc) or doc.is_remote_file:
		return
	record(doc)


def retire_on_delete(doc, method=None):
	"""File.on_trash: the file leaves storage (e.g. destroyed); its fixity records stay, retired."""
	for name in frappe.get_all("Fixity Record", filters={"file": doc.name, "status": ACTIVE}, pluck="name"):
		frappe.db.set_value(
			"Fixity Record", name, {"status": RETIRED, "retired_on": now_datetime()}, update_modified=False
		)


def record(file_doc):
	path = file_doc.get_full_path()
	with open(path, "rb") as f:
		digests = digest_stream(f)
		fmt = detect_format(f)
	return frappe.get_doc(
		{
			"doctype": "Fixity Record",
			"file": file_doc.name,
			"file_name": file_doc.file_name,
			"file_url": file_doc.file_url,
			"attached_to_doctype": file_doc.attached_to_doctype,
			"attached_to_name": file_doc.attached_to_name,
			"status": ACTIVE,
			"detected_format": fmt,
			"file_size": digests.size,
			"sha256": digests.sha256,
			"sm3": digests.sm3,
			"recorded_on": now_datetime(),
			"recorded_by": frappe.session.user,
		}
	).insert(ignore_permissions=True)


def active_record(file_name: str):
	name = frappe.db.get_value("Fixity Record", {"file": file_name, "status": ACTIVE}, "name")
	return frappe.get_doc("Fixity Record", name) if name else None


def file_path(fixity_record) -> str | None:
	if not frappe.db.exists("File", fixity_record.file):
		return None
	return frappe.get_doc("File", fixity_record.file).get_full_path()


def verify(fixity_record) -> tuple[str, str]:
	"""(result, detail) of re-hashing one file against its record."""
	path = file_path(fixity_record)
	if not path or not os.path.exists(path):
		return MISSING, _("File {0} is not in storage").format(fixity_record.file_name)
	try:
		with open(path, "rb") as f:
			digests = digest_stream(f)
	except OSError as e:
		return UNREADABLE, _("File {0} cannot be read: {1}").format(fixity_record.file_name, str(e))
	changed = [
		label
		for label, recorded, now in (
			("SHA-256", fixity_record.sha256, digests.sha256),
			("SM3", fixity_record.sm3, digests.sm3),
		)
		if recorded != now
	]
	if digests.size != cint(fixity_record.file_size):
		changed.append(_("size"))
	if changed:
		return MISMATCH, _("File {0} changed since it was recorded ({1} differ)").format(
			fixity_record.file_name, ", ".join(changed)
		)
	return OK, ""


# The scheduled audit


def audit(share_percent: float | None = None) -> str:
	"""Daily: re-hash the least recently audited share of the active files; record and alert."""
	if share_percent is None:
		share_percent = flt(frappe.db.get_single_value(SETTINGS, "audit_share_percent")) or DEFAULT_SHARE
	total = frappe.db.count("Fixity Record", {"status": ACTIVE})
	names = frappe.get_all(
		"Fixity Record",
		filters={"status": ACTIVE},
		order_by="last_audited_on asc, recorded_on asc",
		limit=audit_batch_size(total, share_percent),
		pluck="name",
	)
	run = frappe.get_doc(
		{"doctype": "Fixity Audit Run", "started_on": now_datetime(), "share_percent": share_percent}
	)
	counts = {OK: 0, MISMATCH: 0, MISSING: 0, UNREADABLE: 0}
	for name in names:
		rec = frappe.get_doc("Fixity Record", name)
		result, detail = verify(rec)
		counts[result] += 1
		frappe.db.set_value(
			"Fixity Record",
			name,
			{"last_audited_on": now_datetime(), "last_audit_result": result},
			update_modified=False,
		)
		if result != OK:
			run.append(
				"failures",
				{
					"fixity_record": name,
					"file_name": rec.file_name,
					"attached_to_doctype": rec.attached_to_doctype,
					"attached_to_name": rec.attached_to_name,
					"problem": result,
					"detail": detail,
				},
			)
	run.update(
		{
			"finished_on": now_datetime(),
			"checked_count": len(names),
			"ok_count": counts[OK],
			"mismatch_count": counts[MISMATCH],
			"missing_count": counts[MISSING],
			"unreadable_count": counts[UNREADABLE],
		}
	)
	run.insert(ignore_permissions=True)
	if run.failures:
		alert_managers(run)
	return run.name


def alert_managers(run) -> None:

	subject = _(
		"Fixity audit {0}: {1} files changed, {2} missing, {3} unreadable. See the Fixity Failures report.",
		lang=notifications.NOTIFY_LANG,
	).format(run.name, run.mismatch_count, run.missing_count, run.unreadable_count)
	notifications.notify(notifications.archive_managers(), subject, run)


def validate_resolutions(run) -> None:
	"""Fixity Audit Run.validate: a resolved failure says how, and records who resolved it when."""
	for row in run.failures:
		if not row.resolved:
			row.resolved_by = row.resolved_on = None
			continue
		if not (row.resolution or "").strip():
			frappe.throw(
				_("Row {0}: say how the failure of {1} was resolved").format(row.idx, row.file_name),
				exc=FixityError,
			)
		if not row.resolved_by:
			if ARCHIVE_MANAGER not in frappe.get_roles() and frappe.session.user != "Administrator":
				frappe.throw(
					_("Only the Archive Manager resolves fixity failures"), exc=frappe.PermissionError
				)
			row.resolved_by = frappe.session.user
			row.resolved_on = now_datetime()


def resolve_failure(run: str, row: str, resolution: str) -> None:
	"""Mark one failure of an audit run resolved (from the Fixity Failures report)."""
	doc = frappe.get_doc("Fixity Audit Run", run)
	failure = next((f for f in doc.failures if f.name == row), None)
	if not failure:
		frappe.throw(_("No such failure in fixity audit run {0}").format(run), exc=FixityError)
	failure.resolved = 1
	failure.resolution = resolution
	doc.save()
