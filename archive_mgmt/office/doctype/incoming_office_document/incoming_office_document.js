// 收文: 归档 (once 办结), 确认已阅 for a reader it is circulated to, 督办反馈 for the handler.
frappe.ui.form.on("Incoming Office Document", {
	refresh(frm) {
		if (frm.is_new()) return;
		const me = frappe.session.user;
		const reading = (frm.doc.readers || []).find((r) => r.user === me && !r.confirmed);
		if (reading) {
			frm.add_custom_button(__("Confirm Read"), () =>
				frappe
					.call("archive_mgmt.api.office.confirm_read", { name: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
		const open_rounds = (frm.doc.supervision_rounds || []).filter((r) => !r.feedback_on);
		if (frm.doc.is_supervised && open_rounds.length && frm.doc.handler === me) {
			frm.add_custom_button(__("Give Feedback"), () => give_feedback(frm, open_rounds[0]));
		}
		archive_button(frm);
	},
});

function give_feedback(frm, round) {
	frappe.prompt(
		[{ fieldname: "feedback", fieldtype: "Small Text", label: __("Feedback", null, "Office Supervision Round"), reqd: 1 }],
		(values) =>
			frappe
				.call("archive_mgmt.api.office.give_feedback", {
					name: frm.doc.name,
					round_name: round.name,
					feedback: values.feedback,
				})
				.then(() => frm.reload_doc()),
		round.requirement
	);
}

function archive_button(frm) {
	if (frm.doc.docstatus !== 1 || !frm.doc.within_filing_scope) return;
	if (frm.doc.archive_item) {
		frm.set_intro(__("Archived as {0}", [frm.doc.archive_item]), "green");
		return;
	}
	if (!frappe.user.has_role(["Registry Clerk", "Office Director", "Archive Manager", "System Manager"])) return;
	frm.add_custom_button(__("File to Archive"), () =>
		frappe
			.call("archive_mgmt.api.office.archive", { doctype: frm.doctype, name: frm.doc.name })
			.then(() => frm.reload_doc())
	).addClass("btn-primary");
}
