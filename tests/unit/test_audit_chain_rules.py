"""The audit chain's rules: canonical form, digests, and what a verification finds after tampering."""

from datetime import datetime

from archive_mgmt.rules import audit_chain as chain

FIELDS = ("name", "user", "accessed_on", "action", "detail")
KEY = b"site secret"


def build(n=5, start=1, prev=chain.GENESIS):
	rows = []
	for i in range(start, start + n):
		row = {
			"name": f"log{i}",
			"user": f"u{i}@x",
			"accessed_on": datetime(2026, 12, 7, 10, 0, i, 123),
			"action": "查看",
			"detail": None,
		}
		row["chain_seq"], row["prev_digest"] = i, prev
		row["digest"] = chain.entry_digest(row, FIELDS, i, prev)
		prev = row["digest"]
		rows.append(row)
	return rows


def kinds(problems):
	return [(p.kind, p.seq) for p in problems]


def test_sm3_matches_the_standard_vector():
	assert chain.sm3(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_canonical_form_is_stable_across_types():
	a = {
		"name": "x",
		"user": "u",
		"accessed_on": datetime(2026, 1, 2, 3, 4, 5),
		"action": "查看",
		"detail": None,
	}
	b = dict(a, accessed_on=datetime(2026, 1, 2, 3, 4, 5, 0), detail="")
	assert chain.canonical(a, FIELDS, 1, "p") == chain.canonical(b, FIELDS, 1, "p")
	assert "查看".encode() in chain.canonical(a, FIELDS, 1, "p")


def test_an_intact_chain_verifies():
	assert chain.verify(build(), FIELDS) == []


def test_the_digest_covers_every_field_seq_and_prev():
	row = build(1)[0]
	base = chain.entry_digest(row, FIELDS, 1, chain.GENESIS)
	for key in FIELDS:
		assert chain.entry_digest(dict(row, **{key: "other"}), FIELDS, 1, chain.GENESIS) != base
	assert chain.entry_digest(row, FIELDS, 2, chain.GENESIS) != base
	assert chain.entry_digest(row, FIELDS, 1, "1" * 64) != base


def test_a_changed_entry_is_named():
	rows = build()
	rows[2]["user"] = "intruder@x"
	assert kinds(chain.verify(rows, FIELDS)) == [(chain.CHANGED, 3)]


def test_a_changed_entry_with_its_digest_recomputed_breaks_the_next_link():
	rows = build()
	rows[2]["user"] = "intruder@x"
	rows[2]["digest"] = chain.entry_digest(rows[2], FIELDS, 3, rows[2]["prev_digest"])
	assert kinds(chain.verify(rows, FIELDS)) == [(chain.BROKEN_LINK, 4)]


def test_a_deleted_entry_leaves_a_gap():
	rows = build()
	del rows[1]
	problems = chain.verify(rows, FIELDS)
	assert kinds(problems) == [(chain.MISSING, 2)]
	assert problems[0].detail == {"to": 2}


def test_an_inserted_entry_is_found():
	rows = build()
	fake = dict(rows[1], name="fake")
	assert kinds(chain.verify([*rows, fake], FIELDS)) == [(chain.DUPLICATE, 2)]
	unchained = {"name": "raw", "user": "x", "chain_seq": None, "digest": None}
	assert [(p.kind, p.name) for p in chain.verify([*rows, unchained], FIELDS)] == [(chain.UNCHAINED, "raw")]


def test_a_run_continues_the_chain_before_it():
	rows = build(8)
	assert chain.verify(rows[3:], FIELDS, prev=rows[2]["digest"], first_seq=4) == []
	assert kinds(chain.verify(rows[3:], FIELDS, prev=chain.GENESIS, first_seq=4)) == [(chain.BROKEN_LINK, 4)]


def anchor_for(rows, day="2026-12-07", key=KEY):
	last = rows[-1]
	anchor = {
		"anchor_date": day,
		"first_seq": rows[0]["chain_seq"],
		"last_seq": last["chain_seq"],
		"entries": len(rows),
		"last_digest": last["digest"],
	}
	message = chain.anchor_message(day, anchor["first_seq"], anchor["last_seq"], len(rows), last["digest"])
	anchor["signature"] = chain.sign(key, message)
	return anchor


def test_an_anchor_holds_for_its_day():
	rows = build()
	assert chain.verify_anchor(KEY, anchor_for(rows), rows) == []


def test_an_anchor_catches_a_rewritten_tail_and_entries_beyond_it():
	rows = build()
	anchor = anchor_for(rows)
	# the whole chain recomputed after an appended forgery: the chain verifies, the anchor does not
	forged = build(6)
	assert chain.verify(forged, FIELDS) == []
	assert kinds(chain.verify_anchor(KEY, anchor, forged)) == [(chain.UNANCHORED, 6)]
	# the last entry rewritten with a recomputed digest
	rewritten = build(5)
	rewritten[4]["user"] = "x"
	rewritten[4]["digest"] = chain.entry_digest(rewritten[4], FIELDS, 5, rewritten[4]["prev_digest"])
	assert kinds(chain.verify_anchor(KEY, anchor, rewritten)) == [(chain.ANCHOR_MISMATCH, 5)]


def test_an_anchor_cannot_be_forged_without_the_key():
	rows = build()
	anchor = anchor_for(rows, key=b"guessed")
	assert kinds(chain.verify_anchor(KEY, anchor, rows)) == [(chain.ANCHOR_FORGED, None)]
	anchor = anchor_for(rows)
	anchor["entries"] = 4
	assert kinds(chain.verify_anchor(KEY, anchor, rows)) == [(chain.ANCHOR_FORGED, None)]
