/* exported archive_mgmt_statistics_onload */
// Shared by the statistics Script Reports, which include this file in their own scripts: the note on who sees totals,
// and the button that downloads the annual statistical report (档案工作年报).
function archive_mgmt_statistics_onload(report, description) {
	report.page.add_inner_message(
		description +
			" " +
			__(
				"Totals over the whole archive: only the Archive Manager, the Principal and the Leader in Charge (full clearance) may see them.",
			),
	);
	report.page.add_inner_button(__("Annual Statistical Report (Excel)"), () => {
		frappe.prompt(
			[
				{
					fieldname: "year",
					label: __("Year"),
					fieldtype: "Int",
					reqd: 1,
					default: new Date().getFullYear() - 1,
				},
				{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
			],
			(values) => {
				const args = new URLSearchParams({ year: values.year, fonds: values.fonds || "" });
				window.open("/api/method/archive_mgmt.api.statistics.download?" + args.toString());
			},
			__("Annual Statistical Report (Excel)"),
		);
	});
}
