{% include "archive_mgmt/public/js/catalogue_exports.js" %}
{% include "archive_mgmt/public/js/bulk_actions.js" %}

frappe.listview_settings["Archive Item"] = {
	add_fields: ["status", "workflow_state"],
	// Read as the 归档文件目录: 题名, 状态 and 档号 (which holds the year); the hash-like ID adds nothing.
	hide_name_column: true,
	get_indicator(doc) {
		const colours = {
			Draft: "gray",
			Filed: "green",
			"On Loan": "orange",
			Destroyed: "red",
			Transferred: "blue",
		};
		return [__(doc.status, null, "Archive Item"), colours[doc.status] || "gray", "status,=," + doc.status];
	},

	onload(listview) {
		const selected = () => listview.get_checked_items(true);
		const add = (label, action) => listview.page.add_actions_menu_item(label, () => action(selected()), false);

		archive_mgmt.bulk.add_actions.forEach(([label, action]) => add(label, action));
		add(__("Print Archival Stamps"), (items) => archive_mgmt.bulk.print(items, "归档章"));
		add(__("Print Box Labels"), (items) => archive_mgmt.bulk.print(items, "档案盒标签"));

		const exports = archive_mgmt.catalogue_exports;
		listview.page.add_inner_button(__("Filing Catalogue"), () =>
			exports.filing_catalogue(
				exports.from_list_filters(listview, ["fonds", "year", "retention_period", "filing_unit"])
			)
		, __("Export Catalogue"));
	},
};
