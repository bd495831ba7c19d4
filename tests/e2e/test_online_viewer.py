"""Flow: a reader views a lent electronic item online (在线阅览). Each page shows the watermark burned into
its pixels, there is no way to the original file, and the view ends as soon as the item is returned."""

from urllib.parse import quote

import frappe
from frappe.model.workflow import apply_workflow
from playwright.sync_api import expect

from tests.e2e import seed
from tests.integration.integrity_factories import pdf_bytes

# The share of the shown page's pixels where red clearly dominates: the watermark's ink (the page is blank).
RED_SHARE = """() => {
	const img = document.querySelector('.archive-viewer-page');
	const canvas = document.createElement('canvas');
	canvas.width = img.naturalWidth;
	canvas.height = img.naturalHeight;
	const ctx = canvas.getContext('2d');
	ctx.drawImage(img, 0, 0);
	const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
	let red = 0;
	for (let i = 0; i < d.length; i += 4) if (d[i] - d[i + 1] > 25 && d[i] - d[i + 2] > 25) red++;
	return red / (canvas.width * canvas.height);
}"""


def as_user(user: str, doc: dict, action: str):
	frappe.set_user(user)
	try:
		return apply_workflow(doc, action)
	finally:
		frappe.set_user("Administrator")


def lent_electronic_item(people, tag: str):
	"""A filed 秘密 electronic item (a blank 3-page PDF) lent to the borrower for reading (阅览), issued."""
	frappe.set_user("Administrator")
	item = seed.item(f"{tag}电子公文", carrier="电子", secrecy_level="秘密", pages=3)
	original = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{tag}正文.pdf",
			"attached_to_doctype": "Archive Item",
			"attached_to_name": item.name,
			"content": pdf_bytes(3),
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	apply_workflow(item.as_dict(), "File to Archive")
	frappe.db.commit()
	frappe.set_user(people.borrower)
	loan = frappe.get_doc(
		{
			"doctype": "Loan Request",
			"borrower_type": "Internal",
			"purpose": f"{tag}查阅电子公文",
			"use_mode": "阅览",
			"start_date": frappe.utils.today(),
			"due_date": seed.in_days(7),
			"items": [{"archive_item": item.name}],
		}
	).insert()
	loan = apply_workflow(loan.as_dict(), "Submit")
	for approver in (people.director, people.leader, loan.secrecy_approver or people.principal):
		if loan.workflow_state == "Approved":
			break
		loan = as_user(approver, loan.as_dict(), "Approve")  # the last: the secrecy approval (秘密)
	loan = as_user(people.manager, loan.as_dict(), "Issue Items")
	frappe.db.commit()
	assert loan.workflow_state == "Issued"
	return item.name, original, loan.name


def test_reader_views_a_lent_item_with_the_watermark_and_loses_it_on_return(desk, people, shot):
	tag = seed.token()
	item, original, loan = lent_electronic_item(people, tag)

	reader = desk(people.borrower)
	reader.open_form("Loan Request", loan)
	expect(reader.page.get_by_role("button", name="在线阅览")).to_be_visible()
	reader.open_form("Archive Item", item)
	reader.page.get_by_role("button", name="在线阅览").click()
	sheet = reader.page.locator(".archive-viewer-page[data-page='1']")
	sheet.wait_for()
	viewer = reader.page.locator(".archive-viewer")
	expect(viewer).to_contain_text(f"借阅单 {loan}")
	expect(viewer).to_contain_text("利用方式：阅览")
	expect(viewer).to_contain_text("仅限阅览，不得复制")
	expect(viewer).to_contain_text("第 1 页，共 3 页")
	expect(viewer).to_contain_text(f"水印：借阅人 借阅人 {people.borrower}")
	expect(viewer).to_contain_text(f"借阅单 {loan}")
	assert reader.js(RED_SHARE) > 0.01  # the blank page, marked in its pixels

	reader.page.get_by_role("button", name="下一页").click()
	reader.page.locator(".archive-viewer-page[data-page='2']").wait_for()
	expect(viewer).to_contain_text("第 2 页，共 3 页")
	# Reading only: no copy to print or download, and the original file is refused at its address.
	expect(reader.page.get_by_role("button", name="下载水印副本")).to_have_count(0)
	expect(reader.page.locator(".page-actions button:visible", has_text="打印")).to_have_count(0)
	assert reader.page.request.get(quote(original.file_url)).status == 403
	assert (
		reader.page.request.get(f"/api/method/download_file?file_url={quote(original.file_url)}").status
		== 403
	)
	reader.check_words("online viewer")
	shot(reader, "online-viewer-page-2")

	# The archive manager receives the item back while the reader is on page 2: the next page is refused.
	returned = seed.fresh("Loan Request", loan)
	as_user(people.manager, returned.as_dict(), "Return Items")
	frappe.db.commit()
	reader.allow_errors("403", "view_page")
	reader.allow_errors("OnlineViewEndedError")
	reader.page.get_by_role("button", name="下一页").click()
	expect(reader.page.locator(".modal.show .msgprint").first).to_contain_text("该档案已归还")
	expect(viewer).to_contain_text("在线阅览已结束")
	expect(reader.page.locator(".archive-viewer-page[data-page]")).to_have_count(0)
	expect(reader.page.locator(".archive-viewer-sheet")).to_be_hidden()
	logged = frappe.get_all(
		"Archive Access Log",
		filters={"reference_name": item, "user": people.borrower, "action": "查看"},
		pluck="detail",
	)
	assert sorted(d.split("，")[0] for d in logged if d) == [  # (the form's own view has no detail)
		f"在线阅览 {original.file_name} 第 1 页（共 3 页）",
		f"在线阅览 {original.file_name} 第 2 页（共 3 页）",
	]
	shot(reader)
