"""Scratch space on disk, so that reading a big catalogue takes the same memory whatever its size.

Three things grow with a catalogue file: the workbook's shared strings (every distinct text in it,
which openpyxl would hold in a list), the keys of the rows already read (to find a row that repeats
an earlier one), and the errors found. A ``Scratch`` keeps them in a throw-away SQLite database in a
temporary directory, removed when the import ends. No Frappe here: the pure tier tests it.
"""

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

# Bound on SQLite's page cache (negative: KiB) and on the cache of recently read strings.
CACHE_KIB = 2048
STRING_CACHE = 4096
# SQLite's limit on the parameters of one statement is far above this.
LOOKUP_BATCH = 500


def digest(key: tuple) -> bytes:
	"""16 bytes standing for a duplicate key: colliding keys are out of reach (2**-64 at 10**10 rows)."""
	return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


class Scratch:
	def __init__(self):
		self._dir = tempfile.TemporaryDirectory(prefix="archive_mgmt-")
		self.db = sqlite3.connect(os.path.join(self._dir.name, "scratch.db"), isolation_level=None)
		self.db.execute(f"pragma cache_size = -{CACHE_KIB}")
		self.db.execute("pragma journal_mode = off")
		self.db.execute("pragma synchronous = off")
		self.db.executescript(
			"""
			create table strings (idx integer primary key, text text not null);
			create table seen (key blob primary key, row integer not null) without rowid;
			create table errors (id integer primary key, row integer, col text, reason text);
			"""
		)
		self.error_count = 0

	def __enter__(self):
		return self

	def __exit__(self, *exc):
		self.close()

	def close(self) -> None:
		self.db.close()
		self._dir.cleanup()

	# --- shared strings ---------------------------------------------------------------------------

	def keep_strings(self, texts: Iterable[str]) -> "SharedStrings":
		"""Store the texts in order; index i of the result is the i-th text."""
		with self.transaction():
			count = 0
			for count, text in enumerate(texts, start=1):
				self.db.execute("insert into strings (idx, text) values (?, ?)", (count - 1, text))
		return SharedStrings(self.db, count)

	# --- rows seen --------------------------------------------------------------------------------

	def earlier_rows(self, keys: Sequence[tuple[tuple, int]]) -> dict[int, int]:
		"""For (key, row) pairs in file order: {row: the earlier row with the same key}; remembers the new keys."""
		pairs = [(digest(key), row) for key, row in keys]
		first: dict[bytes, int] = {}
		for start in range(0, len(pairs), LOOKUP_BATCH):
			batch = [d for d, _ in pairs[start : start + LOOKUP_BATCH]]
			marks = ",".join("?" * len(batch))
			first.update(self.db.execute(f"select key, row from seen where key in ({marks})", batch))
		repeats, new = {}, []
		for key, row in pairs:
			if key in first:
				repeats[row] = first[key]
			else:
				first[key] = row
				new.append((key, row))
		with self.transaction():
			self.db.executemany("insert into seen (key, row) values (?, ?)", new)
		return repeats

	# --- errors -----------------------------------------------------------------------------------

	def add_errors(self, errors: Iterable[tuple[int, str, str]]) -> None:
		with self.transaction():
			before = self.db.total_changes
			self.db.executemany("insert into errors (row, col, reason) values (?, ?, ?)", errors)
			self.error_count += self.db.total_changes - before

	def errors(self) -> Iterator[tuple[int, str, str]]:
		"""(row, column, reason), in the order they were found."""
		yield from self.db.execute("select row, col, reason from errors order by id")

	def transaction(self):
		return _Transaction(self.db)


class _Transaction:
	def __init__(self, db):
		self.db = db

	def __enter__(self):
		self.db.execute("begin")

	def __exit__(self, exc_type, *exc):
		self.db.execute("rollback" if exc_type else "commit")


class SharedStrings(Sequence):
	"""The workbook's shared-string table, read from disk on demand (what openpyxl indexes by number)."""

	def __init__(self, db, count: int):
		self.db = db
		self.count = count
		self._get = lru_cache(maxsize=STRING_CACHE)(self._read)

	def __len__(self) -> int:
		return self.count

	def __getitem__(self, index):
		if isinstance(index, slice) or not 0 <= index < self.count:
			raise IndexError(index)
		return self._get(index)

	def _read(self, index: int) -> str:
		return self.db.execute("select text from strings where idx = ?", (index,)).fetchone()[0]
