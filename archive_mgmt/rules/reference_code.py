"""Reference codes (档号): format, parse and sequence groups, from a configurable pattern.

A pattern is literal text with placeholders such as ``{fonds}`` or ``{item_no:04}``. The default is
the item-level code of DA/T 22-2015, ``{fonds}-{category}·{year}-{retention}-{unit}-{item_no:04}``;
DA/T 13-2022 arrangements such as ``{fonds}-{category}-{dossier_no:03}-{item_no:04}`` are
expressible too. The sequence is ``item_no`` (or, in a dossier's own code, ``dossier_no``); the
other placeholders form the group inside which the sequence runs.

No Frappe import here: this module is the rule, the DocTypes call it.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_ITEM_PATTERN = "{fonds}-{category}·{year}-{retention}-{unit}-{item_no:04}"
DEFAULT_DOSSIER_PATTERN = "{fonds}-{category}·{year}-{retention}-{unit}-{dossier_no:03}"

# What each placeholder may hold: the text of its value when formatted.
FIELD_PATTERNS = {
	"fonds": r"[A-Z0-9]{4}",
	"category": r"[A-Z0-9]{1,12}",
	"class": r"[A-Z0-9]{1,20}",
	"year": r"[0-9]{4}",
	"retention": r"(?:Y|D[0-9]{1,3})",
	"unit": r"[A-Z0-9]{1,20}",
	"dossier_no": r"[0-9]+",
	"item_no": r"[0-9]+",
}
NUMERIC_FIELDS = ("year", "dossier_no", "item_no")
SEQUENCE_FIELDS = ("item_no", "dossier_no")

_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::(0?)([0-9]+))?\}")


class PatternError(ValueError):
	"""The pattern itself is not usable."""


class CodeValueError(ValueError):
	"""A value cannot be written into a reference code."""


class CodeParseError(ValueError):
	"""A text is not a reference code of the pattern."""


@dataclass(frozen=True)
class Placeholder:
	name: str
	width: int = 0

	def render(self, value) -> str:
		if self.name in NUMERIC_FIELDS:
			number = _as_number(self.name, value)
			text = str(number).zfill(self.width) if self.width else str(number)
		else:
			text = str(value)
		if not re.fullmatch(FIELD_PATTERNS[self.name], text):
			raise CodeValueError(f"{self.name}: {text!r}")
		return text

	def regex(self) -> str:
		if self.name in ("dossier_no", "item_no") and self.width:
			return rf"(?P<{self.name}>[0-9]{{{self.width},}})"
		return rf"(?P<{self.name}>{FIELD_PATTERNS[self.name]})"


def _as_number(name: str, value) -> int:
	if isinstance(value, bool):
		raise CodeValueError(f"{name}: {value!r}")
	try:
		number = int(value)
	except (TypeError, ValueError):
		raise CodeValueError(f"{name}: {value!r}") from None
	if number < 0 or (name != "year" and number == 0):
		raise CodeValueError(f"{name}: {value!r}")
	return number


@dataclass(frozen=True)
class CodePattern:
	"""A compiled reference-code pattern."""

	text: str
	parts: tuple  # literal strings and Placeholders, in order

	@property
	def fields(self) -> tuple[str, ...]:
		return tuple(p.name for p in self.parts if isinstance(p, Placeholder))

	@property
	def sequence_field(self) -> str:
		"""item_no where the pattern has it (a dossier number is then part of the group), else dossier_no."""
		return next(f for f in SEQUENCE_FIELDS if f in self.fields)

	@property
	def group_fields(self) -> tuple[str, ...]:
		return tuple(f for f in self.fields if f != self.sequence_field)

	def format(self, values: Mapping) -> str:
		missing = [f for f in self.fields if values.get(f) in (None, "")]
		if missing:
			raise CodeValueError("missing: " + ", ".join(missing))
		return "".join(p.render(values[p.name]) if isinstance(p, Placeholder) else p for p in self.parts)

	def parse(self, code: str) -> dict:
		match = self._regex().fullmatch(code or "")
		if not match:
			raise CodeParseError(code)
		values = match.groupdict()
		for name in NUMERIC_FIELDS:
			if name in values:
				values[name] = int(values[name])
		try:
			canonical = self.format(values)
		except CodeValueError:
			raise CodeParseError(code) from None
		if canonical != code:
			raise CodeParseError(code)
		return values

	def group_key(self, values: Mapping) -> str:
		"""The text that names the sequence group of these values: the code without its number."""
		parts = []
		for part in self.parts:
			if not isinstance(part, Placeholder):
				parts.append(part)
			elif part.name == self.sequence_field:
				parts.append("#")
			else:
				parts.append(part.render(values.get(part.name)))
		return "".join(parts)

	def _regex(self) -> re.Pattern:
		return re.compile(
			"".join(p.regex() if isinstance(p, Placeholder) else re.escape(p) for p in self.parts)
		)


def compile_pattern(text: str) -> CodePattern:
	"""Compile and check a pattern; raise PatternError saying what is wrong."""
	if not text or not text.strip():
		raise PatternError("empty pattern")
	parts: list = []
	position = 0
	for match in _PLACEHOLDER.finditer(text):
		literal = text[position : match.start()]
		if "{" in literal or "}" in literal:
			raise PatternError(f"stray brace in {literal!r}")
		if literal:
			parts.append(literal)
		name, _zero, width = match.groups()
		if name not in FIELD_PATTERNS:
			raise PatternError(f"unknown placeholder {{{name}}}")
		if width and name not in ("dossier_no", "item_no"):
			raise PatternError(f"{{{name}}} takes no width")
		if parts and isinstance(parts[-1], Placeholder):
			raise PatternError(f"{{{parts[-1].name}}} and {{{name}}} need a separator between them")
		parts.append(Placeholder(name, int(width or 0)))
		position = match.end()
	tail = text[position:]
	if "{" in tail or "}" in tail:
		raise PatternError(f"stray brace in {tail!r}")
	if tail:
		parts.append(tail)

	names = [p.name for p in parts if isinstance(p, Placeholder)]
	if len(names) != len(set(names)):
		raise PatternError("a placeholder appears twice")
	if not any(n in SEQUENCE_FIELDS for n in names):
		raise PatternError("{item_no} or {dossier_no} is needed")
	for literal in (p for p in parts if not isinstance(p, Placeholder)):
		if re.search(r"[A-Za-z0-9]", literal):
			raise PatternError(f"separator {literal!r} must not contain letters or digits")
	return CodePattern(text=text, parts=tuple(parts))


def is_valid_value(field: str, text: str) -> bool:
	"""Whether a master's code can stand in a reference code as this placeholder's value."""
	return bool(re.fullmatch(FIELD_PATTERNS[field], text or ""))
