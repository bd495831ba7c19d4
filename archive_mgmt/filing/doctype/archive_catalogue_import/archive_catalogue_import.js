frappe.ui.form.on("Archive Catalogue Import", {
	refresh(frm) {
		frm.add_custom_button(__("Download Catalogue Template"), () => {
			window.open("/api/method/archive_mgmt.api.filing.download_template");
		});
		if (!frm.is_new() && frm.doc.import_file && frm.doc.import_status !== "Import Completed") {
			frm.add_custom_button(__("Start Catalogue Import"), () => {
				frm.call({
					method: "archive_mgmt.api.filing.start_import",
					args: { name: frm.doc.name },
					freeze: true,
				}).then(() => frm.reload_doc());
			}).addClass("btn-primary");
		}
		frappe.realtime.off("progress");
		frappe.realtime.on("progress", (data) => {
			if (data.percent >= 100) frm.reload_doc();
		});
	},
});
