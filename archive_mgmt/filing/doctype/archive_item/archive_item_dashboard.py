"""Connections on the Archive Item form: the documents that name this item in one of their rows.

Most groups link through a field called `archive_item` (in a child table, Frappe's dashboard follows it
into the parent document); fixity records and the access log name the item in their own fields. The desk
shows only the DocTypes the user may read: the access log and integrity records only to the archive manager.
"""

from frappe import _

GROUPS = [
	(_("Loans"), ["Loan Request", "Utilization Effect Record"]),
	(_("Filing"), ["Handover List", "Dossier"]),
	(_("Appraisal and Destruction"), ["Archive Hold", "Destruction Batch", "Declassification Review"]),
	(_("Electronic Records"), ["Four Property Check", "Sampling Inspection", "Fixity Record"]),
	(_("Access Audit"), ["Archive Access Log"]),
]
OWN_FIELDS = {"Fixity Record": "attached_to_name", "Archive Access Log": "reference_name"}


def get_data():
	return {
		"fieldname": "archive_item",
		"non_standard_fieldnames": OWN_FIELDS,
		"transactions": [{"label": label, "items": items} for label, items in GROUPS],
	}
