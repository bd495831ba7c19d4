frappe.ui.form.on("Capture Batch", {
	refresh(frm) {
		if (frm.is_new() || ["Queued", "Running"].includes(frm.doc.status)) return;
		const label =
			frm.doc.status === "Draft"
				? __("Start Capture")
				: frm.doc.error_count
					? __("Retry Errors")
					: __("Capture New Documents");
		frm.add_custom_button(label, () =>
			frappe
				.call({ method: "archive_mgmt.api.capture.start_batch", args: { name: frm.doc.name } })
				.then(() => frm.reload_doc()),
		);
	},
});
