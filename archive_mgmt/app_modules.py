"""The app's Frappe modules, one per area of the archive (modules.txt, the one list of them)."""

from pathlib import Path

MODULES: tuple[str, ...] = tuple(
	line.strip()
	for line in (Path(__file__).parent / "modules.txt").read_text(encoding="utf-8").splitlines()
	if line.strip()
)


def is_ours(module: str | None) -> bool:
	return module in MODULES
