frappe.query_reports["Handling Timeliness"] = {
	filters: [
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date" },
		{ fieldname: "handling_unit", label: __("Handling Unit"), fieldtype: "Link", options: "Filing Unit" },
	],
};
