"""Preservation packages (BagIt, RFC 8493) and the register of backup sets (三套: 封存, 工作, 异地).

A package holds a selection's files under ``data/<reference code>/``, the catalogue of its items in
``data/catalogue.json`` and ``data/catalogue.xml``, and SHA-256 manifests, made and checked with
the ``bagit`` library. The package is a zip attached privately to its Backup Set; the SHA-256 of
its ``manifest-sha256.txt`` names the package, so the three copies of one package show the same
digest. Verifying re-reads every file against the manifests.
"""

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import bagit
import frappe
from frappe import _
from frappe.utils import now_datetime

from archive_mgmt.exceptions import PreservationPackageError
from archive_mgmt.rules.status import FILED, ON_LOAN

CATALOGUE_FIELDS = (
	"name",
	"reference_code",
	"fonds",
	"category",
	"year",
	"retention_period",
	"filing_unit",
	"item_no",
	"title",
	"responsible_party",
	"doc_number",
	"doc_date",
	"pages",
	"secrecy_level",
	"open_status",
	"carrier",
	"dossier",
	"filed_on",
)
MANIFEST = "manifest-sha256.txt"


def items_in_scope(backup_set) -> list[dict]:
	filters = {"status": ("in", (FILED, ON_LOAN))}
	if backup_set.scope == "Dossier":
		if not backup_set.dossier:
			frappe.throw(_("Choose the dossier to package"), exc=PreservationPackageError)
		filters["dossier"] = backup_set.dossier
	else:
		if not backup_set.fonds:
			frappe.throw(_("Choose the fonds to package"), exc=PreservationPackageError)
		filters["fonds"] = backup_set.fonds
		if backup_set.scope == "Year":
			if not backup_set.year:
				frappe.throw(_("Give the year to package"), exc=PreservationPackageError)
			filters["year"] = backup_set.year
	items = frappe.get_all(
		"Archive Item", filters=filters, fields=list(CATALOGUE_FIELDS), order_by="reference_code asc"
	)
	if not items:
		frappe.throw(_("No filed item falls in this selection"), exc=PreservationPackageError)
	return items


def write_payload(bag_dir: Path, items: list[dict]) -> int:
	bag_dir.mkdir(parents=True)
	count = 0
	catalogue = []
	for item in items:
		folder = safe_name(item.reference_code or item.name)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Archive Item", "attached_to_name": item.name, "is_folder": 0},
			fields=["name", "file_name"],
			order_by="creation asc",
		)
		entry = {k: (str(v) if v is not None else None) for k, v in item.items()}
		entry["files"] = []
		for f in files:
			source = frappe.get_doc("File", f.name).get_full_path()
			if not os.path.isfile(source):
				frappe.throw(
					_("File {0} of Archive Item {1} is missing: it cannot be packaged").format(
						f.file_name, item.name
					),
					exc=PreservationPackageError,
				)
			target = bag_dir / folder / safe_name(f.file_name)
			target.parent.mkdir(exist_ok=True)
			shutil.copyfile(source, target)
			entry["files"].append(f"{folder}/{target.name}")
			count += 1
		catalogue.append(entry)
	(bag_dir / "catalogue.json").write_text(
		json.dumps(catalogue, ensure_ascii=False, indent=1), encoding="utf-8"
	)
	root = ElementTree.Element("catalogue")
	for entry in catalogue:
		node = ElementTree.SubElement(root, "item")
		for key, value in entry.items():
			if key == "files":
				for path in value:
					ElementTree.SubElement(node, "file").text = path
			else:
				ElementTree.SubElement(node, key).text = value
	ElementTree.ElementTree(root).write(bag_dir / "catalogue.xml", encoding="utf-8", xml_declaration=True)
	return count


def safe_name(text: str) -> str:
	return "".join("_" if c in '/\\:*?"<>|' else c for c in str(text)).strip(". ") or "_"


def manifest_digest(bag_path: Path) -> str:
	return hashlib.sha256((bag_path / MANIFEST).read_bytes()).hexdigest()


def zip_dir(folder: Path) -> bytes:
	with tempfile.TemporaryFile() as buf:
		with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
			for path in sorted(folder.rglob("*")):
				if path.is_file():
					z.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
		buf.seek(0)
		return buf.read()


# Verifying


def verify_zip(content: bytes) -> dict:
	"""Unpack a package and validate it with bagit; a clear Chinese error when it does not validate."""
	with tempfile.TemporaryDirectory(prefix="archive-bag-check-") as tmp:
		root = Path(tmp)
		try:
			with zipfile.ZipFile(_as_file(content, root)) as z:
				for member in z.namelist():
					target = (root / "bag" / member).resolve()
					if not str(target).startswith(str((root / "bag").resolve())):
						frappe.throw(
							_("The package holds an unsafe path: {0}").format(member),
							exc=PreservationPackageError,
						)
				z.extractall(root / "bag")
		except zipfile.BadZipFile:
			frappe.throw(_("The preservation package is not a zip file"), exc=PreservationPackageError)
		found = list((root / "bag").rglob("bagit.txt"))
		if len(found) != 1:
			frappe.throw(
				_("The package is not a BagIt bag: bagit.txt not found"), exc=PreservationPackageError
			)
		bag_path = found[0].parent
		try:
			bag = bagit.Bag(str(bag_path))
			bag.validate(processes=1)
		except bagit.BagValidationError as e:
			frappe.throw(
				_("The preservation package does not validate: {0}").format(describe(e)),
				exc=PreservationPackageError,
			)
		except bagit.BagError as e:
			frappe.throw(
				_("The preservation package does not validate: {0}").format(str(e)),
				exc=PreservationPackageError,
			)
		catalogue = json.loads((bag_path / "data" / "catalogue.json").read_text(encoding="utf-8"))
		return {
			"valid": True,
			"manifest_digest": manifest_digest(bag_path),
			"items": len(catalogue),
			"files": len(bag.entries) - 2,
		}


def _as_file(content: bytes, root: Path) -> Path:
	path = root / "package.zip"
	path.write_bytes(content)
	return path


def describe(error) -> str:
	details = []
	for d in getattr(error, "details", None) or []:
		if isinstance(d, bagit.ChecksumMismatch):
			details.append(f"文件 {d.path} 的 {d.algorithm} 摘要与清单不符（已被改动）")
		elif isinstance(d, bagit.FileMissing):
			details.append(f"清单中的文件 {d.path} 缺失")
		elif isinstance(d, bagit.UnexpectedFile):
			details.append(f"文件 {d.path} 不在清单中")
		else:
			details.append(str(d))
	return "；".join(details) or str(error)


def make_package(backup_set: str) -> dict:
	"""Build the BagIt package of a Backup Set's selection, attach it, record its manifest digest."""
	doc = frappe.get_doc("Backup Set", backup_set)
	items = items_in_scope(doc)
	with tempfile.TemporaryDirectory(prefix="archive-bag-") as tmp:
		bag_dir = Path(tmp) / f"{doc.name}"
		file_count = write_payload(bag_dir, items)
		bag = bagit.make_bag(
			str(bag_dir),
			bag_info={
				"Source-Organization": items[0].fonds,
				"External-Identifier": doc.name,
				"External-Description": f"{doc.scope}: {doc.dossier or doc.year or doc.fonds}",
			},
			checksums=["sha256"],
		)
		digest = manifest_digest(Path(bag.path))
		content = zip_dir(bag_dir)
	file_doc = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{doc.name}.bag.zip",
			"attached_to_doctype": "Backup Set",
			"attached_to_name": doc.name,
			"attached_to_field": "package",
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	doc.update(
		{
			"package": file_doc.file_url,
			"manifest_digest": digest,
			"item_count": len(items),
			"file_count": file_count,
		}
	)
	doc.save()
	return {"package": file_doc.file_url, "manifest_digest": digest, "items": len(items), "files": file_count}


def verify_backup_set(backup_set: str) -> dict:
	"""Re-validate a Backup Set's package; the result and time are recorded on it."""
	doc = frappe.get_doc("Backup Set", backup_set)
	if not doc.package:
		frappe.throw(_("Backup set {0} has no package yet").format(backup_set), exc=PreservationPackageError)
	content = frappe.get_doc("File", {"file_url": doc.package, "attached_to_name": doc.name}).get_content()
	result = verify_zip(content if isinstance(content, bytes) else content.encode())
	if doc.manifest_digest and result["manifest_digest"] != doc.manifest_digest:
		frappe.throw(
			_("The package's manifests differ from the ones registered for backup set {0}").format(
				backup_set
			),
			exc=PreservationPackageError,
		)
	doc.db_set({"verified_on": now_datetime(), "verification": "通过：清单与全部文件摘要一致"})
	return result
