// The item's 全文 tab: each file's text by page (api/search.py full_text), with how it was read, the OCR
// confidence or why it could not be read; the archivist opens a file's text to correct it.
frappe.ui.form.on("Archive Item", {
	refresh(frm) {
		const field = frm.get_field("full_text_html");
		if (!field || frm.is_new()) return;
		frappe.call({ method: "archive_mgmt.api.search.full_text", args: { item: frm.doc.name } }).then(({ message }) => {
			const esc = frappe.utils.escape_html;
			const html = (message || []).map((t) => {
				const pages = t.pages
					.map(
						(p) => `<div class="archive-full-text-page" style="margin:6px 0">
							<div class="text-muted small">${__("Page {0}", [p.page])}${
								p.confidence !== null && p.confidence !== undefined && !p.corrected
									? " · " + __("OCR Confidence") + " " + p.confidence + "%"
									: ""
							}${p.corrected ? " · " + __("Corrected") : ""}</div>
							<div style="white-space:pre-wrap">${esc(p.text || "")}</div></div>`
					)
					.join("");
				return `<div class="archive-full-text" style="margin-bottom:16px">
					<div><a href="/app/archive-full-text/${encodeURIComponent(t.name)}"><b>${esc(t.file_name || t.name)}</b></a>
					· ${__(t.status)}${t.method ? " · " + __(t.method) : ""}${
						t.confidence ? " · " + __("OCR Confidence") + " " + t.confidence + "%" : ""
					}</div>
					${t.reason ? `<div class="text-danger">${esc(t.reason)}</div>` : ""}${pages}</div>`;
			});
			field.$wrapper.html(html.join("") || `<div class="text-muted">${__("No file text yet")}</div>`);
		});
	},
});
