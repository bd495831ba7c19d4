import frappe
from frappe import _
from frappe.model.document import Document


class FourPropertyCheck(Document):
	def on_trash(self):
		frappe.throw(_("A four-property check is kept as a record"), exc=frappe.ValidationError)
