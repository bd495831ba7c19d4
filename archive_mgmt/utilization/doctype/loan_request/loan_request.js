frappe.ui.form.on("Loan Request", {
	setup(frm) {
		frm.set_query("archive_item", "items", () => ({ query: "archive_mgmt.api.utilization.lendable_items" }));
	},

	refresh(frm) {
		frm.trigger("add_effect_record_button");
		frm.trigger("add_online_viewer_button");
		const out = (frm.doc.items || []).filter((r) => r.issued_on && !r.returned_on);
		if (frm.doc.workflow_state !== "Issued" || !out.length) return;
		if (!frappe.user.has_role("Archive Manager")) return;
		frm.add_custom_button(__("Receive Some Items"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Receive Some Items"),
				fields: [
					{
						fieldname: "items",
						fieldtype: "MultiSelectList",
						label: __("Items"),
						reqd: 1,
						get_data: () =>
							out.map((r) => ({
								value: r.archive_item,
								description: r.reference_code || r.item_title,
							})),
					},
					{
						fieldname: "condition",
						fieldtype: "Select",
						label: __("Condition on Return"),
						options: "完整\n损坏\n缺页",
						default: "完整",
						reqd: 1,
					},
					{ fieldname: "notes", fieldtype: "Small Text", label: __("Return Notes") },
				],
				primary_action_label: __("Receive"),
				primary_action(values) {
					frappe
						.call("archive_mgmt.api.utilization.return_items", {
							loan: frm.doc.name,
							items: values.items,
							condition: values.condition,
							notes: values.notes,
						})
						.then(() => {
							dialog.hide();
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
	},

	add_online_viewer_button(frm) {
		// The borrower reads the files of the items still out online, watermarked, while the loan is issued.
		const out = (frm.doc.items || []).some((r) => r.issued_on && !r.returned_on);
		const requester = [frm.doc.owner, frm.doc.borrower].includes(frappe.session.user);
		if (frm.doc.workflow_state !== "Issued" || !out || !requester) return;
		frm.add_custom_button(__("Online Viewer"), () => {
			frappe.route_options = { loan: frm.doc.name };
			frappe.set_route("archive-viewer");
		});
	},

	add_effect_record_button(frm) {
		const used = ["Issued", "Items Returned"].includes(frm.doc.workflow_state);
		const requester = [frm.doc.owner, frm.doc.borrower].includes(frappe.session.user);
		if (!used || frm.doc.effect_record || !requester) return;
		frm.add_custom_button(__("Fill Utilization Effect Record"), () => {
			frappe.new_doc("Utilization Effect Record", { loan_request: frm.doc.name });
		}).addClass("btn-primary");
	},
});
