{% include "archive_mgmt/public/js/statistics_report.js" %}

const DIMENSIONS = [
	{ value: "fonds", label: __("Fonds") },
	{ value: "category", label: __("Archive Category") },
	{ value: "year", label: __("Year") },
	{ value: "retention_period", label: __("Retention Period") },
	{ value: "carrier", label: __("Carrier") },
	{ value: "secrecy_level", label: __("Secrecy Level") },
];

frappe.query_reports["Holdings Statistics"] = {
	filters: [
		{ fieldname: "row_dimension", label: __("Rows"), fieldtype: "Select", options: DIMENSIONS, default: "category" },
		{ fieldname: "column_dimension", label: __("Columns"), fieldtype: "Select", options: [{ value: "", label: "" }].concat(DIMENSIONS) },
		{ fieldname: "measure", label: __("Count"), fieldtype: "Select", options: [{ value: "items", label: __("Items") }, { value: "pages", label: __("Pages") }], default: "items" },
		{ fieldname: "status", label: __("Holdings"), fieldtype: "Select", options: [{ value: "Held", label: __("Held") }, { value: "Destroyed", label: __("Destroyed") }, { value: "Transferred", label: __("Transferred") }, { value: "Draft", label: __("Draft") }], default: "Held" },
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "category", label: __("Archive Category"), fieldtype: "Link", options: "Archive Category" },
		{ fieldname: "year_from", label: __("From Year"), fieldtype: "Int" },
		{ fieldname: "year_to", label: __("To Year"), fieldtype: "Int" },
		{ fieldname: "retention_period", label: __("Retention Period"), fieldtype: "Link", options: "Retention Period" },
		{ fieldname: "carrier", label: __("Carrier"), fieldtype: "Select", options: ["", "纸质", "电子", "声像", "实物"] },
		{ fieldname: "secrecy_level", label: __("Secrecy Level"), fieldtype: "Select", options: ["", "公开", "内部", "秘密", "机密", "绝密"] },
	],
	onload(report) {
		archive_mgmt_statistics_onload(report, __("Holdings: items, pages and dossiers by fonds, category, year, retention period, carrier and secrecy level; choose the rows and columns."));
	},
};
