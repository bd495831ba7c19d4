"""The audit chain (审计链): log entries linked by SM3 digests, anchored per day by a keyed signature.

Each entry carries its sequence number, the digest of the entry before it (``prev``) and its own digest,
SM3 over its canonical serialisation (its fields and ``prev``). Changing an entry breaks its digest;
deleting one leaves a gap in the sequence and breaks the link of the next; inserting one repeats a
sequence number or breaks a link. Someone who rewrites the whole chain from some entry on is caught by
the day's anchor: the last sequence number and digest of each day, signed with HMAC-SM3 under a key kept
outside the database.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

GENESIS = "0" * 64  # the "digest before" the first entry

# What can be wrong with an entry (the caller words it for people).
CHANGED = "changed"  # its content no longer gives its digest
BROKEN_LINK = "broken_link"  # it does not carry the digest of the entry before it
MISSING = "missing"  # sequence numbers with no entry: deleted
DUPLICATE = "duplicate"  # a sequence number that is already taken: inserted
UNCHAINED = "unchained"  # an entry without a place in the chain: inserted outside it
UNANCHORED = "unanchored"  # entries of a day beyond what its anchor signed: inserted, or anchor removed
ANCHOR_FORGED = "anchor_forged"  # an anchor whose signature does not hold
ANCHOR_MISMATCH = "anchor_mismatch"  # an anchor that does not end where the chain ends that day


@dataclass(frozen=True)
class Problem:
	kind: str
	seq: int | None = None
	name: str | None = None
	detail: dict = field(default_factory=dict)


def sm3(data: bytes) -> str:
	return hashlib.new("sm3", data).hexdigest()


def _plain(value) -> str:
	"""One value as text, the same whether it was just written or read back from the database."""
	if value is None:
		return ""
	if isinstance(value, datetime):
		return value.strftime("%Y-%m-%d %H:%M:%S.%f")
	if isinstance(value, date):
		return value.isoformat()
	return str(value)


def canonical(entry: Mapping, fields: Sequence[str], seq: int, prev: str) -> bytes:
	"""The entry's bytes for its digest: sorted-key JSON of its fields as text, its seq and prev."""
	body = {name: _plain(entry.get(name)) for name in fields}
	body["#seq"] = str(int(seq))
	body["#prev"] = prev
	return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def entry_digest(entry: Mapping, fields: Sequence[str], seq: int, prev: str) -> str:
	return sm3(canonical(entry, fields, seq, prev))


def verify(
	entries: Iterable[Mapping],
	fields: Sequence[str],
	prev: str = GENESIS,
	first_seq: int = 1,
	seq_key: str = "chain_seq",
	prev_key: str = "prev_digest",
	digest_key: str = "digest",
) -> list[Problem]:
	"""Every problem of a run of entries that should continue a chain at `first_seq` after `prev`."""
	problems: list[Problem] = []
	chained = []
	for entry in entries:
		if not entry.get(seq_key) or not entry.get(digest_key):
			problems.append(Problem(UNCHAINED, None, entry.get("name")))
		else:
			chained.append(entry)
	chained.sort(key=lambda e: int(e[seq_key]))
	expected = first_seq
	for seq, group in _by_seq(chained, seq_key):
		# of entries sharing a number, the one that holds is the chain's; the others were inserted
		group.sort(key=lambda e: not _holds(e, fields, seq, prev_key, digest_key))
		entry = group[0]
		problems.extend(Problem(DUPLICATE, seq, other.get("name")) for other in group[1:])
		if seq > expected:
			problems.append(Problem(MISSING, expected, None, {"to": seq - 1}))
		if not _holds(entry, fields, seq, prev_key, digest_key):
			problems.append(Problem(CHANGED, seq, entry.get("name")))
		elif (entry.get(prev_key) or "") != prev and seq == expected:
			problems.append(Problem(BROKEN_LINK, seq, entry.get("name")))
		prev, expected = entry[digest_key], seq + 1
	return problems


def _holds(entry, fields, seq, prev_key, digest_key) -> bool:
	return entry_digest(entry, fields, seq, entry.get(prev_key) or "") == entry[digest_key]


def _by_seq(entries, seq_key):
	groups: dict[int, list] = {}
	for entry in entries:
		groups.setdefault(int(entry[seq_key]), []).append(entry)
	return sorted(groups.items())


def anchor_message(day: str, first_seq: int, last_seq: int, entries: int, last_digest: str) -> bytes:
	return f"{day}|{int(first_seq)}|{int(last_seq)}|{int(entries)}|{last_digest}".encode()


def sign(key: bytes, message: bytes) -> str:
	"""HMAC-SM3 of the message under the key."""
	return hmac.new(key, message, "sm3").hexdigest()


def signature_holds(key: bytes, message: bytes, signature: str | None) -> bool:
	return bool(signature) and hmac.compare_digest(sign(key, message), signature)


def verify_anchor(
	key: bytes,
	anchor: Mapping,
	day_entries: Sequence[Mapping],
	seq_key: str = "chain_seq",
	digest_key: str = "digest",
) -> list[Problem]:
	"""An anchor against the chained entries of its day: its signature, and that it ends where they end."""
	day = _plain(anchor["anchor_date"])
	message = anchor_message(
		day, anchor["first_seq"], anchor["last_seq"], anchor["entries"], anchor["last_digest"]
	)
	if not signature_holds(key, message, anchor.get("signature")):
		return [Problem(ANCHOR_FORGED, None, day)]
	problems = []
	beyond = [e for e in day_entries if e.get(seq_key) and int(e[seq_key]) > int(anchor["last_seq"])]
	for entry in beyond:
		problems.append(Problem(UNANCHORED, int(entry[seq_key]), entry.get("name"), {"day": day}))
	within = [e for e in day_entries if e.get(seq_key) and int(e[seq_key]) <= int(anchor["last_seq"])]
	last = max(within, key=lambda e: int(e[seq_key]), default=None)
	if (
		last is None
		or int(last[seq_key]) != int(anchor["last_seq"])
		or last[digest_key] != anchor["last_digest"]
		or len(within) != int(anchor["entries"])
	):
		problems.append(
			Problem(ANCHOR_MISMATCH, int(anchor["last_seq"]), day, {"day": day, "entries": len(within)})
		)
	return problems
