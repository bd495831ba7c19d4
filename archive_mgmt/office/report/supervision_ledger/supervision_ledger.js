frappe.query_reports["Supervision Ledger"] = {
	filters: [
		{ fieldname: "handling_unit", label: __("Handling Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "include_concluded", label: __("Include Concluded"), fieldtype: "Check" },
	],
};
