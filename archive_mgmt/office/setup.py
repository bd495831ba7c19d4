"""Seeding of the office's documents on install and migrate: the numbering settings' defaults and the two
capture rules. Only what is missing is added; an administrator's edits stay."""

import frappe

from archive_mgmt.office import capture_rules
from archive_mgmt.office.numbering import SETTINGS
from archive_mgmt.rules import office as rules

DEFAULTS = {
	"incoming_number_pattern": rules.DEFAULT_INCOMING_PATTERN,
	"outgoing_number_pattern": rules.DEFAULT_OUTGOING_PATTERN,
	"agency_code": rules.DEFAULT_AGENCY,
	"remind_days_before": rules.DEFAULT_REMIND_DAYS,
}


def install() -> None:
	for field, value in DEFAULTS.items():
		if frappe.db.get_single_value(SETTINGS, field) in (None, ""):
			frappe.db.set_single_value(SETTINGS, field, value)
	capture_rules.install()
