"""The app's whitelisted methods, one file per area; each checks the caller's permission itself."""

import frappe


def send_file(filename: str, content: bytes) -> None:
	"""Answer the request with a file download (Excel workbooks, registers)."""
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"
