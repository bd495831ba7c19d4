"""Whitelisted methods of online use (在线利用): the desk page 在线阅览 (archive-viewer) calls these.

Each checks who asks through utilization.online_use.open_loan: the loan must be the caller's, issued, and
still hold the item out; a copy needs a loan approved for 复制.
"""

import frappe

from archive_mgmt.utilization import online_use


@frappe.whitelist()
def viewer_context(loan: str | None = None, item: str | None = None) -> dict:
	"""The loan (or the caller's loan holding the item), its items open online and their files."""
	return online_use.context(loan, item)


@frappe.whitelist()
def view_page(loan: str, item: str, file: str, page: int | str = 1) -> dict:
	"""One page of the file, watermarked, as a PNG data URL (logged as 查看)."""
	return online_use.view_page(loan, item, file, page)


@frappe.whitelist(methods=["GET"])
def print_copy(loan: str, item: str, file: str, first: str | None = None, last: str | None = None) -> None:
	"""The watermarked PDF, shown in the browser to print (logged as 打印); a loan approved for 复制 only."""
	_send(*online_use.copy_pdf(loan, item, file, first, last, printing=True), inline=True)


@frappe.whitelist(methods=["GET"])
def download_copy(loan: str, item: str, file: str, first: str | None = None, last: str | None = None) -> None:
	"""The watermarked PDF as a download (logged as 下载); a loan approved for 复制 only."""
	_send(*online_use.copy_pdf(loan, item, file, first, last), inline=False)


def _send(file_name: str, content: bytes, inline: bool) -> None:
	frappe.local.response.filename = file_name
	frappe.local.response.filecontent = content
	frappe.local.response.content_type = "application/pdf"
	frappe.local.response.display_content_as = "inline" if inline else "attachment"
	frappe.local.response.type = "download"
