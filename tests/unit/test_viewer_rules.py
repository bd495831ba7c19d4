"""Online use (在线利用): when the view is open, which pages exist, what the watermark says, where it falls."""

from datetime import date, datetime

import pytest

from archive_mgmt.rules import viewer

TODAY = date(2026, 12, 7)
ISSUED_ON = datetime(2026, 12, 1, 9, 30)


def test_view_is_open_while_the_issued_loan_holds_the_item_out():
	assert viewer.view_closed_reason("Issued", ISSUED_ON, None, date(2026, 12, 20), TODAY) is None
	assert viewer.view_closed_reason("Issued", ISSUED_ON, None, TODAY, TODAY) is None  # the due day itself
	assert viewer.view_closed_reason("Issued", ISSUED_ON, None, None, TODAY) is None


@pytest.mark.parametrize(
	"state, issued_on, returned_on, due, reason",
	[
		("Approved", None, None, date(2026, 12, 20), viewer.NOT_ISSUED),
		("Issued", None, None, date(2026, 12, 20), viewer.NOT_ISSUED),
		("Issued", ISSUED_ON, datetime(2026, 12, 6, 16, 0), date(2026, 12, 20), viewer.RETURNED),
		("Items Returned", ISSUED_ON, datetime(2026, 12, 6, 16, 0), date(2026, 12, 20), viewer.RETURNED),
		("Items Returned", ISSUED_ON, None, date(2026, 12, 20), viewer.NOT_ISSUED),
		("Issued", ISSUED_ON, None, date(2026, 12, 6), viewer.OVERDUE),
	],
)
def test_view_is_closed_before_issue_after_return_and_past_due(state, issued_on, returned_on, due, reason):
	assert viewer.view_closed_reason(state, issued_on, returned_on, due, TODAY) == reason


def test_only_a_copy_loan_yields_a_copy():
	assert viewer.allows_copy("复制")
	assert not any(viewer.allows_copy(mode) for mode in ("阅览", "借出", "摘录", None, ""))


def test_renderable_kinds_by_the_bytes_format():
	assert viewer.renderable_kind("PDF") == "pdf"
	assert viewer.renderable_kind("TIFF") == viewer.renderable_kind("JPEG") == "image"
	assert viewer.renderable_kind("DOCX") is None
	assert viewer.renderable_kind(None) is None


def test_page_numbers_are_within_the_file():
	assert viewer.page_number(1, 3) == 1
	assert viewer.page_number("3", 3) == 3
	for bad in (0, 4, -1, "x", None, "1.5"):
		with pytest.raises(viewer.PageError):
			viewer.page_number(bad, 3)


def test_page_ranges_default_to_the_whole_file_and_are_bounded():
	assert viewer.page_range(None, None, 5) == range(1, 6)
	assert viewer.page_range("2", "", 5) == range(2, 6)
	assert viewer.page_range(3, 3, 5) == range(3, 4)
	with pytest.raises(viewer.PageError):
		viewer.page_range(4, 2, 5)
	with pytest.raises(viewer.PageError):
		viewer.page_range(1, 6, 5)
	with pytest.raises(viewer.PageError):
		viewer.page_range(None, None, 300, limit=200)


def test_watermark_names_borrower_time_and_loan():
	label = viewer.borrower_label("reader@example.org", "张三")
	assert label == "张三 reader@example.org"
	assert viewer.borrower_label("reader@example.org", "reader@example.org") == "reader@example.org"
	assert viewer.borrower_label("reader@example.org", None) == "reader@example.org"
	text = viewer.watermark_text(
		"借阅人 {0} · {1} · 借阅单 {2}", label, datetime(2026, 12, 7, 9, 5, 3), "LR-0001"
	)
	assert text == "借阅人 张三 reader@example.org · 2026-12-07 09:05:03 · 借阅单 LR-0001"


def test_a_watermark_without_borrower_or_loan_is_refused():
	with pytest.raises(ValueError):
		viewer.watermark_text("{0} {1} {2}", " ", datetime(2026, 12, 7), "LR-0001")
	with pytest.raises(ValueError):
		viewer.watermark_text("{0} {1} {2}", "reader", datetime(2026, 12, 7), "")


def test_watermark_tiles_cover_the_whole_page():
	width, height, tw, th = 900, 1280, 300, 170
	tiles = viewer.tile_positions(width, height, tw, th)
	for x in range(0, width, 37):
		for y in range(0, height, 41):
			assert any(t.x <= x < t.x + tw and t.y <= y < t.y + th for t in tiles), (x, y)
	with pytest.raises(ValueError):
		viewer.tile_positions(0, 10, 5, 5)
