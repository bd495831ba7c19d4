{% include "archive_mgmt/public/js/unit_scope.js" %}

frappe.ui.form.on("Dossier", {
	setup(frm) {
		frm.set_query("filing_unit", () => ({
			filters: archive_mgmt.unit_scope.filters(frm, { disabled: 0 }),
		}));
	},

	onload(frm) {
		archive_mgmt.unit_scope.set_default(frm);
	},
});
