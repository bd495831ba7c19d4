frappe.query_reports["Fixity Failures"] = {
	filters: [
		{ fieldname: "problem", label: __("Problem"), fieldtype: "Select", options: ["", "Mismatch", "Missing", "Unreadable"] },
		{ fieldname: "include_resolved", label: __("Include Resolved"), fieldtype: "Check" },
	],
};
