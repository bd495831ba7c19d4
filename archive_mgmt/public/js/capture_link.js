// The archive items captured from a business document, on the document's own form (hooks.app_include_js):
// any DocType a capture rule names (frappe.boot.archive_capture_doctypes) shows 已归档 with a link to each
// item the user may see. Capture rules can name any submittable DocType, so this hooks every form refresh.
$(document).on("form-refresh", (_event, frm) => {
	const doctypes = frappe.boot.archive_capture_doctypes || [];
	if (!frm || frm.is_new() || !doctypes.includes(frm.doctype) || frm.doc.docstatus === 0) return;
	frappe
		.call({
			method: "archive_mgmt.api.capture.archived_items",
			args: { doctype: frm.doctype, name: frm.doc.name },
		})
		.then(({ message: items }) => {
			if (!items || !items.length) return;
			const links = items
				.map((item) => {
					const label = item.reference_code || item.name;
					const cancelled = item.source_cancelled ? ` (${__("source cancelled")})` : "";
					return `<a href="/app/archive-item/${encodeURIComponent(item.name)}">${frappe.utils.escape_html(label)}</a>${cancelled}`;
				})
				.join("、");
			frm.dashboard.set_headline_alert(
				`<span class="indicator green">${__("Archived", null, "Archive Item")}</span> ${__("Archive Item")}: ${links}`,
			);
		});
});
