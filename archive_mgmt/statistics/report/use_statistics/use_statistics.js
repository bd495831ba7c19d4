{% include "archive_mgmt/public/js/statistics_report.js" %}

frappe.query_reports["Use Statistics"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", default: "Month", options: ["Month", "Borrower Unit", "Use Mode", "Purpose", "Effect", "Most-Used Items"].map((v) => ({ value: v, label: __(v) })) },
		{ fieldname: "borrower_unit", label: __("Borrower Unit"), fieldtype: "Link", options: "Filing Unit" },
	],
	onload(report) {
		archive_mgmt_statistics_onload(report, __("Use: loans and consultations per month, by unit, use mode, purpose and effect; the most-used items (only items you may read are listed); overdue loans."));
	},
};
