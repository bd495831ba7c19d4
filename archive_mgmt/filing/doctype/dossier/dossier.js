{% include "archive_mgmt/public/js/unit_scope.js" %}
{% include "archive_mgmt/public/js/catalogue_exports.js" %}

frappe.ui.form.on("Dossier", {
	setup(frm) {
		frm.set_query("filing_unit", () => ({
			filters: archive_mgmt.unit_scope.filters(frm, { disabled: 0 }),
		}));
	},

	onload(frm) {
		archive_mgmt.unit_scope.set_default(frm);
	},

	refresh(frm) {
		if (frm.is_new()) return;
		const exports = archive_mgmt.catalogue_exports;
		const group = __("Export Catalogue");
		frm.add_custom_button(__("Contents List"), () => exports.dossier_contents(frm.doc.name), group);
		frm.add_custom_button(
			__("Dossier Catalogue"),
			() => exports.dossier_catalogue({ fonds: frm.doc.fonds, year: frm.doc.year }),
			group
		);
	},
});
