"""Declassification and opening (解密/开放): the one place a filed item's secrecy level and open status change.

An approved Declassification Review calls ``apply_review``; the Archive Item controller refuses any
other change of those fields once the item is filed (see ``ArchiveItem.validate_secrecy_changed_by_review``).
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from archive_mgmt.rules.declassification import changes_for

SECRECY_FIELDS = ("secrecy_level", "open_status")
# The flag an item save carries when a review applies it; its value is the review's name.
REVIEW_FLAG = "declassification_review"


def is_applying(item_doc) -> bool:
	return bool(item_doc.flags.get(REVIEW_FLAG))


def apply_review(review) -> None:
	"""Apply an approved review: each item saved once (with a Version row and a timeline note),
	each row recording the item's levels before and after."""
	for row in review.items:
		item = frappe.get_doc("Archive Item", row.archive_item)
		row.secrecy_level_before = item.secrecy_level
		row.open_status_before = item.open_status
		changes = changes_for(item.as_dict(), review.new_secrecy_level, review.new_open_status)
		if changes:
			item.update(changes)
			item.flags[REVIEW_FLAG] = review.name
			item.flags.ignore_permissions = True
			item.save(ignore_version=False)
			item.add_comment(
				"Info",
				_("Changed by Declassification Review {0}: {1}").format(
					review.name, describe(row.secrecy_level_before, row.open_status_before, changes)
				),
			)
		row.secrecy_level_after = item.secrecy_level
		row.open_status_after = item.open_status
	review.applied_on = now_datetime()


def describe(old_level, old_open, changes: dict) -> str:
	parts = []
	if "secrecy_level" in changes:
		parts.append(_("secrecy level {0} → {1}").format(old_level, changes["secrecy_level"]))
	if "open_status" in changes:
		parts.append(_("open status {0} → {1}").format(old_open, changes["open_status"]))
	return ", ".join(parts)
