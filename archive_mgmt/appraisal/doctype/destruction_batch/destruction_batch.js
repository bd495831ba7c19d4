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
			if (frm.perm[0]?.write && (frm.doc.items || []).length) {
				frm.add_custom_button(__("Set Decision for Rows"), () => set_decisions(frm));
			}
			frm.add_custom_button(__("Add Due Items"), () => {
				// The report's "Add to Destruction Batch" offers this batch first.
				frappe.flags.destruction_batch = frm.doc.name;
				frappe.set_route("query-report", "Due for Appraisal", { fonds: frm.doc.fonds });
			});
		}
	},
});

// One decision for the selected rows, or for every row when none is selected (an appraisal often destroys a
// whole batch); the batch is then saved as usual, and the server checks every decision.
function set_decisions(frm) {
	const selected = frm.fields_dict.items.grid.get_selected_children();
	const rows = selected.length ? selected : frm.doc.items;
	const options = frappe.meta.get_docfield("Destruction Batch Item", "decision", frm.doc.name).options;
	const dialog = new frappe.ui.Dialog({
		title: selected.length
			? __("Decision for the {0} selected rows", [rows.length])
			: __("Decision for all {0} rows", [rows.length]),
		fields: [
			{
				fieldname: "decision",
				fieldtype: "Select",
				label: __("Decision"),
				options: options,
				reqd: 1,
			},
			{
				fieldname: "new_retention_period",
				fieldtype: "Link",
				label: __("New Retention Period"),
				options: "Retention Period",
				depends_on: "eval:doc.decision === 'Extend'",
				mandatory_depends_on: "eval:doc.decision === 'Extend'",
			},
		],
		primary_action_label: __("Set"),
		primary_action(values) {
			rows.forEach((row) => {
				frappe.model.set_value(row.doctype, row.name, "decision", values.decision);
				frappe.model.set_value(
					row.doctype,
					row.name,
					"new_retention_period",
					values.decision === "Extend" ? values.new_retention_period : null
				);
			});
			frm.refresh_field("items");
			dialog.hide();
		},
	});
	dialog.show();
}
