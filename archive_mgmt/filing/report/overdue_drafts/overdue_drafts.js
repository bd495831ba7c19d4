frappe.query_reports["Overdue Drafts"] = {
	filters: [
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "filing_unit", label: __("Filing Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "as_of", label: __("As Of"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
