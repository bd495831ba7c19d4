{% include "archive_mgmt/public/js/unit_scope.js" %}

frappe.ui.form.on("Archive Item", {
	setup(frm) {
		frm.set_query("filing_unit", () => ({
			filters: archive_mgmt.unit_scope.filters(
				frm,
				frm.doc.fonds ? { fonds: ["in", [frm.doc.fonds, ""]], disabled: 0 } : { disabled: 0 }
			),
		}));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.year) frm.set_value("year", new Date().getFullYear());
		archive_mgmt.unit_scope.set_default(frm);
	},

	refresh(frm) {
		frm.trigger("lock_secrecy");
		frm.trigger("add_online_viewer_button");
		frm.trigger("add_report_source_button");
		if (!frm.is_new() && !frm.doc.reference_code && frm.doc.status === "Draft") {
			frappe
				.xcall("archive_mgmt.api.filing.preview_reference_code", { name: frm.doc.name })
				.then((code) => {
					// show_message appends: a second refresh before this answer would print the line twice
					frm.dashboard.clear_headline();
					if (code) {
						frm.dashboard.set_headline(__("Reference code if filed now: {0}", [code]));
					}
				});
		}
	},

	add_online_viewer_button(frm) {
		// An issued loan of the user holds the item out: its files are read online, watermarked.
		const loans = (frm.doc.__onload || {}).online_loans || [];
		if (!loans.length) return;
		frm.add_custom_button(__("Online Viewer"), () => {
			frappe.route_options = { loan: loans[0], item: frm.doc.name };
			frappe.set_route("archive-viewer");
		}).addClass("btn-primary");
	},

	add_report_source_button(frm) {
		// A report's output has no document to open: the report opens with the filters it was captured with.
		if (frm.is_new() || frm.doc.source_doctype !== "Report" || !frm.doc.capture_rule) return;
		frm.add_custom_button(__("Open Report as Captured"), () =>
			frappe
				.xcall("archive_mgmt.api.capture.report_source", { item: frm.doc.name })
				.then(({ report, filters }) => {
					frappe.route_options = filters;
					frappe.set_route("query-report", report);
				})
		);
	},

	lock_secrecy(frm) {
		// Once filed, secrecy level and open status change only through a Declassification Review.
		const filed = !frm.is_new() && frm.doc.status && frm.doc.status !== "Draft";
		for (const field of ["secrecy_level", "open_status"]) {
			frm.set_df_property(field, "read_only", filed ? 1 : 0);
			frm.set_df_property(
				field,
				"description",
				filed ? __("Changed only through a Declassification Review") : ""
			);
		}
		if (filed && ["Filed", "On Loan"].includes(frm.doc.status) && frappe.model.can_create("Declassification Review")) {
			frm.add_custom_button(__("Propose Declassification"), () => {
				frappe.model.with_doctype("Declassification Review", () => {
					const review = frappe.model.get_new_doc("Declassification Review");
					frappe.model.add_child(review, "items").archive_item = frm.doc.name;
					frappe.set_route("Form", "Declassification Review", review.name);
				});
			});
		}
	},

	category(frm) {
		frm.trigger("suggest_retention");
	},

	title(frm) {
		frm.trigger("suggest_retention");
	},

	suggest_retention(frm) {
		if (!frm.doc.category || frm.doc.status !== "Draft") return;
		frappe
			.xcall("archive_mgmt.api.filing.retention_default", {
				category: frm.doc.category,
				title: frm.doc.title,
			})
			.then((rule) => {
				if (!rule || !rule.retention_period) return;
				frm.set_value("retention_period", rule.retention_period);
				if (frm.is_new() && rule.secrecy_level) frm.set_value("secrecy_level", rule.secrecy_level);
			});
	},

	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return for Correction") return;
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Return Reason"), reqd: 1 },
				(values) => {
					frappe.db
						.set_value(frm.doctype, frm.doc.name, "return_reason", values.reason)
						.then(() => {
							frappe.dom.freeze();
							resolve();
						});
				},
				__("Return for Correction"),
				__("Return for Correction")
			);
		});
	},
});
