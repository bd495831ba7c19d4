"""The house rules of the layout (README, Layout): whitelisted methods in api/, hooks that resolve, lifecycles
in controllers, every record of the app in the module of the folder it lives in."""

import importlib
import pkgutil
from pathlib import Path

import frappe

import archive_mgmt
from archive_mgmt import hooks
from archive_mgmt.patches.move_to_area_modules import shipped_records

APP = Path(archive_mgmt.__file__).parent


def all_modules():
	for info in pkgutil.walk_packages(archive_mgmt.__path__, "archive_mgmt."):
		if not info.name.endswith("_dashboard"):
			importlib.import_module(info.name)


def dotted_paths(value):
	if isinstance(value, str):
		if value.startswith("archive_mgmt."):
			yield value
	elif isinstance(value, dict):
		for v in value.values():
			yield from dotted_paths(v)
	elif isinstance(value, list | tuple):
		for v in value:
			yield from dotted_paths(v)


def test_every_whitelisted_method_of_the_app_is_in_api():
	all_modules()
	ours = [f for f in frappe.whitelisted if f.__module__.startswith("archive_mgmt.")]
	assert len(ours) > 25
	assert [
		f"{f.__module__}.{f.__name__}" for f in ours if not f.__module__.startswith("archive_mgmt.api.")
	] == []


def test_every_path_hooks_names_resolves():
	paths = {p for name in dir(hooks) if not name.startswith("_") for p in dotted_paths(getattr(hooks, name))}
	assert len(paths) > 30
	for path in sorted(paths):
		module, _, attr = path.rpartition(".")
		assert callable(getattr(importlib.import_module(module), attr)), path


def test_doc_events_serve_only_doctypes_the_app_does_not_own():
	own = set(
		frappe.get_all(
			"DocType", filters={"module": ("in", frappe.get_module_list("archive_mgmt"))}, pluck="name"
		)
	)
	assert own and not own & set(hooks.doc_events)


def test_every_record_of_the_app_is_in_the_module_of_its_folder():
	checked = 0
	for doctype, name, module in shipped_records():
		assert frappe.db.get_value(doctype, name, "module") == module, (doctype, name)
		checked += 1
	assert checked >= 43 + 13 + 7 + 1
	assert not (APP / "archive_management").exists()
