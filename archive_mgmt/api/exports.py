"""The catalogue exports as Excel downloads: 归档文件目录, 案卷目录, 卷内目录 and 移交清单.

Each method checks the caller's permission and every argument before it builds the workbook
(archive_mgmt/exports.py); the list and form buttons (public/js/catalogue_exports.js) call them.
"""

import frappe

from archive_mgmt import exports, inputs


def send(filename: str, content: bytes) -> None:
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


@frappe.whitelist()
def download_filing_catalogue(
	fonds: str, year: int | str, retention_period: str, filing_unit: str | None = None
) -> None:
	"""归档文件目录 of one fonds, year and retention period, optionally one filing unit."""
	frappe.has_permission("Archive Item", "export", throw=True)
	fonds = inputs.existing("Fonds", fonds)
	year = inputs.year(year)
	retention_period = inputs.existing("Retention Period", retention_period)
	filing_unit = inputs.existing("Filing Unit", filing_unit, required=False)
	send(
		f"归档文件目录-{fonds}-{year}-{retention_period}.xlsx",
		exports.build_filing_catalogue(fonds, year, retention_period, filing_unit),
	)


@frappe.whitelist()
def download_dossier_catalogue(fonds: str, year: int | str | None = None) -> None:
	"""案卷目录 of one fonds, optionally one year."""
	frappe.has_permission("Dossier", "export", throw=True)
	fonds = inputs.existing("Fonds", fonds)
	year = inputs.year(year, required=False)
	send(f"案卷目录-{fonds}{f'-{year}' if year else ''}.xlsx", exports.build_dossier_catalogue(fonds, year))


@frappe.whitelist()
def download_dossier_contents(dossier: str) -> None:
	"""卷内目录 of one dossier."""
	doc = frappe.get_doc("Dossier", inputs.existing("Dossier", dossier))
	doc.check_permission("read")
	send(f"卷内目录-{doc.reference_code or doc.name}.xlsx", exports.build_dossier_contents(doc.name))


@frappe.whitelist()
def download_handover_list(name: str) -> None:
	"""移交清单 of one handover list."""
	doc = frappe.get_doc("Handover List", inputs.existing("Handover List", name))
	doc.check_permission("read")
	send(f"移交清单-{doc.name}.xlsx", exports.build_handover_list(doc.name))
