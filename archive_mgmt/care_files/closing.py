"""Closing a care case (结案): the file is archived as an Archive Item with the usual controls.

The item is made as a draft of the file's fonds and filing unit, 机密 (or the file's level if higher),
controlled (控制), electronic, with the file and its service records attached as a private workbook
(and the signed consent, if any). The Archive Manager files it through the normal filing workflow.
Catalogue fields only carry masked identifiers: the full record is in the attachment.
"""

import xml.etree.ElementTree as ET

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from archive_mgmt import notifications
from archive_mgmt.care_files.permissions import is_assigned, sees_all
from archive_mgmt.exceptions import CareFileClosedError, CareFileError
from archive_mgmt.formatting import full_name
from archive_mgmt.preservation import integrity
from archive_mgmt.rules import identity
from archive_mgmt.rules.description import highest_secrecy

CARE_FILE = "Care Recipient File"
CLOSED = "Closed"
DEFAULT_CATEGORY = "ZY"  # 专业
DEFAULT_RETENTION = "D30"
ARCHIVE_SECRECY = "机密"


def close_case(name: str, closing_summary: str | None = None) -> str:
	"""Close an open case and archive it; returns the new Archive Item's name."""
	frappe.db.get_value(CARE_FILE, name, "name", for_update=True)
	doc = frappe.get_doc(CARE_FILE, name)
	check_can_close(doc)
	if closing_summary:
		doc.closing_summary = closing_summary
	missing = [f for f in ("closing_summary", "fonds", "filing_unit") if not doc.get(f)]
	if missing:
		frappe.throw(
			_("Before closing the case, give: {0}").format(
				", ".join(_(doc.meta.get_label(f)) for f in missing)
			),
			exc=CareFileError,
		)
	item = make_archive_item(doc)
	attach_record(doc, item)
	doc.status = CLOSED
	doc.closed_on = now_datetime()
	doc.closed_by = frappe.session.user
	doc.archive_item = item.name
	doc.flags.closing_case = True
	doc.save(ignore_permissions=True)
	notifications.notify(
		notifications.archive_managers(),
		_("Care file {0} was closed: Archive Item {1} awaits filing", lang=notifications.NOTIFY_LANG).format(
			doc.name, item.name
		),
		item,
	)
	return item.name


def check_can_close(doc) -> None:
	if doc.status == CLOSED:
		frappe.throw(_("Care Recipient File {0} is already closed").format(doc.name), exc=CareFileClosedError)
	user = frappe.session.user
	if not (sees_all(user) or is_assigned(doc.name, user)):
		frappe.throw(
			_("Only an assigned counsellor or the Archive Manager closes a case"), exc=frappe.PermissionError
		)


def settings_value(field: str, default: str) -> str:
	return frappe.db.get_single_value("Archive Settings", field) or default


def make_archive_item(doc):
	closed = getdate(today())
	item = frappe.get_doc(
		{
			"doctype": "Archive Item",
			"fonds": doc.fonds,
			"category": settings_value("care_file_category", DEFAULT_CATEGORY),
			"retention_period": settings_value("care_file_retention", DEFAULT_RETENTION),
			"year": closed.year,
			"filing_unit": doc.filing_unit,
			"title": f"心理关爱服务对象档案 {doc.name}（{identity.mask_name(doc.full_name)}）",
			"responsible_party": frappe.db.get_value("Filing Unit", doc.filing_unit, "unit_name")
			or doc.filing_unit,
			"doc_number": doc.name,
			"doc_date": closed,
			"secrecy_level": highest_secrecy([doc.secrecy_level, ARCHIVE_SECRECY]),
			"open_status": "控制",
			"carrier": "电子",
			"remarks": catalogue_remarks(doc),
		}
	)
	item.flags.ignore_permissions = True
	return item.insert()


def catalogue_remarks(doc) -> str:
	"""What the catalogue says of the case: masked identifiers only."""
	dates = sorted(str(r.service_date) for r in doc.service_records if r.service_date)
	lines = [
		f"困难类型：{doc.difficulty_type or ''}；风险等级：{doc.risk_level or ''}",
		f"身份证号：{doc.id_number_masked or '无'}；电话：{doc.phone_masked or '无'}",
		f"服务记录 {len(doc.service_records)} 条" + (f"（{dates[0]} 至 {dates[-1]}）" if dates else ""),
		f"结案摘要：{doc.closing_summary or ''}",
	]
	return "\n".join(lines)


def build_record(doc) -> bytes:
	"""The whole file (full identifiers: it is the archived record) and its service records, as XML,
	one of the archive's long-term formats, so the item passes the four-property check when filed."""
	root = ET.Element("心理关爱服务对象档案", {"档案编号": doc.name})
	recipient = ET.SubElement(root, "服务对象")
	for label, value in (
		("姓名", doc.full_name),
		("性别", doc.gender),
		("出生日期", doc.birth_date),
		("身份证号", doc.id_number),
		("联系电话", doc.phone),
		("住址", doc.address),
		("困难类型", doc.difficulty_type),
		("风险等级", doc.risk_level),
		("密级", doc.secrecy_level),
		("同意接受服务", "是" if doc.consent_given else "否"),
		("同意日期", doc.consent_date),
		("服务人员", "、".join(full_name(r.counsellor) for r in doc.counsellors)),
		("结案摘要", doc.closing_summary),
		("结案日期", today()),
		("结案人", full_name(frappe.session.user)),
	):
		ET.SubElement(recipient, label).text = str(value) if value is not None else ""
	records = ET.SubElement(root, "服务记录")
	for i, row in enumerate(doc.service_records, start=1):
		record = ET.SubElement(records, "记录", {"序号": str(i)})
		for label, value in (
			("日期", row.service_date or ""),
			("服务类型", row.service_type),
			("服务人员", full_name(row.counsellor)),
			("服务摘要", row.summary),
			("跟进计划", row.follow_up_plan or ""),
		):
			ET.SubElement(record, label).text = str(value or "")
	ET.indent(root)
	return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def attach_record(doc, item) -> None:
	attach = {
		"doctype": "File",
		"attached_to_doctype": "Archive Item",
		"attached_to_name": item.name,
		"is_private": 1,
	}
	frappe.get_doc(
		{**attach, "file_name": f"心理关爱服务对象档案-{doc.name}.xml", "content": build_record(doc)}
	).insert(ignore_permissions=True)
	if doc.consent_attachment:
		frappe.get_doc({**attach, "file_url": doc.consent_attachment}).insert(ignore_permissions=True)
	# 页数: the pages of the PDFs kept (the signed consent), which the four-property check compares
	pages = sum(f.pdf_pages or 0 for f in integrity.stored_files(item.name) if f.format == "PDF")
	item.db_set("pages", pages, update_modified=False)
