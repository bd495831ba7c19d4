frappe.query_reports["Due for Appraisal"] = {
	filters: [
		{ fieldname: "fonds", label: __("Fonds"), fieldtype: "Link", options: "Fonds" },
		{ fieldname: "category", label: __("Archive Category"), fieldtype: "Link", options: "Archive Category" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		{ fieldname: "filing_unit", label: __("Filing Unit"), fieldtype: "Link", options: "Filing Unit" },
		{ fieldname: "as_of", label: __("Expired By"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
	onload(report) {
		report.page.add_inner_button(__("Add to Destruction Batch"), () => {
			const rows = (report.data || []).filter((r) => !r.held && !r.on_loan);
			if (!rows.length) {
				frappe.msgprint(__("No item in this list can be destroyed"));
				return;
			}
			frappe.prompt(
				{
					fieldname: "batch",
					label: __("Destruction Batch"),
					fieldtype: "Link",
					options: "Destruction Batch",
					reqd: 1,
					default: frappe.flags.destruction_batch,
					get_query: () => ({ filters: { workflow_state: ["in", ["Draft", "Appraisal"]] } }),
				},
				({ batch }) => {
					frappe
						.call("archive_mgmt.api.appraisal.add_items", {
							batch,
							items: rows.map((r) => r.archive_item),
						})
						.then(({ message }) => {
							const refused = message.refused.map((r) => `${r.archive_item}: ${r.message}`);
							// Open the batch afresh (with its new rows) even where realtime updates are off.
							frappe.model.remove_from_locals("Destruction Batch", batch);
							const link = frappe.utils.get_form_link("Destruction Batch", batch, true);
							frappe.msgprint(
								__("{0} added to {1}", [message.added.length, link]) +
									(refused.length ? "<br>" + __("Refused:") + "<br>" + refused.join("<br>") : "")
							);
						});
				},
				__("Add to Destruction Batch")
			);
		});
	},
};
