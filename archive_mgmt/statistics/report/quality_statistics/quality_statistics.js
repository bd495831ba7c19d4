{% include "archive_mgmt/public/js/statistics_report.js" %}

frappe.query_reports["Quality Statistics"] = {
	filters: [
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
	],
	onload(report) {
		archive_mgmt_statistics_onload(report, __("Quality by filing unit: share of held items with complete DA/T 18 description, share passing the four-property check (blank where the site has no check), usage rate in the year."));
	},
};
