frappe.ui.form.on("Declassification Review", {
	setup(frm) {
		frm.set_query("archive_item", "items", () => ({
			filters: { status: ["in", ["Filed", "On Loan"]] },
		}));
	},

	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Reject") return;
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Rejection Reason"), reqd: 1 },
				(values) => {
					frappe.db
						.set_value(frm.doctype, frm.doc.name, "rejection_reason", values.reason)
						.then(() => {
							frappe.dom.freeze();
							resolve();
						});
				},
				__("Reject"),
				__("Reject")
			);
		});
	},
});
