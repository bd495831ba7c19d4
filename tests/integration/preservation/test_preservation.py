"""Sampling inspection (抽检), preservation packages (BagIt) and backup sets, storage rooms."""

import io
import math
import tempfile
import zipfile
from pathlib import Path

import bagit
import frappe
import pytest

from archive_mgmt.api import preservation as api
from archive_mgmt.exceptions import PreservationPackageError, SamplingError
from archive_mgmt.preservation import packages, sampling
from tests.integration.factories import as_user, file_item, make_filed_item, make_fonds
from tests.integration.integrity_factories import electronic_item, tamper


def filed_electronic(world, **values):
	item, file_doc = electronic_item(world, **values)
	return file_item(world, item), file_doc


@pytest.fixture
def holdings(world):
	"""Seven filed electronic items of the world's fonds: 2023 WS ×4, 2024 WS ×2, 2024 KJ ×1."""
	items = [filed_electronic(world, year=2023, doc_date="2023-05-01")[0] for _ in range(4)]
	items += [filed_electronic(world, year=2024)[0] for _ in range(2)]
	items += [filed_electronic(world, year=2024, category="KJ", retention_period="D30")[0]]
	return items


# Sampling inspection


def inspect(world, **values):
	with as_user(world.manager):
		return frappe.get_doc({"doctype": "Sampling Inspection", "fonds": world.fonds, **values}).insert()


def test_a_sample_takes_at_least_40_percent_of_every_year_and_category_and_checks_it(world, holdings):
	doc = inspect(world)
	assert doc.seed and doc.population_count == 7
	by_stratum = {}
	for row in doc.items:
		by_stratum.setdefault((row.year, row.category), []).append(row)
	assert {k: len(v) for k, v in by_stratum.items()} == {
		(2023, "WS"): math.ceil(4 * 0.4),
		(2024, "WS"): math.ceil(2 * 0.4),
		(2024, "KJ"): 1,
	}
	doc.reload()
	assert doc.sample_count == 4 and doc.inspector == world.manager and doc.outcome == "通过"
	for row in doc.items:
		check = frappe.get_doc("Four Property Check", row.four_property_check)
		assert (check.occasion, check.reference_name, row.result) == ("Sampling Inspection", doc.name, "通过")


def test_the_same_seed_draws_the_same_sample(world, holdings):
	first = inspect(world, seed="2026-抽检-01", sample_percent=50)
	second = inspect(world, seed="2026-抽检-01", sample_percent=50)
	assert [r.archive_item for r in first.items] == [r.archive_item for r in second.items]


def test_a_tampered_sampled_item_fails_the_inspection(world):
	item, file_doc = filed_electronic(world)
	tamper(file_doc)
	doc = inspect(world, sample_percent=100)
	doc.reload()
	assert doc.outcome == "不通过" and doc.failed_count == 1 and doc.items[0].archive_item == item.name


def test_less_than_40_percent_or_nothing_to_sample_is_refused(world, holdings):
	with pytest.raises(SamplingError):
		inspect(world, sample_percent=30)
	empty_fonds = make_fonds()
	with as_user(world.manager):
		with pytest.raises(SamplingError):
			frappe.get_doc({"doctype": "Sampling Inspection", "fonds": empty_fonds}).insert()
	assert not frappe.get_all("Sampling Inspection", filters={"fonds": world.fonds})


def test_the_reminder_fires_two_years_after_the_last_inspection(world, holdings):
	frappe.db.delete("Sampling Inspection")
	reminders = lambda: frappe.get_all(  # noqa: E731
		"Notification Log", filters={"for_user": world.manager, "subject": ("like", "%抽检%")}
	)
	assert sampling.remind_when_due() and reminders()
	doc = inspect(world)
	assert not sampling.remind_when_due()
	frappe.db.set_value(
		"Sampling Inspection", doc.name, "inspected_on", frappe.utils.add_years(frappe.utils.today(), -2)
	)
	assert sampling.remind_when_due()


# Preservation packages


def backup_set(world, **values):
	with as_user(world.manager):
		return frappe.get_doc(
			{
				"doctype": "Backup Set",
				"copy_type": "封存",
				"medium": "光盘",
				"place": "档案室保密柜",
				"scope": "Fonds",
				"fonds": world.fonds,
				**values,
			}
		).insert()


def package_bytes(bset) -> bytes:
	return frappe.get_doc(
		"File", {"attached_to_doctype": "Backup Set", "attached_to_name": bset.name}
	).get_content()


def test_an_exported_package_validates_with_bagit_and_carries_files_and_catalogue(world):
	filed, _f = filed_electronic(world)
	paper = make_filed_item(world)
	bset = backup_set(world)
	with as_user(world.manager):
		result = api.make_package(bset.name)
	bset.reload()
	assert (bset.item_count, bset.file_count) == (2, 1) and bset.manifest_digest == result["manifest_digest"]
	with tempfile.TemporaryDirectory() as tmp:
		zipfile.ZipFile(io.BytesIO(package_bytes(bset))).extractall(tmp)
		bag = bagit.Bag(str(Path(tmp) / bset.name))
		assert bag.is_valid() and "sha256" in bag.algorithms
		payload = set(bag.payload_files())
		assert any(p.startswith(f"data/{filed.reference_code}/") and p.endswith(".pdf") for p in payload)
		assert {"data/catalogue.json", "data/catalogue.xml"} <= payload
		catalogue = (Path(tmp) / bset.name / "data" / "catalogue.json").read_text(encoding="utf-8")
		assert filed.reference_code in catalogue and paper.reference_code in catalogue
	with as_user(world.manager):
		assert api.verify_backup_set(bset.name)["valid"]
	assert frappe.db.get_value("Backup Set", bset.name, "verification").startswith("通过")
	# the package itself is a file of the archive: private and fixity-recorded
	assert frappe.db.exists("Fixity Record", {"attached_to_name": bset.name, "status": "Active"})


def test_a_modified_package_does_not_validate_and_says_so_in_chinese(world):
	filed_electronic(world)
	bset = backup_set(world)
	with as_user(world.manager):
		api.make_package(bset.name)
	original = zipfile.ZipFile(io.BytesIO(package_bytes(bset)))
	changed = io.BytesIO()
	with zipfile.ZipFile(changed, "w") as z:
		for info in original.infolist():
			data = original.read(info)
			if info.filename.endswith("catalogue.json"):
				data = data.replace(b"\xe5\x85\xb3\xe4\xba\x8e", b"\xe6\x9c\x89\xe5\x85\xb3")  # 关于 → 有关
			z.writestr(info, data)
	with pytest.raises(PreservationPackageError) as e:
		packages.verify_zip(changed.getvalue())
	assert "catalogue.json" in str(e.value) and "摘要与清单不符" in str(e.value)
	assert packages.verify_zip(package_bytes(bset))["valid"]


def test_three_copies_of_one_package_share_its_manifest_digest(world):
	filed_electronic(world)
	sealed = backup_set(world)
	with as_user(world.manager):
		digest = api.make_package(sealed.name)["manifest_digest"]
	for copy_type, place in (("工作", "档案室服务器"), ("异地", "市档案馆")):
		copy = backup_set(world, copy_type=copy_type, place=place, medium="硬盘")
		with as_user(world.manager):
			assert api.make_package(copy.name)["manifest_digest"] == digest


def test_a_package_of_nothing_is_refused(world):
	bset = backup_set(world, scope="Year", year=1999)
	with as_user(world.manager), pytest.raises(PreservationPackageError):
		api.make_package(bset.name)
	assert not frappe.db.get_value("Backup Set", bset.name, "package")


# Storage rooms


@pytest.fixture
def room():
	code = "R" + frappe.generate_hash(length=6).upper()
	frappe.get_doc(
		{
			"doctype": "Archive Location",
			"location_code": code,
			"location_name": f"库房{code}",
			"location_type": "库房",
		}
	).insert()
	return code


def reading(world, room, t, rh):
	with as_user(world.manager):
		return frappe.get_doc(
			{"doctype": "Storage Environment Reading", "location": room, "temperature": t, "humidity": rh}
		).insert()


def room_alerts(world, room):
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": world.manager, "subject": ("like", f"%{room}%")},
		pluck="subject",
	)


def test_out_of_range_readings_are_flagged_and_notify_the_manager(world, room):
	other_manager = world.manager
	with as_user("Administrator"):
		hot = frappe.get_doc(
			{"doctype": "Storage Environment Reading", "location": room, "temperature": 26.5, "humidity": 63}
		).insert()
	assert hot.out_of_range and hot.problems == "温度 26.5 ℃ 高于上限 24 ℃；相对湿度 63% 高于上限 60%"
	assert any("温度 26.5 ℃ 高于上限 24 ℃" in s for s in room_alerts(world, room))
	assert hot.recorded_by == "Administrator" and other_manager


def test_readings_within_limits_do_not_notify_and_limits_come_from_settings(world, room):
	ok = reading(world, room, 20, 50)
	assert not ok.out_of_range and not room_alerts(world, room)
	frappe.db.set_single_value("Archive Settings", "temperature_max", 19)
	assert reading(world, room, 20, 50).out_of_range


def test_the_report_charts_each_room_over_time(world, room):
	from archive_mgmt.preservation.report.storage_environment.storage_environment import execute

	reading(world, room, 20, 50)
	reading(world, room, 25, 50)
	_columns, data, _msg, chart = execute({"location": room, "from_date": "2000-01-01"})
	assert [r.temperature for r in data] == [20, 25] and [r.out_of_range for r in data] == [0, 1]
	assert chart["type"] == "line" and {d["name"] for d in chart["data"]["datasets"]} == {
		f"{room} ℃",
		f"{room} %RH",
	}


def test_an_inspection_lists_the_eight_protections_and_tracks_follow_up(world, room):
	with as_user(world.manager):
		doc = frappe.get_doc({"doctype": "Storage Inspection", "location": room}).insert()
		assert [r.measure for r in doc.checks] == [
			"防盗",
			"防光",
			"防高温",
			"防火",
			"防潮",
			"防尘",
			"防鼠",
			"防虫",
		]
		assert doc.outcome == "合格" and doc.inspector == world.manager
		doc.checks[4].status = "不合格"
		with pytest.raises(frappe.ValidationError):
			doc.save()
		doc = frappe.get_doc("Storage Inspection", doc.name)
		assert doc.checks[4].status == "合格"  # the refused save changed nothing
		doc.checks[4].status = "不合格"
		doc.checks[4].finding = "东墙返潮，湿度偏高"
		doc.checks[4].follow_up = "增设除湿机"
		doc.save()
		assert doc.outcome == "待整改"
		doc.checks[4].follow_up_done = 1
		doc.save()
		assert doc.outcome == "已整改"
