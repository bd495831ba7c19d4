"""The audit trail that proves itself: the Archive Access Log as an SM3 hash chain, anchored per day.

Every row of the Archive Access Log (accesses to secret records, and the records of role, clearance,
secrecy-level and destruction changes, access_log.py) takes the next number of the chain and carries the
digest of the row before it (rules/audit_chain.py). Appending is serialised: a named database lock held
until the transaction ends, and the head read with a locking read, so two writers never take the same
number. Each append also rewrites the day's Audit Chain
Anchor (last number and digest of the day), signed with HMAC-SM3 under a key derived from the site's
encryption key, which lives in site_config.json, not in the database.

``check()`` verifies the whole chain and every anchor, and names each row changed, deleted or inserted
outside the app (in the user's language). It runs daily (the security auditors are notified of any
finding) and on demand by the security auditor (the Archive Access Log report's button).
``export()`` gives the trail of a period as an Excel workbook and a signed digest of that file.
"""

import io
import json
import zipfile

import frappe
from frappe import _
from frappe.utils import add_days, cint, getdate, now_datetime
from frappe.utils.password import get_encryption_key
from openpyxl import Workbook

from archive_mgmt.rules import audit_chain as rules

LOG = "Archive Access Log"
ANCHOR = "Audit Chain Anchor"
# The fields of a log row that its digest covers (with its number and the digest before it).
FIELDS = (
	"name",
	"user",
	"accessed_on",
	"action",
	"reference_doctype",
	"reference_name",
	"secrecy_level",
	"ip_address",
	"detail",
)
LOCK_TIMEOUT = 30  # seconds a writer waits for another to finish appending


def audit_key() -> bytes:
	"""The key of the anchors' and exports' signatures: derived from the site's encryption key
	(site_config.json), so that whoever can write the database but not read the site's configuration
	cannot sign."""
	return bytes.fromhex(rules.sm3(b"archive_mgmt audit chain|" + get_encryption_key().encode()))


# --- appending -------------------------------------------------------------------------------------


def _lock_name() -> str:
	return f"archive_mgmt:audit_chain:{frappe.conf.db_name}"[:64]


def take_lock() -> None:
	"""Hold the chain's lock until this transaction commits or rolls back (once per transaction)."""
	if getattr(frappe.local, "audit_chain_locked", False):
		return
	if not cint(frappe.db.sql("select get_lock(%s, %s)", (_lock_name(), LOCK_TIMEOUT))[0][0]):
		frappe.throw(_("The audit trail is busy: try again"), exc=frappe.QueryTimeoutError)
	frappe.local.audit_chain_locked = True
	frappe.db.after_commit.add(release_lock)
	frappe.db.after_rollback.add(release_lock)


def release_lock() -> None:
	if getattr(frappe.local, "audit_chain_locked", False):
		frappe.local.audit_chain_locked = False
		frappe.db.sql("select release_lock(%s)", (_lock_name(),))


def head() -> tuple[int, str]:
	"""The last number of the chain and its digest (a locking read: the latest committed, not a snapshot)."""
	row = frappe.db.sql(
		f"""select `chain_seq`, `digest` from `tab{LOG}` where `chain_seq` > 0
		order by `chain_seq` desc limit 1 for update"""
	)
	return (int(row[0][0]), row[0][1]) if row else (0, rules.GENESIS)


def place(doc) -> None:
	"""before_insert of a log row: take the lock and the next number after the head."""
	take_lock()
	seq, prev = head()
	doc.chain_seq, doc.prev_digest, doc.digest = seq + 1, prev, None


def seal(doc) -> None:
	"""after_insert of a log row: its digest, from the row as stored, and the day's anchor."""
	row = frappe.db.sql(
		f"select {', '.join(f'`{f}`' for f in FIELDS)} from `tab{LOG}` where `name` = %s",
		doc.name,
		as_dict=True,
	)[0]
	digest = rules.entry_digest(row, FIELDS, doc.chain_seq, doc.prev_digest)
	frappe.db.sql(f"update `tab{LOG}` set `digest` = %s where `name` = %s", (digest, doc.name))
	doc.digest = digest
	anchor_day(getdate(row.accessed_on), doc.chain_seq, digest)


def anchor_day(day, seq: int, digest: str) -> None:
	"""The day's anchor now ends at this row: number, digest and count, signed."""
	day = getdate(day).isoformat()
	anchor = frappe.db.get_value(ANCHOR, day, ["first_seq", "entries"], as_dict=True, for_update=True)
	first, entries = (int(anchor.first_seq), int(anchor.entries) + 1) if anchor else (seq, 1)
	values = {
		"first_seq": first,
		"last_seq": seq,
		"entries": entries,
		"last_digest": digest,
		"signature": rules.sign(audit_key(), rules.anchor_message(day, first, seq, entries, digest)),
	}
	if anchor:
		frappe.db.set_value(ANCHOR, day, values, update_modified=True)
	else:
		frappe.get_doc({"doctype": ANCHOR, "anchor_date": day, **values}).db_insert()


def chain_existing() -> int:
	"""Put the rows written before the chain existed into it, oldest first (a patch; idempotent)."""
	take_lock()
	names = frappe.db.sql_list(
		f"select `name` from `tab{LOG}` where ifnull(`chain_seq`, 0) = 0 order by `accessed_on`, `creation`, `name`"
	)
	for name in names:
		seq, prev = head()
		frappe.db.sql(
			f"update `tab{LOG}` set `chain_seq` = %s, `prev_digest` = %s where `name` = %s",
			(seq + 1, prev, name),
		)
		seal(frappe._dict(name=name, chain_seq=seq + 1, prev_digest=prev))
	return len(names)


# --- checking --------------------------------------------------------------------------------------


def check() -> list[dict]:
	"""Every finding on the chain and its anchors, each with a message naming the row (empty: intact)."""
	rows = frappe.db.sql(
		f"""select {", ".join(f"`{f}`" for f in FIELDS)}, `chain_seq`, `prev_digest`, `digest`
		from `tab{LOG}` order by `chain_seq`""",
		as_dict=True,
	)
	problems = rules.verify(rows, FIELDS)
	key = audit_key()
	anchors = frappe.get_all(
		ANCHOR,
		fields=["anchor_date", "first_seq", "last_seq", "entries", "last_digest", "signature"],
		order_by="anchor_date",
	)
	by_day = {}
	for row in rows:
		if row.chain_seq and row.digest:
			by_day.setdefault(getdate(row.accessed_on).isoformat(), []).append(row)
	for anchor in anchors:
		problems += rules.verify_anchor(key, anchor, by_day.pop(getdate(anchor.anchor_date).isoformat(), []))
	for day, entries in sorted(by_day.items()):  # days without an anchor: written outside the app
		problems += [rules.Problem(rules.UNANCHORED, int(e.chain_seq), e.name, {"day": day}) for e in entries]
	return [{"kind": p.kind, "seq": p.seq, "name": p.name, "message": describe(p)} for p in problems]


def describe(problem: rules.Problem) -> str:
	seq, name, detail = problem.seq, problem.name, problem.detail
	if problem.kind == rules.CHANGED:
		return _("Entry {0} of the audit trail ({1}) was changed after it was written").format(seq, name)
	if problem.kind == rules.BROKEN_LINK:
		return _(
			"Entry {0} of the audit trail ({1}) does not follow the entry before it: one of the two was rewritten"
		).format(seq, name)
	if problem.kind == rules.MISSING:
		return _("Entries {0} to {1} of the audit trail are missing: deleted").format(seq, detail["to"])
	if problem.kind == rules.DUPLICATE:
		return _(
			"Entry {0} of the audit trail ({1}) repeats a number already taken: inserted outside the app"
		).format(seq, name)
	if problem.kind == rules.UNCHAINED:
		return _("Audit trail row {0} is not in the chain: inserted outside the app").format(name)
	if problem.kind == rules.UNANCHORED:
		return _(
			"Entry {0} of the audit trail ({1}) is not covered by the signed anchor of {2}: inserted outside the app"
		).format(seq, name, detail["day"])
	if problem.kind == rules.ANCHOR_FORGED:
		return _("The audit trail's anchor of {0} does not bear the site's signature: it was changed").format(
			name
		)
	return _(
		"The audit trail of {0} does not end where its signed anchor ends: entries of that day were deleted, added or rewritten"
	).format(detail["day"])


def daily_check() -> None:
	"""Scheduled: verify the chain; tell the security auditors of any finding."""
	from archive_mgmt.notifications import notify
	from archive_mgmt.roles import SECURITY_AUDITOR

	problems = check()
	if not problems:
		return
	frappe.log_error(
		title=_("The audit trail was tampered with"), message="\n".join(p["message"] for p in problems)
	)
	from frappe.utils.user import get_users_with_role

	auditors = [u for u in get_users_with_role(SECURITY_AUDITOR) if u != "Administrator"]
	subject = _("The audit trail was tampered with: {0}").format(problems[0]["message"])
	notify(auditors, subject, frappe._dict(doctype=LOG, name=problems[0]["name"]))


# --- export ----------------------------------------------------------------------------------------

HEADERS = (
	"Chain Number",
	"Accessed On",
	"User",
	"Action",
	"Document Type",
	"Document",
	"Secrecy Level",
	"IP Address",
	"Detail",
	"Digest Before",
	"Digest",
)


def period_rows(from_date, to_date) -> list[dict]:
	return frappe.db.sql(
		f"""select `chain_seq`, `accessed_on`, `user`, `action`, `reference_doctype`, `reference_name`,
		`secrecy_level`, `ip_address`, `detail`, `prev_digest`, `digest` from `tab{LOG}`
		where `accessed_on` >= %s and `accessed_on` < %s order by `chain_seq`""",
		(getdate(from_date), add_days(getdate(to_date), 1)),
		as_dict=True,
	)


def export(from_date, to_date) -> tuple[str, bytes]:
	"""The trail of a period as a zip: the workbook, and its signed digest (JSON)."""
	from_date, to_date = getdate(from_date), getdate(to_date)
	rows = period_rows(from_date, to_date)
	wb = Workbook()
	ws = wb.active
	ws.title = _("Audit Trail")
	ws.append([_(h) for h in HEADERS])
	for r in rows:
		ws.append(
			[
				r.chain_seq,
				r.accessed_on,
				r.user,
				r.action,
				r.reference_doctype,
				r.reference_name,
				r.secrecy_level,
				r.ip_address,
				r.detail,
				r.prev_digest,
				r.digest,
			]
		)
	buffer = io.BytesIO()
	wb.save(buffer)
	workbook = buffer.getvalue()
	stem = f"audit-trail-{from_date.isoformat()}-{to_date.isoformat()}"
	statement = {
		"file": f"{stem}.xlsx",
		"from_date": from_date.isoformat(),
		"to_date": to_date.isoformat(),
		"entries": len(rows),
		"first_seq": rows[0].chain_seq if rows else None,
		"last_seq": rows[-1].chain_seq if rows else None,
		"last_digest": rows[-1].digest if rows else None,
		"exported_by": frappe.session.user,
		"exported_on": now_datetime().isoformat(sep=" "),
		"sm3": rules.sm3(workbook),
		"algorithm": "SM3 (GB/T 32905) of the file; HMAC-SM3 of this statement under the site's audit key",
	}
	statement["signature"] = rules.sign(audit_key(), _statement_message(statement))
	archive = io.BytesIO()
	with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
		z.writestr(f"{stem}.xlsx", workbook)
		z.writestr(f"{stem}.sm3.json", json.dumps(statement, ensure_ascii=False, indent=1))
	return f"{stem}.zip", archive.getvalue()


def _statement_message(statement: dict) -> bytes:
	body = {k: v for k, v in statement.items() if k != "signature"}
	return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def verify_export(workbook: bytes, statement: dict) -> bool:
	"""Whether the workbook is the one the statement digests, and the statement bears the site's signature."""
	return rules.sm3(workbook) == statement.get("sm3") and rules.signature_holds(
		audit_key(), _statement_message(statement), statement.get("signature")
	)
