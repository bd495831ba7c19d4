{% include "archive_mgmt/public/js/statistics_report.js" %}

frappe.query_reports["Additions Statistics"] = {
	filters: [
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "filing_unit", label: __("Filing Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "year_from", label: __("From Year"), fieldtype: "Int" },
		{ fieldname: "year_to", label: __("To Year"), fieldtype: "Int" },
	],
	onload(report) {
		archive_mgmt_statistics_onload(report, __("Additions: items filed per year and filing unit; handover lists per unit, on time or late against the filing deadlines."));
	},
};
