"""四性检测 (DA/T 70) on the site: the Four-Property Check of an archive item.

The check runs at filing (the Archive Item controller calls ``check_on_filing`` when an item
reaches Filed, which also covers handover receipt, which files its items), on demand
(``check_item``) and in sampling inspections. Each test is recorded with 通过 / 不通过 / 不适用
and its reason in Chinese. The pure parts of the tests are in ``rules/four_property.py``; here
the files are read (pypdf for PDFs, Pillow for images) and the database is asked.

Items without electronic files (纸质, 实物 carriers) are not failed for lacking them: the
file tests are recorded as 不适用. Electronic carriers (电子, 声像) must have their files.
"""

import os
import wave
from contextlib import contextmanager
from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, today

from archive_mgmt.archive_setup import reference_codes
from archive_mgmt.exceptions import IntegrityCheckError, IntegrityOverrideError
from archive_mgmt.preservation import fixity
from archive_mgmt.roles import ARCHIVE_MANAGER
from archive_mgmt.rules import four_property as fp
from archive_mgmt.rules.fixity import detect_format, digest_stream, parse_format_list, zip_is_encrypted
from archive_mgmt.rules.reference_code import CodeParseError

FILING, HANDOVER, ON_DEMAND, SAMPLING = "Filing", "Handover Receipt", "On Demand", "Sampling Inspection"
IMAGE_FORMATS = ("JPEG", "PNG", "TIFF", "GIF", "BMP")
ZIP_FORMATS = ("OFD", "DOCX", "XLSX", "PPTX", "ODF", "ZIP")
NOT_TESTED = (
	"未检测：病毒与恶意代码（本机离线，没有病毒特征库）；电子签名与电子签章的有效性；"
	"音视频（MP3、MP4 等）的完整解码播放；OFD 版式的渲染。"
)


@dataclass
class StoredFile:
	"""What the check learns about one attached file."""

	name: str
	file_name: str
	is_private: bool
	path: str
	exists: bool = False
	readable: bool = True
	read_error: str = ""
	sha256: str = ""
	sm3: str = ""
	size: int = 0
	format: str = ""
	pdf_pages: int | None = None
	encrypted: bool = False
	opens: bool | None = None  # None: this format is not decoded
	open_error: str = ""
	record: object = None
	notes: list = field(default_factory=list)


# When it runs


@contextmanager
def occasion(name: str, reference_doctype: str | None = None, reference_name: str | None = None):
	"""Checks run inside this block record this occasion (e.g. a handover receipt filing its items)."""
	previous = frappe.flags.get("integrity_occasion")
	frappe.flags.integrity_occasion = (name, reference_doctype, reference_name)
	try:
		yield
	finally:
		frappe.flags.integrity_occasion = previous


def validate_override(doc) -> None:
	"""Archive Item.validate: only the archive manager gives (or changes) an integrity override reason."""
	if (
		not doc.has_value_changed("integrity_override_reason")
		or not (doc.integrity_override_reason or "").strip()
	):
		return
	if ARCHIVE_MANAGER not in frappe.get_roles():
		frappe.throw(
			_("Only the Archive Manager may override a failed four-property check"),
			exc=IntegrityOverrideError,
		)


def check_on_filing(doc) -> None:
	"""Archive Item.validate on reaching Filed: a failing check blocks filing unless overridden."""
	name, ref_doctype, ref_name = frappe.flags.get("integrity_occasion") or (FILING, None, None)
	check = build(doc, name, ref_doctype, ref_name)
	if check.outcome == fp.FAIL:
		reason = (doc.integrity_override_reason or "").strip()
		if not reason:
			frappe.throw(
				_(
					"The four-property check of Archive Item {0} failed: {1}. The Archive Manager may file it anyway by giving an override reason."
				).format(doc.name, "；".join(failures(check))),
				exc=IntegrityCheckError,
			)
		if ARCHIVE_MANAGER not in frappe.get_roles():
			frappe.throw(
				_("Only the Archive Manager may override a failed four-property check"),
				exc=IntegrityOverrideError,
			)
		check.override_reason = reason
		check.overridden_by = frappe.session.user
	check.insert(ignore_permissions=True, ignore_links=True)
	doc.integrity_check = check.name


def run(item: str, occasion_name: str, reference_doctype=None, reference_name=None):
	"""Run and record the check of a stored item."""
	doc = frappe.get_doc("Archive Item", item)
	check = build(doc, occasion_name, reference_doctype, reference_name).insert(ignore_permissions=True)
	frappe.db.set_value("Archive Item", item, "integrity_check", check.name, update_modified=False)
	return check


def failures(check) -> list[str]:
	return [f"{r.property}·{r.test}：{r.reason}" for r in check.results if r.result == fp.FAIL]


# The check


def build(doc, occasion_name: str, reference_doctype=None, reference_name=None):
	"""An unsaved Four-Property Check of the item as it is now (the doc may be mid-save)."""
	files = stored_files(doc.name)
	check = frappe.get_doc(
		{
			"doctype": "Four Property Check",
			"archive_item": doc.name,
			"reference_code": doc.reference_code,
			"occasion": occasion_name,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"checked_on": now_datetime(),
			"checked_by": frappe.session.user,
			"not_tested": NOT_TESTED,
		}
	)

	def add(prop, test, result, reason="", file_name=None):
		check.append(
			"results",
			{"property": prop, "test": test, "result": result, "reason": reason, "file_name": file_name},
		)

	check_authenticity(doc, files, add)
	check_integrity(doc, files, add, occasion_name)
	check_usability(doc, files, add)
	check_security(doc, files, add)
	check.outcome = fp.outcome(r.result for r in check.results)
	return check


def stored_files(item: str) -> list[StoredFile]:
	rows = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Archive Item", "attached_to_name": item, "is_folder": 0},
		fields=["name", "file_name", "is_private"],
		order_by="creation asc",
	)
	return [inspect(frappe.get_doc("File", row.name)) for row in rows]


def inspect(file_doc) -> StoredFile:
	f = StoredFile(
		name=file_doc.name,
		file_name=file_doc.file_name,
		is_private=bool(file_doc.is_private),
		path=file_doc.get_full_path(),
	)
	f.record = fixity.active_record(file_doc.name)
	f.exists = os.path.isfile(f.path)
	if not f.exists:
		return f
	try:
		with open(f.path, "rb") as stream:
			digests = digest_stream(stream)
			f.format = detect_format(stream)
			if f.format in ZIP_FORMATS:
				f.encrypted = zip_is_encrypted(stream)
	except OSError as e:
		f.readable, f.read_error = False, str(e)
		return f
	f.sha256, f.sm3, f.size = digests.sha256, digests.sm3, digests.size
	open_file(f)
	return f


def open_file(f: StoredFile) -> None:
	"""Does the file open as its format says: a PDF parses, an image decodes, a WAV reads."""
	try:
		if f.format == "PDF":
			from pypdf import PdfReader

			reader = PdfReader(f.path)
			if reader.is_encrypted:
				f.encrypted = True
				if not reader.decrypt(""):
					f.opens, f.open_error = False, "需要密码才能打开"
					return
			f.pdf_pages = len(reader.pages)
			f.opens = True
		elif f.format in IMAGE_FORMATS:
			from PIL import Image

			with Image.open(f.path) as image:
				image.load()
			f.opens = True
		elif f.format == "WAV":
			with wave.open(f.path, "rb") as audio:
				audio.getnframes()
			f.opens = True
		elif f.format == "XML":
			from xml.dom import minidom

			minidom.parse(f.path)
			f.opens = True
	except Exception as e:
		f.opens, f.open_error = False, f"{type(e).__name__}: {e}"


def check_authenticity(doc, files, add):
	A = fp.AUTHENTICITY
	if not files:
		add(A, "数字摘要核验", fp.NOT_APPLICABLE, no_files_reason(doc))
	for f in files:
		if not f.exists or not f.readable:
			add(A, "数字摘要核验", fp.NOT_APPLICABLE, "文件缺失或不可读，见完整性检测", f.file_name)
		elif not f.record:
			add(A, "数字摘要核验", fp.FAIL, f"文件 {f.file_name} 没有固定性登记（SHA-256、SM3）", f.file_name)
		else:
			changed = [
				alg
				for alg, recorded, now in (
					("SHA-256", f.record.sha256, f.sha256),
					("SM3", f.record.sm3, f.sm3),
				)
				if recorded != now
			]
			if changed or f.size != int(f.record.file_size or 0):
				add(
					A,
					"数字摘要核验",
					fp.FAIL,
					f"文件 {f.file_name} 的 {'、'.join(changed or ['大小'])} 与登记值不一致，文件内容已被改动",
					f.file_name,
				)
			else:
				add(A, "数字摘要核验", fp.PASS, "SHA-256 与 SM3 摘要均与登记值一致", f.file_name)

	if not doc.reference_code:
		add(A, "档号与著录一致", fp.NOT_APPLICABLE, "尚未归档，无档号")
	else:
		pattern = reference_codes.get_pattern("Archive Item")
		reasons = fp.code_mismatches(pattern, doc.reference_code, reference_codes.code_values(doc))
		add(A, "档号与著录一致", *verdict(reasons, f"档号 {doc.reference_code} 可解析且与著录项一致"))

	reasons = fp.date_problems(doc.as_dict(), getdate(today()))
	add(A, "日期真实有效", *verdict(reasons, "文件日期为有效日期"))


def check_integrity(doc, files, add, occasion_name: str = ON_DEMAND):
	C = fp.INTEGRITY
	add(C, "必填著录项（DA/T 18）", *verdict(fp.missing_description(doc.as_dict()), "必填著录项齐全"))

	missing = [f for f in files if not f.exists]
	if not files:
		if fp.is_electronic(doc.carrier):
			add(C, "电子文件齐全", fp.FAIL, f"{doc.carrier}档案没有附加电子文件")
		else:
			add(C, "电子文件齐全", fp.NOT_APPLICABLE, no_files_reason(doc))
	elif missing:
		for f in missing:
			add(C, "电子文件齐全", fp.FAIL, f"文件 {f.file_name} 不在存储中（已丢失）", f.file_name)
	else:
		add(C, "电子文件齐全", fp.PASS, f"{len(files)} 个电子文件均在存储中")

	add(C, "件号连续", *sequence_verdict(doc, occasion_name))

	pdfs = [f for f in files if f.format == "PDF"]
	if not pdfs:
		add(C, "PDF 页数与著录一致", fp.NOT_APPLICABLE, "没有 PDF 文件")
	elif any(f.pdf_pages is None for f in pdfs):
		add(C, "PDF 页数与著录一致", fp.FAIL, "有 PDF 文件无法读取页数，见可用性检测")
	else:
		pages = sum(f.pdf_pages for f in pdfs)
		add(
			C,
			"PDF 页数与著录一致",
			*verdict(fp.page_count_reasons(pages, doc.pages), f"PDF 共 {pages} 页，与著录一致"),
		)


def sequence_verdict(doc, occasion_name: str = ON_DEMAND) -> tuple[str, str]:
	if not doc.reference_code:
		return fp.NOT_APPLICABLE, "尚未归档，无件号"
	pattern = reference_codes.get_pattern("Archive Item")
	try:
		group = pattern.group_key(pattern.parse(doc.reference_code))
	except CodeParseError:
		return fp.NOT_APPLICABLE, "档号无法解析，见真实性检测"
	if occasion_name in (FILING, HANDOVER):
		return numbered_by_counter(doc, group)
	filters = {"fonds": doc.fonds, "reference_code": ("is", "set"), "name": ("!=", doc.name)}
	if "year" in pattern.fields:
		filters["year"] = doc.year
	numbers = [int(doc.item_no or 0)]
	for code in frappe.get_all("Archive Item", filters=filters, pluck="reference_code"):
		try:
			values = pattern.parse(code)
		except CodeParseError:
			continue
		if pattern.group_key(values) == group:
			numbers.append(values[pattern.sequence_field])
	return verdict(fp.gap_reasons(group, numbers), f"{group} 组内件号 1—{max(numbers)} 连续")


def numbered_by_counter(doc, group: str) -> tuple[str, str]:
	"""At filing, the group's lower numbers may belong to filings not yet committed, so a scan would see
	gaps that are not there. The number is instead checked against the group's counter, which hands out
	1, 2, 3 … in the filing's own transaction; the full scan runs on demand and in sampling."""
	last = frappe.db.get_value("Archive Code Sequence", f"Archive Item:{group}", "last_value") or 0
	number = int(doc.item_no or 0)
	if 1 <= number <= last:
		return fp.PASS, f"件号 {number} 由 {group} 组计数器连续分配（已分配至 {last}）"
	return fp.FAIL, f"件号 {number} 不在 {group} 组计数器已分配的范围 1—{last} 内"


def check_usability(doc, files, add):
	U = fp.USABILITY
	if not files:
		for test in ("长期保存格式", "文件可正常打开", "未加密"):
			add(U, test, fp.NOT_APPLICABLE, no_files_reason(doc))
		return
	allowed = long_term_formats()
	for f in files:
		if not f.exists or not f.readable:
			for test in ("长期保存格式", "文件可正常打开", "未加密"):
				add(U, test, fp.FAIL, f"文件 {f.file_name} 缺失或不可读 {f.read_error}".strip(), f.file_name)
			continue
		add(
			U,
			"长期保存格式",
			*verdict(fp.format_reasons(f.file_name, f.format, allowed), f"{f.format} 为长期保存格式"),
			f.file_name,
		)
		if f.opens is None:
			add(U, "文件可正常打开", fp.NOT_APPLICABLE, f"未对 {f.format} 格式做解码检测", f.file_name)
		elif f.opens:
			detail = f"PDF 可解析，共 {f.pdf_pages} 页" if f.format == "PDF" else f"{f.format} 可正常解码"
			add(U, "文件可正常打开", fp.PASS, detail, f.file_name)
		else:
			add(U, "文件可正常打开", fp.FAIL, f"文件 {f.file_name} 无法打开：{f.open_error}", f.file_name)
		if f.encrypted:
			add(U, "未加密", fp.FAIL, f"文件 {f.file_name} 已加密或设有密码", f.file_name)
		else:
			add(U, "未加密", fp.PASS, "未加密", f.file_name)


def check_security(doc, files, add):
	S = fp.SECURITY
	if not files:
		add(S, "文件私有", fp.NOT_APPLICABLE, no_files_reason(doc))
	for f in files:
		if f.is_private:
			add(S, "文件私有", fp.PASS, "私有文件，仅有权限的用户可下载", f.file_name)
		else:
			add(S, "文件私有", fp.FAIL, f"文件 {f.file_name} 是公开文件，任何人可通过链接下载", f.file_name)
	if frappe.has_permission("Archive Item", "read", doc=doc, user="Guest"):
		add(S, "访问控制", fp.FAIL, "访客可读取该档案")
	else:
		add(S, "访问控制", fp.PASS, "档案仅对有角色权限的用户开放，访客不可读取")
	add(S, "病毒检测", fp.NOT_APPLICABLE, "未检测：本机离线，没有病毒特征库")


def verdict(reasons: list[str], passed: str) -> tuple[str, str]:
	return (fp.FAIL, "；".join(reasons)) if reasons else (fp.PASS, passed)


def no_files_reason(doc) -> str:
	return f"{doc.carrier or '该'}载体档案，无电子文件"


def long_term_formats() -> list[str]:
	text = frappe.db.get_single_value("Archive Settings", "long_term_formats")
	return parse_format_list(text) or list(fp.DEFAULT_LONG_TERM_FORMATS)
