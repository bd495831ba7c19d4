frappe.query_reports["Additions Statistics"] = {
	filters: [
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "filing_unit", label: __("Filing Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "year_from", label: __("From Year"), fieldtype: "Int" },
		{ fieldname: "year_to", label: __("To Year"), fieldtype: "Int" },
	],
	onload(report) {
		report.page.add_inner_message(__("Additions: items filed per year and filing unit; handover lists per unit, on time or late against the filing deadlines.") + " " + __("Totals over the whole archive: only the Archive Manager, the Principal and the Leader in Charge (full clearance) may see them."));
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
