// The catalogue exports (api/filing.py) from the desk: 归档文件目录 and 案卷目录 ask for what they cover
// (fonds, year, retention period, unit), 卷内目录 exports the open dossier. Included in the Archive Item and
// Dossier lists and the Dossier and Fonds forms.
frappe.provide("archive_mgmt");

archive_mgmt.catalogue_exports = {
	download(method, args) {
		const query = new URLSearchParams(
			Object.fromEntries(
				Object.entries(args).filter(
					([, value]) => value !== undefined && value !== null && value !== "",
				),
			),
		);
		window.open(`/api/method/archive_mgmt.api.filing.${method}?${query}`);
	},

	// 归档文件目录: the filed items of one fonds, year and retention period (optionally one unit).
	filing_catalogue(defaults = {}) {
		const dialog = new frappe.ui.Dialog({
			title: __("Export Filing Catalogue"),
			fields: [
				{ fieldname: "fonds", fieldtype: "Link", options: "Fonds", label: __("Fonds"), reqd: 1 },
				{ fieldname: "year", fieldtype: "Int", label: __("Year", null, "Archive Item"), reqd: 1 },
				{
					fieldname: "retention_period",
					fieldtype: "Link",
					options: "Retention Period",
					label: __("Retention Period"),
					reqd: 1,
				},
				{
					fieldname: "filing_unit",
					fieldtype: "Link",
					options: "Filing Unit",
					label: __("Filing Unit"),
					description: __("Leave empty for every unit"),
					get_query: () => ({ filters: { fonds: dialog.get_value("fonds") || undefined } }),
				},
			],
			primary_action_label: __("Export"),
			primary_action(values) {
				dialog.hide();
				archive_mgmt.catalogue_exports.download("download_filing_catalogue", values);
			},
		});
		dialog.set_values(defaults);
		dialog.show();
		return dialog;
	},

	// 案卷目录: the dossiers of one fonds, optionally one year.
	dossier_catalogue(defaults = {}) {
		const dialog = new frappe.ui.Dialog({
			title: __("Export Dossier Catalogue"),
			fields: [
				{ fieldname: "fonds", fieldtype: "Link", options: "Fonds", label: __("Fonds"), reqd: 1 },
				{
					fieldname: "year",
					fieldtype: "Int",
					label: __("Year", null, "Archive Item"),
					description: __("Leave empty for every year"),
				},
			],
			primary_action_label: __("Export"),
			primary_action(values) {
				dialog.hide();
				archive_mgmt.catalogue_exports.download("download_dossier_catalogue", values);
			},
		});
		dialog.set_values(defaults);
		dialog.show();
		return dialog;
	},

	dossier_contents(dossier) {
		archive_mgmt.catalogue_exports.download("download_dossier_contents", { dossier });
	},

	// What the list is filtered on (fonds = X …) fills the dialog.
	from_list_filters(listview, fields) {
		const values = {};
		(listview.filter_area ? listview.filter_area.get() : []).forEach(([, field, op, value]) => {
			if (fields.includes(field) && op === "=" && value) values[field] = value;
		});
		return values;
	},
};
