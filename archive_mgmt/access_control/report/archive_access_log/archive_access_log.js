frappe.query_reports["Archive Access Log"] = {
	filters: [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
		{ fieldname: "user", label: __("User"), fieldtype: "Link", options: "User" },
		{ fieldname: "archive_item", label: __("Archive Item"), fieldtype: "Link", options: "Archive Item" },
		{
			fieldname: "action",
			label: __("Action"),
			fieldtype: "Select",
			options: ["", "查看", "打印", "导出", "下载"],
		},
	],
};
