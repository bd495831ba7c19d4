frappe.query_reports["Outgoing Document Register"] = {
	filters: [
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date" },
		{ fieldname: "drafting_unit", label: __("Drafting Unit"), fieldtype: "Link", options: "Filing Unit" },
	],
};
