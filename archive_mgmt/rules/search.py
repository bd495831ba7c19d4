"""Full-text search (档案检索) rules: the query language, the normal form of the indexed text, snippets.

No frappe import. The search snapshot (search/snapshot.py) keeps the places of the character bigrams of a
normalised text, and finds a phrase where its bigrams follow one another; normalise() maps each character to
one character (compatibility form without accents, case-folded, as the database's collation compares them),
so a substring of a text stays a substring of its normal form, position for position. A phrase of one
character has no bigram: the database's own ``like`` finds it.

The query language: words separated by spaces, ``"exact phrase"`` (spaces kept), ``-word`` or
``-"phrase"`` to exclude. Every word and phrase must be found (AND); none of the excluded ones may be.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

MAX_TERMS = 10
MAX_TERM_LENGTH = 100
QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Query:
	terms: tuple[str, ...] = ()
	excluded: tuple[str, ...] = ()
	dropped: tuple[str, ...] = field(default=(), compare=False)  # beyond MAX_TERMS

	@property
	def empty(self) -> bool:
		return not self.terms


def parse(text: str | None) -> Query:
	"""The words and phrases to find and to exclude, as typed (duplicates and empty quotes dropped)."""
	terms, excluded = [], []
	for match in QUERY_PART.finditer(text or ""):
		minus, quoted, word = match.groups()
		if word is not None:
			minus, term = ("-", word[1:]) if word.startswith("-") and len(word) > 1 else ("", word)
		else:
			term = quoted.strip()
		term = term[:MAX_TERM_LENGTH]
		if not term:
			continue
		target = excluded if minus else terms
		if term not in target:
			target.append(term)
	kept = terms[:MAX_TERMS]
	return Query(tuple(kept), tuple(excluded[:MAX_TERMS]), tuple(terms[MAX_TERMS:]))


def merge(*queries: Query) -> Query:
	"""Search within results: every query's terms must be found, none of their exclusions."""
	terms = tuple(dict.fromkeys(t for q in queries for t in q.terms))
	excluded = tuple(dict.fromkeys(t for q in queries for t in q.excluded))
	return Query(terms, excluded)


def _normal_char(char: str) -> str:
	decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
	folded = decomposed.casefold()
	if len(folded) == 1:
		return folded
	folded = char.casefold()
	return folded if len(folded) == 1 else char


_NORMAL: dict[str, str] = {}


def normalise(text: str) -> str:
	"""Each character as one character: compatibility form, accents dropped, case folded (as the database's
	case- and accent-insensitive collation compares them)."""
	out = []
	for char in text:
		normal = _NORMAL.get(char)
		if normal is None:
			normal = _NORMAL[char] = _normal_char(char)
		out.append(normal)
	return "".join(out)


def wants_files(value) -> bool:
	"""The 有无电子文件 filter's value: with files (1, true) or without (anything else)."""
	return str(value) in ("1", "true", "True")


def like_pattern(term: str) -> str:
	"""``%term%`` with like's wildcards (and its escape character) escaped."""
	escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
	return f"%{escaped}%"


def contains(text: str | None, term: str) -> bool:
	"""Whether the text contains the term, compared as normalise() compares."""
	return bool(text) and normalise(term) in normalise(text)


def snippet(text: str, terms, width: int = 40) -> str:
	"""An HTML excerpt of the text around the first term found, every term in it marked (<mark>)."""
	if not text:
		return ""
	normal = normalise(text)
	needles = [normalise(t) for t in terms if t]
	positions = [p for p in (normal.find(n) for n in needles) if p >= 0]
	first = min(positions) if positions else 0
	start = max(0, first - width // 2)
	end = min(len(text), start + width * 2)
	spans = []
	for needle in needles:
		at = normal.find(needle, start)
		while 0 <= at < end and needle:
			spans.append((at, min(at + len(needle), end)))
			at = normal.find(needle, at + len(needle))
	spans.sort()
	out, cursor = [], start
	for a, b in spans:
		if a < cursor:
			a = cursor
		if a >= b:
			continue
		out.append(html.escape(text[cursor:a]))
		out.append(f"<mark>{html.escape(text[a:b])}</mark>")
		cursor = b
	out.append(html.escape(text[cursor:end]))
	excerpt = "".join(out).replace("\n", " · ")
	return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")


CJK = re.compile(
	r"(?<=[\u3400-\u9fff\uf900-\ufaff，。、；：？！“”（）《》])\s+(?=[\u3400-\u9fff\uf900-\ufaff，。、；：？！“”（）《》])"
)


def join_cjk(text: str) -> str:
	"""OCR output spaces Chinese characters apart: join them again (spaces between Latin words stay)."""
	return CJK.sub("", text)


def character_accuracy(expected: str, found: str) -> float:
	"""1 - (edit distance / length of the expected text), over the texts without whitespace."""
	a = "".join(expected.split())
	b = "".join(found.split())
	if not a:
		return 1.0 if not b else 0.0
	previous = list(range(len(b) + 1))
	for i, ca in enumerate(a, 1):
		current = [i]
		for j, cb in enumerate(b, 1):
			current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
		previous = current
	return max(0.0, 1 - previous[-1] / len(a))
