frappe.query_reports["Incoming Document Register"] = {
	filters: [
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date" },
		{ fieldname: "sender_organisation", label: __("Sending Organisation"), fieldtype: "Data" },
		{ fieldname: "handling_unit", label: __("Handling Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "urgency", label: __("Urgency"), fieldtype: "Select", options: "\n特急\n加急\n平件" },
	],
};
