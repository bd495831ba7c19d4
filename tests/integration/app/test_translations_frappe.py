"""The app's Chinese never replaces Frappe's own: a string Frappe has is translated by us only under a context
(our DocType's name, as Frappe's desk passes it for field labels), read through Frappe's own functions.
Two exceptions: a Frappe string that has no Chinese at all (the form timeline, the list's menus) gets ours,
and the few that Frappe translates wrongly for an archive office (issue #21) are corrected (CORRECTED)."""

from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_translations_from_mo
from frappe.translate import (
	MERGED_TRANSLATION_KEY,
	get_all_translations,
	get_translation_dict_from_file,
	get_translations_from_csv,
)

import archive_mgmt
from tests.unit.test_translations import LEFT_TO_FRAPPE

OURS = Path(archive_mgmt.__file__).parent / "translations" / "zh.csv"


def frappe_messages() -> set[str]:
	with open(Path(frappe.get_app_path("frappe", "locale", "main.pot")), "rb") as f:
		return {m.id for m in read_po(f) if m.id and isinstance(m.id, str) and not m.context}


def frappe_zh() -> dict[str, str]:
	return {**get_translations_from_csv("zh", "frappe"), **(get_translations_from_mo("zh", "frappe") or {})}


# Frappe's Chinese that misleads in an archive office: 解雇 (fire someone) for Dismiss, 锶 (strontium) for Sr,
# 草案 for a Draft the workflows call 草稿, 总 for a 合计 row, 明确 (explicit) for an attachment's Clear, and
# 档案 (an archival record, here) for the File an attachment reloads, 跳跃 (leap) for an onboarding step's Skip.
CORRECTED = {
	"Dismiss": "关闭",
	"Sr": "序号",
	"Draft": "草稿",
	"Total": "合计",
	"Clear": "清除",
	"Reload File": "重新载入文件",
	"Skip": "跳过",
}


def translated(theirs: dict, key: str) -> bool:
	return theirs.get(key) not in (None, "", key)


def test_no_contextless_row_of_ours_changes_a_frappe_string():
	ours = get_translation_dict_from_file(str(OURS), "zh", "archive_mgmt")
	theirs = frappe_zh()
	known = frappe_messages() | set(theirs)
	overridden = sorted(
		key
		for key, text in ours.items()
		if ":" not in key and key in known and translated(theirs, key) and theirs.get(key) != text
	)
	assert overridden == sorted(CORRECTED), (
		f"rows of zh.csv that change Frappe's own words (give them a context): {overridden}"
	)
	assert {key: ours[key] for key in CORRECTED} == CORRECTED


def test_frappes_words_stay_frappes_and_ours_apply_under_their_context():
	frappe.cache.hdel(MERGED_TRANSLATION_KEY, "zh")
	merged = get_all_translations("zh")
	theirs = frappe_zh()
	for source in ("Recipient", "Result"):
		assert merged.get(source) == theirs.get(source), source
	for source, text in CORRECTED.items():
		assert merged[source] == text, source
	assert merged["Recipient:Care Recipient File"] == "服务对象"
	assert merged["Result:Four Property Check Result"] == "结果"
	assert frappe._("Attached To DocType", lang="zh", context="Fixity Failures") == "所属单据类型"


def test_what_we_leave_to_frappe_frappe_translates():
	theirs = frappe_zh()
	assert {key: translated(theirs, key) for key in LEFT_TO_FRAPPE} == dict.fromkeys(LEFT_TO_FRAPPE, True)
