frappe.ui.form.on("Backup Set", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (!frm.doc.package) {
			frm.add_custom_button(__("Make Package"), () =>
				frappe.call({
					method: "archive_mgmt.api.preservation.make_package",
					args: { backup_set: frm.doc.name },
					freeze: true,
					callback: ({ message }) => {
						frappe.show_alert({ message: __("Package made: {0} items, {1} files", [message.items, message.files]), indicator: "green" });
						frm.reload_doc();
					},
				})
			);
		} else {
			frm.add_custom_button(__("Verify Package"), () =>
				frappe.call({
					method: "archive_mgmt.api.preservation.verify_backup_set",
					args: { backup_set: frm.doc.name },
					freeze: true,
					callback: () => {
						frappe.show_alert({ message: __("Package verified: the manifests match every file"), indicator: "green" });
						frm.reload_doc();
					},
				})
			);
		}
	},
});
