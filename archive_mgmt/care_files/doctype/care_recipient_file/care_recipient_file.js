frappe.ui.form.on("Care Recipient File", {
	refresh(frm) {
		if (frm.doc.status === "Closed") {
			frm.disable_form();
			frm.set_intro(
				__("This case is closed and archived as {0}: the file is read-only.", [frm.doc.archive_item]),
				"blue"
			);
			return;
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Close Case"), () => frm.trigger("close_case"));
		}
	},

	close_case(frm) {
		if (frm.is_dirty()) {
			frappe.msgprint(__("Save the file before closing the case"));
			return;
		}
		frappe.prompt(
			{
				fieldname: "closing_summary",
				fieldtype: "Small Text",
				label: __("Case Summary"),
				reqd: 1,
				default: frm.doc.closing_summary,
			},
			(values) => {
				frappe
					.xcall("archive_mgmt.api.care_files.close_case", {
						name: frm.doc.name,
						closing_summary: values.closing_summary,
					})
					.then((item) => {
						frappe.show_alert({
							message: __("Case closed; archived as {0}", [item]),
							indicator: "green",
						});
						frm.reload_doc();
					});
			},
			__("Close Case"),
			__("Close and Archive")
		);
	},
});
