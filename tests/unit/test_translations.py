"""Every user-facing string of the app has a Chinese translation (archive_mgmt/translations/zh.csv)."""

import csv
import json
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "archive_mgmt"
NEEDS_TRANSLATION = re.compile(r"[A-Za-z]")
PY_MESSAGE = re.compile(r"""\b_\(\s*(?P<q>"|')(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""")
JS_MESSAGE = re.compile(r"""\b__\(\s*(?P<q>"|'|`)(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""")


# Frappe's own Chinese stands for these, as it does across the desk: a Select option and a workspace heading,
# which the desk translates without a context. tests/integration/app/test_translations_frappe.py checks that
# Frappe has them.
LEFT_TO_FRAPPE = ("Queued", "Reports")


def translations() -> dict[str, str]:
	with open(APP / "translations" / "zh.csv", encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def doctype_strings(doc: dict):
	yield doc["name"]
	for field in doc.get("fields", []):
		yield field.get("label")
		yield field.get("description")
		if field.get("fieldtype") == "Select":
			yield from (field.get("options") or "").split("\n")
	for link in doc.get("links", []):
		yield link.get("group")


def json_strings(path: Path, doc: dict):
	kind = doc.get("doctype") if isinstance(doc, dict) else None
	if kind == "DocType":
		yield from doctype_strings(doc)
	elif kind == "Workflow":
		yield doc["name"]
		yield from (s["state"] for s in doc["states"])
		yield from (t["action"] for t in doc["transitions"])
	elif kind == "Workspace":
		yield doc["label"]
		yield from (link.get("label") for link in doc.get("links", []))
		yield from (s.get("label") for s in doc.get("shortcuts", []))
	elif kind in (
		"Report",
		"Number Card",
		"Dashboard Chart",
		"Print Format",
		"Notification",
		"Module Onboarding",
	):
		yield doc.get("name")
		yield doc.get("label")
		yield doc.get("title")
		yield doc.get("subject")
		yield doc.get("subtitle")
		yield doc.get("success_message")
	elif kind == "Onboarding Step":
		yield doc.get("title")
		yield doc.get("description")
		yield doc.get("action_label")
		yield doc.get("callback_title")
		yield doc.get("callback_message")
	elif isinstance(doc, list):  # fixtures
		for record in doc:
			if record.get("doctype") == "Role":
				yield record["role_name"]


def source_strings(path: Path):
	pattern = PY_MESSAGE if path.suffix == ".py" else JS_MESSAGE
	for match in pattern.finditer(path.read_text(encoding="utf-8")):
		yield match.group("s").encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def all_strings() -> dict[str, str]:
	found = {}
	for path in APP.rglob("*"):
		if "node_modules" in path.parts or path.name == "zh.csv":
			continue
		if path.suffix == ".json":
			doc = json.loads(path.read_text(encoding="utf-8"))
			strings = json_strings(path, doc)
		elif path.suffix in (".py", ".js"):
			strings = source_strings(path)
		else:
			continue
		for s in strings:
			if s and NEEDS_TRANSLATION.search(s):
				found.setdefault(s, str(path.relative_to(APP)))
	return found


def test_every_user_facing_string_has_a_chinese_translation():
	known = translations()
	missing = {
		s: where
		for s, where in all_strings().items()
		if not known.get(s, "").strip() and s not in LEFT_TO_FRAPPE
	}
	assert not missing, "no zh translation for:\n" + "\n".join(
		f"{w}: {s}" for s, w in sorted(missing.items())
	)


def test_translations_keep_their_placeholders():
	for source, target in translations().items():
		assert sorted(re.findall(r"\{\d+\}", source)) == sorted(re.findall(r"\{\d+\}", target)), source


def test_the_scanner_finds_messages_in_code():
	assert "Give a reason for returning the item" in all_strings()
	assert "Archive Manager" in all_strings()
	assert "Pending Review" in all_strings()
