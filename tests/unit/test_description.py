from datetime import date

import pytest

from archive_mgmt.rules import description as d

COMPLETE = {
	"title": "关于印发档案管理办法的通知",
	"doc_date": date(2024, 3, 1),
	"responsible_party": "办公室",
	"open_status": "控制",
	"secrecy_level": "内部",
	"carrier": "纸质",
}


def test_a_complete_paper_item_may_be_filed():
	assert d.missing_for_filing(COMPLETE) == []


@pytest.mark.parametrize("field", ["title", "doc_date", "responsible_party", "open_status", "secrecy_level"])
def test_each_mandatory_element_is_required(field):
	assert d.missing_for_filing({**COMPLETE, field: "  " if field == "title" else None}) == [field]


def test_audio_visual_items_need_their_six_elements():
	values = {**COMPLETE, "carrier": "声像", "av_event": "年会", "av_place": "礼堂"}
	assert d.missing_for_filing(values) == ["av_time", "av_people", "av_background", "av_recorder"]


def test_secrecy_rank_orders_levels():
	assert [d.secrecy_rank(x) for x in d.SECRECY_LEVELS] == [0, 1, 2, 3, 4]
	assert d.secrecy_rank(None) == 0


@pytest.mark.parametrize("text", ["2024031", "20241301", "20240230", "2024-03-01", "abcdefgh", None])
def test_yyyymmdd_refuses_bad_dates(text):
	with pytest.raises(ValueError):
		d.parse_yyyymmdd(text)


def test_yyyymmdd_round_trip():
	assert d.parse_yyyymmdd("20240229") == date(2024, 2, 29)
	assert d.format_yyyymmdd(date(2024, 2, 29)) == "20240229"


def test_page_ranges_of_a_contents_list():
	assert d.page_ranges([3, 1, 0, 10]) == ["1-3", "4", "", "5-14"]


@pytest.mark.parametrize("level", [*d.SECRECY_LEVELS, None, "", "不明"])
def test_classified_means_secret_and_above_for_loans_and_the_access_log_alike(level):
	from archive_mgmt.rules.clearance import is_audited
	from archive_mgmt.rules.loans import needs_secrecy_approval

	expected = level in ("秘密", "机密", "绝密")
	assert d.is_classified(level) is expected
	assert is_audited(level) is expected
	assert needs_secrecy_approval([level, "公开"]) is expected
