"""ChildRow, the base of every child table row of the app: a row changes only with its parent document.

Frappe lets a row be saved on its own (frappe.client.save, PUT /api/resource/<row DocType>/<name>): that save
runs none of the parent's checks (its workflow state, the clearance of the items it lists, who may edit it)
and writes whatever parent the request names, so a row could move into another document (an issued loan's
row re-pointed at a 绝密 item, a 绝密 dossier's content moved into a visible dossier, a service record moved
into another care file). Frappe runs a row's own ``validate`` only in such a save (a parent's save validates
its rows itself), so refusing it there closes that way and no other.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from archive_mgmt.exceptions import RowSavedAloneError


class ChildRow(Document):
	def validate(self):
		frappe.throw(
			_("A row of {0} changes only with its {1}: save the {1}").format(
				_(self.doctype), _(self.parenttype or _("document"))
			),
			exc=RowSavedAloneError,
		)
