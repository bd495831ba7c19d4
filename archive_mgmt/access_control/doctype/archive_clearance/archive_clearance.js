// The security officer (安全保密员) grants the archive's roles from the user's clearance record: Frappe's
// User form is the System Manager's, who may not grant them (三员分立).
frappe.ui.form.on("Archive Clearance", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role("Security Officer")) return;
		frm.add_custom_button(__("Archive Roles"), () => {
			frappe
				.call("archive_mgmt.api.access_control.archive_roles_of", { user: frm.doc.user })
				.then(({ message }) => {
					const dialog = new frappe.ui.Dialog({
						title: __("Archive Roles"),
						fields: [
							{
								fieldname: "roles",
								fieldtype: "MultiCheck",
								label: __("Archive Roles"),
								options: message.roles.map((role) => ({
									label: __(role),
									value: role,
									checked: message.held.includes(role),
								})),
							},
						],
						primary_action_label: __("Save"),
						primary_action(values) {
							frappe
								.call({
									method: "archive_mgmt.api.access_control.grant_archive_roles",
									args: { user: frm.doc.user, roles: values.roles || [] },
								})
								.then(() => {
									dialog.hide();
									frappe.show_alert({ message: __("Archive roles saved"), indicator: "green" });
								});
						},
					});
					dialog.show();
				});
		});
	},
});
