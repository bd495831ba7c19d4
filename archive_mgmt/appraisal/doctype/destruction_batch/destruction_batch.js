frappe.ui.form.on("Destruction Batch", {
	setup(frm) {
		// Only items that may be destroyed today: filed, retention expired, not held, in no other open batch.
		frm.set_query("archive_item", "items", (doc) => ({
			query: "archive_mgmt.api.appraisal.destroyable_items",
			filters: {
				fonds: doc.fonds,
				batch: doc.__islocal ? "" : doc.name,
				exclude: (doc.items || []).map((r) => r.archive_item).filter(Boolean),
			},
		}));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Download Register (Excel)"), () => {
			window.open(
				`/api/method/archive_mgmt.api.appraisal.download_register?batch=${encodeURIComponent(frm.doc.name)}`
			);
		});
		if (["Draft", "Appraisal"].includes(frm.doc.workflow_state || "Draft")) {
			frm.add_custom_button(__("Add Due Items"), () => {
				// The report's "Add to Destruction Batch" offers this batch first.
				frappe.flags.destruction_batch = frm.doc.name;
				frappe.set_route("query-report", "Due for Appraisal", { fonds: frm.doc.fonds });
			});
		}
	},
});
