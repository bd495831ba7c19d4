frappe.query_reports["Loan Register"] = {
	filters: [
		{ fieldname: "from_date", label: __("Period From"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("Period To"), fieldtype: "Date" },
		{ fieldname: "borrower", label: __("Borrower"), fieldtype: "Link", options: "User" },
		{ fieldname: "borrower_unit", label: __("Borrower Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "external_organisation", label: __("External Organisation"), fieldtype: "Data" },
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "archive_item", label: __("Archive Item"), fieldtype: "Link", options: "Archive Item" },
		{ fieldname: "status", label: __("Status"), fieldtype: "Link", options: "Workflow State" },
	],
};
