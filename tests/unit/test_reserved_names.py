"""No DocType of ours may share a name with one of Frappe's, ERPNext's, HRMS's or Lending's."""

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RESERVED_FILE = REPO / "tests" / "data" / "reserved_doctype_names.txt"


def our_doctypes() -> list[str]:
	names = []
	for path in (REPO / "archive_mgmt").glob("*/doctype/*/*.json"):
		doc = json.loads(path.read_text(encoding="utf-8"))
		if doc.get("doctype") == "DocType":
			names.append(doc["name"])
	return names


def reserved() -> set[str]:
	if not RESERVED_FILE.exists():
		pytest.fail(f"{RESERVED_FILE} is missing")
	lines = RESERVED_FILE.read_text(encoding="utf-8").splitlines()
	return {
		line.split("\t", 1)[1].strip().casefold()
		for line in lines
		if "\t" in line and not line.startswith("#")
	}


def test_the_app_has_its_doctypes():
	assert {"Archive Item", "Dossier", "Fonds", "Retention Rule", "Archive Settings"} <= set(our_doctypes())


def test_no_doctype_reuses_a_reserved_name():
	clashes = sorted(n for n in our_doctypes() if n.casefold() in reserved())
	assert not clashes, f"DocType names taken by Frappe/ERPNext/HRMS/Lending: {clashes}"


def test_doctype_folders_match_their_names():
	for path in (REPO / "archive_mgmt").glob("*/doctype/*/*.json"):
		doc = json.loads(path.read_text(encoding="utf-8"))
		assert path.stem == path.parent.name == doc["name"].lower().replace(" ", "_")
