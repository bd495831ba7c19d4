frappe.ui.form.on("Utilization Effect Record", {
	refresh(frm) {
		if (frm.is_new()) frm.trigger("fill_from_loan");
	},

	loan_request(frm) {
		frm.trigger("fill_from_loan");
	},

	// The record covers the loan's items: list them for the borrower, who then says what the use achieved.
	fill_from_loan(frm) {
		if (!frm.doc.loan_request || (frm.doc.items || []).some((row) => row.archive_item)) return;
		frappe.db.get_doc("Loan Request", frm.doc.loan_request).then((loan) => {
			frm.clear_table("items");
			(loan.items || [])
				.filter((row) => row.archive_item)
				.forEach((row) => frm.add_child("items", { archive_item: row.archive_item }));
			frm.refresh_field("items");
			if (!frm.doc.purpose) frm.set_value("purpose", loan.purpose);
		});
	},
});
