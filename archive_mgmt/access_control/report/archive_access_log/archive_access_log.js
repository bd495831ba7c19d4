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
			options: ["", "查看", "打印", "导出", "下载", "角色变更", "密级授权变更", "密级变更", "销毁"],
		},
	],
	onload(report) {
		if (!frappe.user.has_role("Security Auditor")) return;
		// The security auditor verifies the audit chain and exports the trail of a period, signed.
		report.page.add_inner_button(__("Verify Audit Trail"), () => {
			frappe.call("archive_mgmt.api.access_control.check_audit_chain").then(({ message }) => {
				if (message.intact) {
					frappe.msgprint(__("The audit trail is intact ({0} entries)", [message.entries]));
					return;
				}
				const items = message.problems.map((p) => `<li>${frappe.utils.escape_html(p.message)}</li>`);
				frappe.msgprint({
					title: __("The audit trail was tampered with"),
					indicator: "red",
					message: `<ul>${items.join("")}</ul>`,
				});
			});
		});
		report.page.add_inner_button(__("Export Audit Trail"), () => {
			const from_date = report.get_filter_value("from_date");
			const to_date = report.get_filter_value("to_date");
			if (!from_date || !to_date) {
				frappe.msgprint(__("Give a valid period: from and to dates"));
				return;
			}
			window.open(
				"/api/method/archive_mgmt.api.access_control.export_audit_trail?" +
					new URLSearchParams({ from_date, to_date }).toString()
			);
		});
	},
};
