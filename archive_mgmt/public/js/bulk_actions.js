// The bulk actions on a selection of Archive Items (api/filing.py add_items, api/appraisal.py add_items,
// print_selection): add to a loan request, destruction batch, handover list or dossier, print stamps or box
// labels. Included by the Archive Item list and the 档案检索 page.
frappe.provide("archive_mgmt");

archive_mgmt.bulk = {
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
					archive_mgmt.bulk.add(items, "Loan Request", values.name);
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
			(values) => archive_mgmt.bulk.add(items, doctype, values.name, method, args && args(values.name)),
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

// The "add the selection to …" actions, as the list's 操作 menu and the search page show them.
archive_mgmt.bulk.add_actions = [
	[__("Add to Loan Request"), (items) => archive_mgmt.bulk.add_to_loan_request(items)],
	[
		__("Add to Destruction Batch"),
		(items) =>
			archive_mgmt.bulk.choose_and_add(items, "Destruction Batch", {
				method: "archive_mgmt.api.appraisal.add_items",
				args: (name) => ({ batch: name, items }),
				filters: { workflow_state: ["in", ["Draft", "Appraisal"]] },
			}),
	],
	[
		__("Add to Handover List"),
		(items) =>
			archive_mgmt.bulk.choose_and_add(items, "Handover List", { filters: { workflow_state: "Draft" } }),
	],
	[__("Add to Dossier"), (items) => archive_mgmt.bulk.choose_and_add(items, "Dossier", {})],
];
