{% include "archive_mgmt/public/js/catalogue_exports.js" %}

frappe.ui.form.on("Fonds", {
	refresh(frm) {
		if (frm.is_new()) return;
		const exports = archive_mgmt.catalogue_exports;
		const group = __("Export Catalogue");
		frm.add_custom_button(__("Filing Catalogue"), () => exports.filing_catalogue({ fonds: frm.doc.name }), group);
		frm.add_custom_button(__("Dossier Catalogue"), () => exports.dossier_catalogue({ fonds: frm.doc.name }), group);
	},
});
