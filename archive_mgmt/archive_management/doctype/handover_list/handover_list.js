frappe.ui.form.on("Handover List", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Export Handover List to Excel"), () => {
				window.open(
					`/api/method/archive_mgmt.exports.download_handover_list?name=${encodeURIComponent(frm.doc.name)}`
				);
			});
		}
		frm.set_query("archive_item", "items", () => ({
			filters: { filing_unit: frm.doc.filing_unit, status: "Draft" },
		}));
	},
});
