frappe.query_reports["Quality Statistics"] = {
	filters: [
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
	],
	onload(report) {
		report.page.add_inner_message(__("Quality by filing unit: share of held items with complete DA/T 18 description, share passing the four-property check (blank where the site has no check), usage rate in the year.") + " " + __("Totals over the whole archive: only the Archive Manager, the Principal and the Leader in Charge (full clearance) may see them."));
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
