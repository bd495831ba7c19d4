frappe.query_reports["Storage Environment"] = {
	filters: [
		{ fieldname: "location", label: __("Storage Room"), fieldtype: "Link", options: "Archive Location" },
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -1) },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{ fieldname: "out_of_range", label: __("Out of Range Only"), fieldtype: "Check" },
	],
};
