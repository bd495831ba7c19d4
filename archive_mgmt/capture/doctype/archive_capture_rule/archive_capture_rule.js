frappe.ui.form.on("Archive Capture Rule", {
	setup(frm) {
		frm.set_query("source_doctype", () => ({ filters: { is_submittable: 1, istable: 0 } }));
		frm.set_query("print_format", () => ({ filters: { doc_type: frm.doc.source_doctype } }));
		frm.set_query("report", () => ({
			filters: { report_type: ["in", ["Script Report", "Query Report"]] },
		}));
	},
	refresh(frm) {
		if (!frm.is_new() && frm.doc.enabled) {
			frm.add_custom_button(__("New Capture Batch"), () =>
				frappe.new_doc("Capture Batch", { capture_rule: frm.doc.name }),
			);
		}
		if (frm.doc.source_doctype && frm.doc.source_kind !== "Report Output") {
			frm.add_custom_button(__("Edit Condition"), () => edit_condition(frm));
		}
	},
	after_save() {
		// the source forms of this session show their archive items at once (capture_link.js)
		frappe
			.xcall("archive_mgmt.api.capture.captured_doctypes")
			.then((doctypes) => (frappe.boot.archive_capture_doctypes = doctypes));
	},
});

// The condition in Frappe's own filter editor, stored as its filter list.
function edit_condition(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Condition", null, "Archive Capture Rule"),
		fields: [{ fieldtype: "HTML", fieldname: "filters" }],
		primary_action_label: __("Set"),
		primary_action() {
			const filters = group.get_filters().map((f) => f.slice(1, 4));
			frm.set_value("condition", filters.length ? JSON.stringify(filters) : "");
			dialog.hide();
		},
	});
	const group = new frappe.ui.FilterGroup({
		parent: dialog.get_field("filters").$wrapper,
		doctype: frm.doc.source_doctype,
		on_change() {},
	});
	frappe.model.with_doctype(frm.doc.source_doctype, () => {
		const current = frm.doc.condition ? JSON.parse(frm.doc.condition) : [];
		group.add_filters_to_filter_group(current.map((f) => [frm.doc.source_doctype, ...f]));
	});
	dialog.show();
}
