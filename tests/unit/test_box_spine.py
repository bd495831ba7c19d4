"""The spine of an archive box (盒脊): 起止件号 and the box's group, from the items in 档号 order."""

from archive_mgmt.rules.boxes import Spine, item_range, spine


def item(no, year=2024, unit="BGS", retention="Y", pages=2):
	return {
		"fonds": "Z109",
		"year": year,
		"retention_period": retention,
		"filing_unit": unit,
		"item_no": no,
		"pages": pages,
	}


def test_a_box_of_one_group_shows_its_group_and_first_and_last_item():
	assert spine("H01", [item(5), item(6), item(7)]) == Spine(
		box="H01",
		fonds="Z109",
		year="2024",
		retention="永久",
		filing_unit="BGS",
		item_range="0005—0007",
		item_count=3,
		pages=6,
	)


def test_a_box_that_mixes_groups_shows_each_value():
	box = spine("H02", [item(1, year=2023, retention="D30"), item(9, year=2024, unit="CWK")])
	assert (box.year, box.retention, box.filing_unit) == ("2023—2024", "30年、永久", "BGS、CWK")


def test_one_item_or_none():
	assert item_range([12]) == "0012"
	assert spine("H03", []) == Spine(box="H03")
