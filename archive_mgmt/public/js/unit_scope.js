// A departmental archivist's filing units on the forms of Archive Item, Dossier and Handover List: their
// User Permissions on Filing Unit. Archive Item and Dossier leave those permissions to the app
// (archive_mgmt/access_control/permissions.py, field ignore_user_permissions), so their forms offer and default the
// units here, as Frappe does for any other Link field.
frappe.provide("archive_mgmt");

archive_mgmt.unit_scope = {
	units(doctype) {
		const permitted = (frappe.defaults.get_user_permissions() || {})["Filing Unit"] || [];
		return permitted.filter((p) => !p.applicable_for || p.applicable_for === doctype);
	},

	// The filters of the Filing Unit field: the given ones, within the user's units when they have any.
	filters(frm, filters) {
		const units = this.units(frm.doctype).map((p) => p.doc);
		return units.length ? { ...filters, name: ["in", units] } : filters;
	},

	// A new form takes the user's default unit, or their only one.
	set_default(frm) {
		if (!frm.is_new() || frm.doc.filing_unit) return;
		const units = this.units(frm.doctype);
		const chosen = units.find((p) => p.is_default) || (units.length === 1 ? units[0] : null);
		if (chosen) frm.set_value("filing_unit", chosen.doc);
	},
};
