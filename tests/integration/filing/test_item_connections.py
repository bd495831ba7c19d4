"""The Archive Item form's connections: loans, holds, destruction, and the integrity and audit records."""

import frappe
from frappe.desk.form.load import getdoc
from frappe.desk.notifications import get_open_count

from tests.integration.factories import as_user, file_item
from tests.integration.integrity_factories import electronic_item


def counts(item: str) -> dict:
	found = get_open_count("Archive Item", item)["count"]
	rows = found["external_links_found"] + found["internal_links_found"]
	return {row["doctype"]: row["count"] for row in rows}


def test_a_filed_secret_items_form_connects_its_checks_fixity_records_and_access_log(world):
	item, _ = electronic_item(world, secrecy_level="秘密")
	file_item(world, item)
	with as_user(world.manager):
		getdoc("Archive Item", item.name)  # the manager opens the form: an audited view
		found = counts(item.name)
	assert found["Four Property Check"] == 1
	assert found["Fixity Record"] == 1
	assert found["Archive Access Log"] >= 1
	assert found["Loan Request"] == 0 and found["Destruction Batch"] == 0
	groups = [g["label"] for g in frappe.get_meta("Archive Item").get_dashboard_data().transactions]
	assert {"电子档案", "利用审计"} <= set(groups) or {"Electronic Records", "Access Audit"} <= set(groups)
