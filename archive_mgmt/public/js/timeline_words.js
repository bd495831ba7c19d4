// What Frappe's form timeline prints about the app's fields, in the user's language (hooks.app_include_js).
// - A changed value in a child table is named by frappe.meta.get_label, which gives the label untranslated
//   ("Decision" on 销毁批次): for the app's DocTypes it is translated here, under the DocType as context, as
//   the form translates its own fields.
// - An empty old or new value reaches frappe.utils.html2text as null, which printed "null": it prints as
//   empty, the way an emptied text field already shows.
(() => {
	const ours = (doctype) => {
		const meta = doctype && locals.DocType && locals.DocType[doctype];
		return Boolean(
			meta && (frappe.boot.module_app || {})[frappe.scrub(meta.module || "")] === "archive_mgmt",
		);
	};

	const get_label = frappe.meta.get_label;
	frappe.meta.get_label = function (doctype, fieldname, docname) {
		const label = get_label.call(this, doctype, fieldname, docname);
		return ours(doctype) ? __(label, null, doctype) : label;
	};

	const html2text = frappe.utils.html2text;
	frappe.utils.html2text = function (html) {
		return html === null || html === undefined ? "" : html2text.call(this, html);
	};
})();
