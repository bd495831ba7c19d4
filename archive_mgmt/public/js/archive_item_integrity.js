// 四性检测 on demand, from the Archive Item form (loaded through hooks.doctype_js).
frappe.ui.form.on("Archive Item", {
	refresh(frm) {
		if (frm.is_new() || !frm.has_perm("write")) return;
		frm.add_custom_button(__("Run Four-Property Check"), () => {
			frappe.call({
				method: "archive_mgmt.api.preservation.check_item",
				args: { item: frm.doc.name },
				freeze: true,
				callback: ({ message }) => {
					frappe.msgprint({
						title: __("Four-property check: {0}", [message.outcome]),
						message:
							(message.failures || []).map((f) => frappe.utils.escape_html(f)).join("<br>") ||
							message.outcome,
						indicator: message.failures && message.failures.length ? "red" : "green",
					});
					frm.reload_doc();
				},
			});
		});
	},
});
