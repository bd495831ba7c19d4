{% include "archive_mgmt/public/js/unit_scope.js" %}

frappe.ui.form.on("Handover List", {
	setup(frm) {
		frm.set_query("archive_item", "items", () => ({
			filters: { filing_unit: frm.doc.filing_unit, status: "Draft" },
		}));
	},

	onload(frm) {
		// A departmental archivist hands over for their own unit.
		archive_mgmt.unit_scope.set_default(frm);
	},

	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Export Handover List to Excel"), () => {
				window.open(
					`/api/method/archive_mgmt.api.filing.download_handover_list?name=${encodeURIComponent(frm.doc.name)}`
				);
			});
		}
		frm.trigger("add_check_all_button");
	},

	add_check_all_button(frm) {
		if (frm.doc.workflow_state !== "Handover Submitted") return;
		if (!frappe.user.has_role("Archive Manager")) return;
		// The receiving archivist ticks each row; this ticks every row not being returned, and saves.
		frm.add_custom_button(__("Mark All Checked"), () => {
			(frm.doc.items || [])
				.filter((row) => !(row.return_reason || "").trim())
				.forEach((row) => {
					frappe.model.set_value(row.doctype, row.name, {
						present: 1,
						page_count_ok: 1,
						condition: row.condition || "完好",
					});
				});
			// Save at once: a workflow form hides its save button, and 接收移交 needs the saved checks.
			frm.save();
		});
	},
});
