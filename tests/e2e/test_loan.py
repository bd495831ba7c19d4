"""Flow 2: a borrower requests a loan, the office director and the leader approve with the workflow
buttons, the archive manager issues the items and receives them back, the borrower records the effect."""

from playwright.sync_api import expect

from tests.e2e import seed


def test_loan_from_request_to_utilization_record(desk, people, shot):
	tag = seed.token()
	item = seed.filed_item(f"{tag}项目合同")

	borrower = desk(people.borrower)
	borrower.new_form("Loan Request")
	borrower.fill("purpose", f"{tag}核对合同条款")
	borrower.fill_date("due_date", seed.in_days(14))
	borrower.select("use_mode", "借出")  # taken out of the archive room, not read in it
	row = borrower.add_row("items")
	borrower.fill_row("items", row, "archive_item", item.name, link=True)
	loan = borrower.save()
	borrower.action("提交")
	borrower.expect_indicator("待办公室主任审核")

	for person in (people.director, people.leader):
		approver = desk(person)
		approver.open_form("Loan Request", loan)
		approver.action("批准")
	approver.expect_indicator("已批准")

	manager = desk(people.manager)
	manager.open_form("Loan Request", loan)
	manager.action("出借")
	manager.expect_indicator("已出借")
	assert seed.fresh("Archive Item", item.name).status == "On Loan"
	manager.action("归还")
	manager.expect_indicator("已归还")
	assert seed.fresh("Archive Item", item.name).status == "Filed"

	borrower.open_form("Loan Request", loan)
	borrower.page.get_by_role("button", name="填写利用效果登记").click()
	borrower.page.wait_for_function(
		"() => cur_frm.doctype === 'Utilization Effect Record' && cur_frm.doc.items.filter((r) => r.archive_item).length === 1"
	)
	borrower.select("effect", "凭证")
	borrower.fill("description", "据合同原件核实了付款条款，避免了一次争议。")
	record = borrower.save()
	assert seed.fresh("Loan Request", loan).effect_record == record
	expect(borrower.control("loan_request")).to_contain_text(loan)
	expect(borrower.control("borrower_type")).to_contain_text("本单位")  # not the raw option "Internal"
	expect(borrower.control("secrecy_level")).to_contain_text("所利用文件的最高密级")
	borrower.check_words("effect record")
	shot(borrower)
