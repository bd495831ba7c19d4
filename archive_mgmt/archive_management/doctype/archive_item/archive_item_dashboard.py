"""Connections on the Archive Item form: the documents that name this item in one of their rows.

Every group links through a child-table field called `archive_item`, which Frappe's dashboard follows
into the parent document; the desk shows only the DocTypes the user may read. Further groups (fixity
checks, the access log) are one entry each in GROUPS.
"""

from frappe import _

GROUPS = [
	(_("Loans"), ["Loan Request", "Utilization Effect Record"]),
	(_("Filing"), ["Handover List", "Dossier"]),
	(_("Appraisal and Destruction"), ["Archive Hold", "Destruction Batch"]),
]


def get_data():
	return {
		"fieldname": "archive_item",
		"transactions": [{"label": label, "items": items} for label, items in GROUPS],
	}
