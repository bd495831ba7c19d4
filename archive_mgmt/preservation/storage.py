"""Storage rooms (库房): environment readings against the archive's limits, the 八防 inspection."""

import frappe
from frappe import _
from frappe.utils import flt

from archive_mgmt import notifications
from archive_mgmt.rules.environment import DEFAULT_LIMITS, EIGHT_PROTECTIONS, Limits, problems

PASSED, PENDING, RECTIFIED = "合格", "待整改", "已整改"
FAILED_CHECK = "不合格"


def limits() -> Limits:
	settings = frappe.db.get_singles_dict("Archive Settings")
	fields = ("temperature_min", "temperature_max", "humidity_min", "humidity_max")
	values = [
		flt(settings.get(f)) if settings.get(f) not in (None, "") else default
		for f, default in zip(fields, DEFAULT_LIMITS, strict=True)
	]
	return Limits(*values)


def flag_reading(doc) -> None:
	"""Storage Environment Reading.validate: who recorded it, and whether it is out of range."""
	if not doc.recorded_by:
		doc.recorded_by = frappe.session.user
	found = problems(flt(doc.temperature), flt(doc.humidity), limits())
	doc.out_of_range = 1 if found else 0
	doc.problems = "；".join(found) or None


def notify_out_of_range(doc) -> None:
	"""Storage Environment Reading.after_insert: the archive managers hear of an out-of-range reading."""
	if not doc.out_of_range:
		return
	subject = _("Storage room {0} is out of range at {1}: {2}", lang=notifications.NOTIFY_LANG).format(
		doc.location, doc.reading_time, doc.problems
	)
	notifications.notify(notifications.archive_managers(), subject, doc)


def prepare_inspection(doc) -> None:
	"""Storage Inspection.validate: the eight protections listed, findings given, the outcome set."""
	if not doc.inspector:
		doc.inspector = frappe.session.user
	if not doc.checks:
		for measure in EIGHT_PROTECTIONS:
			doc.append("checks", {"measure": measure, "status": PASSED})
	for row in doc.checks:
		if row.status == FAILED_CHECK and not (row.finding or "").strip():
			frappe.throw(
				_("Row {0}: describe what was found for {1}").format(row.idx, row.measure),
				exc=frappe.ValidationError,
			)
	failed = [row for row in doc.checks if row.status == FAILED_CHECK]
	if not failed:
		doc.outcome = PASSED
	else:
		doc.outcome = RECTIFIED if all(row.follow_up_done for row in failed) else PENDING
