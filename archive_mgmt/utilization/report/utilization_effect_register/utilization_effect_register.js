frappe.query_reports["Utilization Effect Register"] = {
	filters: [
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date" },
		{ fieldname: "effect", label: __("Effect"), fieldtype: "Select", options: "\n凭证\n参考\n编研\n其他" },
		{ fieldname: "borrower", label: __("Borrower"), fieldtype: "Link", options: "User" },
		{ fieldname: "borrower_unit", label: __("Borrower Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "loan_request", label: __("Loan Request"), fieldtype: "Link", options: "Loan Request" },
	],
};
