frappe.ui.form.on("Archive Capture Rule", {
	setup(frm) {
		frm.set_query("source_doctype", () => ({ filters: { is_submittable: 1, istable: 0 } }));
		frm.set_query("print_format", () => ({ filters: { doc_type: frm.doc.source_doctype } }));
		frm.set_query("category", () => ({ filters: { is_group: 0 } }));
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.enabled) {
			frm.add_custom_button(__("New Capture Batch"), () =>
				frappe.new_doc("Capture Batch", { capture_rule: frm.doc.name }),
			);
		}
	},
});
