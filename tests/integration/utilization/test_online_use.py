"""Online use (在线利用): during an issued loan the borrower reads a 秘密 electronic item page by page, each page
watermarked; the original file never reaches them; a copy only under 复制, as a watermarked PDF; every view,
print and copy is in the access log; the view ends with the loan; outside a loan clearance decides."""

import io
import time
import zipfile

import frappe
import frappe.handler
import pytest
from frappe.utils import add_days, today
from PIL import Image, ImageChops
from pypdf import PdfReader
from werkzeug.exceptions import Forbidden

from archive_mgmt.exceptions import (
	CopyNotAllowedError,
	OnlineViewEndedError,
	PageRangeError,
)
from archive_mgmt.utilization import rendering
from tests.integration.clearance_factories import call, with_request
from tests.integration.conftest import FIGURES
from tests.integration.factories import act, as_user, file_item, make_approver, make_user
from tests.integration.integrity_factories import electronic_item, pdf_bytes
from tests.integration.loan_factories import make_loan, make_loan_world, reload, step

API = "archive_mgmt.api.online_use"
MARKER = "在线利用原件标记"


@pytest.fixture
def lw(world):
	return make_loan_world(world)


def lent_item(lw, use_mode="阅览", level="秘密"):
	"""A filed 秘密 electronic item (a 3-page PDF) and its loan to the borrower, issued."""
	marker = f"{MARKER}{frappe.generate_hash(length=6)}"
	item, file_doc = electronic_item(lw, pdf_bytes(3, marker=marker), secrecy_level=level)
	item = file_item(lw, item)
	with as_user(lw.borrower):
		loan = make_loan([item.name], borrower_unit=lw.unit, use_mode=use_mode)
		act(loan, "Submit")
	step(lw, loan, "Approve", lw.director)
	step(lw, loan, "Approve", lw.leader)
	if reload(loan).workflow_state != "Approved":
		step(lw, loan, "Approve", lw.principal)  # the secrecy approval for 秘密 and above
	loan = step(lw, loan, "Issue Items", lw.manager)
	assert reload(loan).workflow_state == "Issued"
	return item.name, frappe.get_doc("File", file_doc.name), loan.name


def view(loan, item, file, page=1):
	return call(f"{API}.view_page", loan=loan, item=item, file=file, page=page)


def copy(method, loan, item, file, **pages) -> bytes:
	with with_request(f"/api/method/{API}.{method}", method="GET"):
		frappe.local.form_dict = frappe._dict(loan=loan, item=item, file=file, **pages)
		frappe.handler.execute_cmd(f"{API}.{method}")
		response = frappe.local.response
		return response.filecontent, response.display_content_as


def png(data_url: str) -> Image.Image:
	import base64

	return Image.open(io.BytesIO(base64.b64decode(data_url.split(",", 1)[1]))).convert("RGB")


def logs(item, action=None) -> list:
	filters = {"reference_name": item}
	if action:
		filters["action"] = action
	return frappe.get_all(
		"Archive Access Log", filters=filters, fields=["user", "action", "detail"], order_by="creation asc"
	)


def fetch_original(file_doc):
	"""The original's bytes through /private/files/… (Frappe's own handler), or Forbidden."""
	from frappe.utils.response import download_private_file

	with with_request(file_doc.file_url, method="GET"):
		return download_private_file(file_doc.file_url)


def red_share(image: Image.Image) -> float:
	"""The share of pixels where red clearly dominates (the watermark's ink on a white page)."""
	pixels = list(image.getdata())
	return sum(1 for r, g, b in pixels if r - g > 25 and r - b > 25) / len(pixels)


def test_borrower_reads_every_page_with_the_watermark_burned_in(lw):
	item, file_doc, loan = lent_item(lw)
	with as_user(lw.borrower):
		context = call(f"{API}.viewer_context", loan=loan)
		assert not context["may_copy"] and context["use_mode"] == "阅览"
		[entry] = context["items"]
		assert entry["name"] == item and [(f["name"], f["pages"]) for f in entry["files"]] == [
			(file_doc.name, 3)
		]
		timings = []
		for page in (1, 2, 3):
			started = time.perf_counter()
			shown = view(loan, item, file_doc.name, page)
			timings.append(time.perf_counter() - started)
			assert (shown["page"], shown["pages"]) == (page, 3)
	assert lw.borrower in shown["watermark"] and loan in shown["watermark"]
	assert shown["watermark"].startswith("借阅人 ")
	watermarked = png(shown["image"])
	plain = rendering.render_page(file_doc.get_full_path(), "pdf", 3)
	assert watermarked.size == plain.size
	# the plain page is blank; the page sent carries the mark in its pixels, across the page and on its foot
	assert red_share(plain) == 0
	changed = ImageChops.difference(watermarked, plain).convert("L").point(lambda v: 255 if v > 20 else 0)
	assert changed.getbbox() is not None
	share = sum(1 for v in changed.getdata() if v) / (plain.width * plain.height)
	assert share > 0.02, share
	top, foot = (
		watermarked.crop((0, 0, plain.width, plain.height // 2)),
		watermarked.crop((0, plain.height - 40, plain.width, plain.height)),
	)
	assert red_share(top) > 0.005 and red_share(foot) > 0.02
	# another reader's mark differs: the pixels name who looked
	assert rendering.watermark(plain, "借阅人 其他人 · 2026-01-01 00:00:00 · 借阅单 X").tobytes() != (
		watermarked.tobytes()
	)
	rows = logs(item, "查看")
	assert [r.user for r in rows] == [lw.borrower] * 3
	assert [f"第 {n} 页" in r.detail and loan in r.detail for n, r in zip((1, 2, 3), rows, strict=True)] == [
		True
	] * 3
	average, each = 1000 * sum(timings) / len(timings), ", ".join(f"{1000 * t:.0f}" for t in timings)
	FIGURES.append(
		f"online viewer: A4 page rendered and watermarked at {rendering.DPI} dpi in {average:.0f} ms"
		f" on average ({each} ms)"
	)


def test_a_page_the_file_does_not_have_is_refused_and_not_logged(lw):
	item, file_doc, loan = lent_item(lw)
	with as_user(lw.borrower):
		for page in (0, 4, "x"):
			with pytest.raises(PageRangeError):
				view(loan, item, file_doc.name, page)
	assert logs(item) == []


def test_under_reading_room_use_the_original_never_reaches_the_borrower(lw):
	item, file_doc, loan = lent_item(lw, "阅览")
	with as_user(lw.borrower):
		assert frappe.has_permission("Archive Item", "read", item)  # the form opens: the loan holds it out
		with pytest.raises(Forbidden):
			fetch_original(file_doc)
		with pytest.raises(frappe.PermissionError):
			call("download_file", method="GET", file_url=file_doc.file_url)
		with with_request("/api/method/frappe.core.api.file.zip_files", method="POST"):
			zipped = frappe.get_doc("File", file_doc.name).zip_files([file_doc.name])
		assert zipfile.ZipFile(io.BytesIO(zipped)).namelist() == []
		for method in ("print_copy", "download_copy"):
			with pytest.raises(CopyNotAllowedError):
				copy(method, loan, item, file_doc.name)
	assert logs(item, "打印") == [] and logs(item, "下载") == []


def test_under_copy_use_the_copy_is_a_pdf_of_watermarked_pages(lw):
	item, file_doc, loan = lent_item(lw, "复制")
	original = open(file_doc.get_full_path(), "rb").read()
	with as_user(lw.borrower):
		assert call(f"{API}.viewer_context", item=item)["may_copy"]
		content, disposition = copy("download_copy", loan, item, file_doc.name)
		assert disposition == "attachment"
		printed, disposition = copy("print_copy", loan, item, file_doc.name, first="2", last="3")
		assert disposition == "inline"
		with pytest.raises(Forbidden):
			fetch_original(file_doc)  # the original itself, still not
	reader = PdfReader(io.BytesIO(content))
	assert len(reader.pages) == 3 and len(PdfReader(io.BytesIO(printed)).pages) == 2
	assert original not in content and MARKER.encode() not in content
	assert MARKER not in str(reader.metadata or {})
	for page in reader.pages:
		[image] = page.images  # each page is one picture: nothing to strip the mark from
		assert red_share(image.image.convert("RGB")) > 0.001  # JPEG-compressed: the ink is paler
	assert [r.user for r in logs(item, "下载")] == [lw.borrower]
	assert [r.user for r in logs(item, "打印")] == [lw.borrower]
	assert "第 2–3 页" in logs(item, "打印")[0].detail


def test_the_view_ends_when_the_item_is_returned(lw):
	item, file_doc, loan = lent_item(lw, "借出")
	with as_user(lw.borrower):
		view(loan, item, file_doc.name, 1)
	with as_user(lw.manager):
		call("archive_mgmt.api.utilization.return_items", loan=loan, items=[item])
	with as_user(lw.borrower):
		with pytest.raises(OnlineViewEndedError):
			view(loan, item, file_doc.name, 2)  # the next page, mid-view
		with pytest.raises(OnlineViewEndedError):
			copy("download_copy", loan, item, file_doc.name)
		with pytest.raises(frappe.PermissionError):
			call(f"{API}.viewer_context", item=item)
	assert [r.detail.count("第 1 页") for r in logs(item)] == [1]


def test_the_view_ends_when_the_loan_is_overdue(lw):
	item, file_doc, loan = lent_item(lw)
	frappe.db.set_value("Loan Request", loan, "due_date", add_days(today(), -1))
	with as_user(lw.borrower):
		with pytest.raises(OnlineViewEndedError):
			view(loan, item, file_doc.name, 1)
	assert logs(item) == []


def test_the_item_form_offers_the_viewer_to_its_borrower_only(lw):
	from frappe.desk.form.load import getdoc

	item, _file_doc, loan = lent_item(lw)
	with as_user(lw.borrower):
		getdoc("Archive Item", item)
		assert frappe.response.docs[-1].get("__onload")["online_loans"] == [loan]
	with as_user(lw.manager):
		getdoc("Archive Item", item)
		assert frappe.response.docs[-1].get("__onload")["online_loans"] == []


def test_outside_a_loan_clearance_decides_as_before(lw):
	item, file_doc, loan = lent_item(lw)
	stranger = lw.other_borrower  # a reader with no loan
	cleared = make_approver("Office Director", prefix="cleared", clearance="秘密")
	uncleared = make_user("Office Director", prefix="uncleared")  # 内部 by default
	with as_user(stranger):
		with pytest.raises(Forbidden):
			fetch_original(file_doc)
		with pytest.raises(frappe.PermissionError):
			view(loan, item, file_doc.name, 1)
		with pytest.raises(frappe.PermissionError):
			call(f"{API}.viewer_context", item=item)
	with as_user(uncleared):
		with pytest.raises(Forbidden):
			fetch_original(file_doc)
	with as_user(cleared):
		assert fetch_original(file_doc).status_code == 200  # cleared for 秘密: the original, as today
		with pytest.raises(frappe.PermissionError):
			view(loan, item, file_doc.name, 1)  # not their loan
	with as_user(lw.manager):
		assert fetch_original(file_doc).status_code == 200


def test_a_file_of_another_item_is_not_shown_through_the_loan(lw):
	item, _file_doc, loan = lent_item(lw)
	_other, other_file = electronic_item(lw)
	with as_user(lw.borrower):
		with pytest.raises(frappe.PermissionError):
			view(loan, item, other_file.name, 1)
	assert logs(item) == []


def test_every_online_view_is_logged_whatever_the_level(lw):
	"""The access log keeps reads of 秘密 and above; the online viewer logs every view of a lent file."""
	item, file_doc, loan = lent_item(lw, "复制", level="内部")
	with as_user(lw.borrower):
		view(loan, item, file_doc.name, page=2)
		copy("download_copy", loan, item, file_doc.name)
	assert [(r.user, r.action) for r in logs(item)] == [(lw.borrower, "查看"), (lw.borrower, "下载")]
	assert "第 2 页" in logs(item, "查看")[0].detail
