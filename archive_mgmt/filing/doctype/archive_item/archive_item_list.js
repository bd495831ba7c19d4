{% include "archive_mgmt/public/js/catalogue_exports.js" %}

frappe.listview_settings["Archive Item"] = {
	add_fields: ["status", "workflow_state"],
	// Read as the 归档文件目录: 题名, 状态 and 档号 (which holds the year); the hash-like ID adds nothing.
	hide_name_column: true,
	get_indicator(doc) {
		const colours = {
			Draft: "gray",
			Filed: "green",
			"On Loan": "orange",
			Destroyed: "red",
			Transferred: "blue",
		};
		return [__(doc.status, null, "Archive Item"), colours[doc.status] || "gray", "status,=," + doc.status];
	},

	onload(listview) {
		const selected = () => listview.get_checked_items(true);
		const add = (label, action) => listview.page.add_actions_menu_item(label, () => action(selected()), false);

		add(__("Add to Loan Request"), (items) => archive_mgmt_bulk.add_to_loan_request(items));
		add(__("Add to Destruction Batch"), (items) =>
			archive_mgmt_bulk.choose_and_add(items, "Destruction Batch", {
				method: "archive_mgmt.api.appraisal.add_items",
				args: (name) => ({ batch: name, items }),
				filters: { workflow_state: ["in", ["Draft", "Appraisal"]] },
			})
		);
		add(__("Add to Handover List"), (items) =>
			archive_mgmt_bulk.choose_and_add(items, "Handover List", { filters: { workflow_state: "Draft" } })
		);
		add(__("Add to Dossier"), (items) => archive_mgmt_bulk.choose_and_add(items, "Dossier", {}));
		add(__("Print Archival Stamps"), (items) => archive_mgmt_bulk.print(items, "归档章"));
		add(__("Print Box Labels"), (items) => archive_mgmt_bulk.print(items, "档案盒标签"));

		const exports = archive_mgmt.catalogue_exports;
		listview.page.add_inner_button(__("Filing Catalogue"), () =>
			exports.filing_catalogue(
				exports.from_list_filters(listview, ["fonds", "year", "retention_period", "filing_unit"])
			)
		, __("Export Catalogue"));
	},
};

const archive_mgmt_bulk = {
	// A new draft loan request with the selected items, or the selected items added to a draft of the user's.
	add_to_loan_request(items) {
		frappe.prompt(
			{
				fieldname: "name",
				fieldtype: "Link",
				options: "Loan Request",
				label: __("Loan Request"),
				description: __("Leave empty to start a new loan request"),
				get_query: () => ({ filters: { workflow_state: "Draft", owner: frappe.session.user } }),
			},
			(values) => {
				if (values.name) {
					archive_mgmt_bulk.add(items, "Loan Request", values.name);
					return;
				}
				frappe.model.with_doctype("Loan Request", () => {
					const doc = frappe.model.get_new_doc("Loan Request");
					items.forEach((item) => {
						frappe.model.add_child(doc, "items").archive_item = item;
					});
					frappe.set_route("Form", "Loan Request", doc.name);
				});
			},
			__("Add to Loan Request"),
			__("Add")
		);
	},

	choose_and_add(items, doctype, { method, args, filters }) {
		frappe.prompt(
			{
				fieldname: "name",
				fieldtype: "Link",
				options: doctype,
				label: __(doctype),
				reqd: 1,
				get_query: () => ({ filters: filters || {} }),
			},
			(values) => archive_mgmt_bulk.add(items, doctype, values.name, method, args && args(values.name)),
			__("Add to {0}", [__(doctype)]),
			__("Add")
		);
	},

	add(items, doctype, name, method, args) {
		frappe
			.call({
				method: method || "archive_mgmt.api.filing.add_items",
				args: args || { doctype, name, items },
				freeze: true,
			})
			.then(({ message }) => {
				const refused = (message.refused || []).map((r) => `${r.archive_item}: ${r.message}`);
				const lines = [__("{0} item(s) added to {1}", [message.added.length, name])];
				if (refused.length) lines.push(__("Refused:") + "<br>" + refused.join("<br>"));
				frappe.msgprint({
					title: __("Added"),
					message: lines.join("<br>"),
					indicator: refused.length ? "orange" : "green",
					primary_action: {
						label: __("Open {0}", [name], "Archive Item"),
						action: () => frappe.set_route("Form", doctype, name),
					},
				});
			});
	},

	print(items, print_format) {
		if (!items.length) {
			frappe.msgprint(__("Select at least one archive item"));
			return;
		}
		const query = new URLSearchParams({ items: JSON.stringify(items), print_format });
		window.open(`/api/method/archive_mgmt.api.filing.print_selection?${query}`);
	},
};
