{% include "archive_mgmt/public/js/catalogue_exports.js" %}

frappe.listview_settings["Dossier"] = {
	onload(listview) {
		const exports = archive_mgmt.catalogue_exports;
		listview.page.add_inner_button(
			__("Dossier Catalogue"),
			() => exports.dossier_catalogue(exports.from_list_filters(listview, ["fonds", "year"])),
			__("Export Catalogue")
		);
	},
};
