"""Audit Chain Anchor (审计链锚点): where the audit trail of a day ends, signed; written by the app only."""

import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.exceptions import AccessLogLockedError


class AuditChainAnchor(Document):
	def validate(self):
		frappe.throw(_("The audit trail's anchors are written by the system only"), exc=AccessLogLockedError)

	def on_trash(self):
		frappe.throw(_("The audit trail's anchors cannot be deleted"), exc=AccessLogLockedError)
