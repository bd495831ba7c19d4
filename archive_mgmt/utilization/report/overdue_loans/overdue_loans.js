frappe.query_reports["Overdue Loans"] = {
	filters: [
		{ fieldname: "as_of", label: __("As Of"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{ fieldname: "borrower", label: __("Borrower"), fieldtype: "Link", options: "User" },
		{ fieldname: "borrower_unit", label: __("Borrower Unit"), fieldtype: "Link", options: "Filing Unit" },
	],
};
