{% include "archive_mgmt/public/js/statistics_report.js" %}

frappe.query_reports["Appraisal Statistics"] = {
	filters: [
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "year_from", label: __("From Year"), fieldtype: "Int" },
		{ fieldname: "year_to", label: __("To Year"), fieldtype: "Int" },
	],
	onload(report) {
		archive_mgmt_statistics_onload(report, __("Appraisal and destruction per year: retention expired, appraised, destroyed, extended, kept permanently, to be transferred."));
	},
};
