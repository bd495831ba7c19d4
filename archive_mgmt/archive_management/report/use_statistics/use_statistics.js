frappe.query_reports["Use Statistics"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", default: "Month", options: ["Month", "Borrower Unit", "Use Mode", "Purpose", "Effect", "Most-Used Items"].map((v) => ({ value: v, label: __(v) })) },
		{ fieldname: "borrower_unit", label: __("Borrower Unit"), fieldtype: "Link", options: "Filing Unit" },
	],
	onload(report) {
		report.page.add_inner_message(__("Use: loans and consultations per month, by unit, use mode, purpose and effect; the most-used items (only items you may read are listed); overdue loans.") + " " + __("Totals over the whole archive: only the Archive Manager, the Principal and the Leader in Charge (full clearance) may see them."));
		report.page.add_inner_button(__("Annual Statistical Report (Excel)"), () => archive_mgmt_annual_report());
	},
};

function archive_mgmt_annual_report() {
	frappe.prompt(
		[
			{ fieldname: "year", label: __("Year"), fieldtype: "Int", reqd: 1, default: new Date().getFullYear() - 1 },
			{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		],
		(values) => {
			const args = new URLSearchParams({ year: values.year, fonds: values.fonds || "" });
			window.open("/api/method/archive_mgmt.annual_report.download?" + args.toString());
		},
		__("Annual Statistical Report (Excel)")
	);
}
