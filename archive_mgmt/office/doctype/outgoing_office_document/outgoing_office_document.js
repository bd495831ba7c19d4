// 发文: 会签 by the countersigner of a unit while it is out for countersigning; 归档 once 办结.
frappe.ui.form.on("Outgoing Office Document", {
	refresh(frm) {
		if (frm.is_new()) return;
		const me = frappe.session.user;
		const mine = (frm.doc.countersigns || []).find((r) => r.user === me && !r.done);
		if (frm.doc.workflow_state === "Countersigning" && mine) {
			frm.add_custom_button(__("Countersign"), () =>
				frappe.prompt(
					[{ fieldname: "opinion", fieldtype: "Small Text", label: __("Countersign Opinion"), reqd: 1 }],
					(values) =>
						frappe
							.call("archive_mgmt.api.office.countersign", { name: frm.doc.name, opinion: values.opinion })
							.then(() => frm.reload_doc()),
					__("Countersign")
				)
			);
		}
		if (frm.doc.docstatus === 1 && frm.doc.within_filing_scope) {
			if (frm.doc.archive_item) {
				frm.set_intro(__("Archived as {0}", [frm.doc.archive_item]), "green");
			} else if (frappe.user.has_role(["Registry Clerk", "Office Director", "Archive Manager", "System Manager"])) {
				frm.add_custom_button(__("File to Archive"), () =>
					frappe
						.call("archive_mgmt.api.office.archive", { doctype: frm.doctype, name: frm.doc.name })
						.then(() => frm.reload_doc())
				).addClass("btn-primary");
			}
		}
	},
});
