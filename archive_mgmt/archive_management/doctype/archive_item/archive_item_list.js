frappe.listview_settings["Archive Item"] = {
	add_fields: ["status", "workflow_state"],
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
};
