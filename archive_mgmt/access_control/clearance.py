"""Archive clearance: what each user may learn of, as a rule for documents and as SQL for lists.

One place for "may this user know this Archive Item / Dossier exists": Frappe's permission hooks
(permissions.py), the app's reports, exports and link queries all use these functions.

- A user's clearance is their Archive Clearance record, else the default by role
  (rules.clearance.default_clearance), and never above 公开 for a holder of one of the separated duties
  (System Manager, Security Officer, Security Auditor: rules.clearance.within_duty). It is cached in Redis.
- A record is visible when its secrecy level is within the clearance, or, for an Archive Item,
  when an issued, unreturned loan of the user holds it out.
- A reader who has no other archive role sees only the items their issued loans hold out.
- Whoever decides on a document listing items (an approver, the appraisal group) learns of it, whatever its
  level, while it waits for them and after they decided (DECIDERS): one must see what one approves. They
  learn of its catalogue entries only (the rows copy the items' titles), never of the items' files.
- Each Archive Item names who holds it now (lent_to, written by its loans), so that a reader's list is one
  index range instead of a list of names; the loans stay the rule, the field only serves it.
"""

from collections import defaultdict
from functools import partial

import frappe
from frappe.model.workflow import get_workflow_name
from pypika.terms import Criterion

from archive_mgmt.roles import (
	ARCHIVE_MANAGER,
	ARCHIVE_READER,
	ARCHIVE_ROLES,
	DUTIES,
	LEADER_IN_CHARGE,
	OFFICE_DIRECTOR,
	PRINCIPAL,
)
from archive_mgmt.rules import clearance as rules
from archive_mgmt.rules.description import SECRECY_LEVELS, highest_secrecy
from archive_mgmt.sql import escaped_list, sql_in

TOP_ROLES = frozenset({ARCHIVE_MANAGER, PRINCIPAL})
STAFF_ROLES = frozenset(ARCHIVE_ROLES)
# Roles that read the catalogue (within their clearance); anyone else reads only items lent to them.
CATALOGUE_ROLES = (STAFF_ROLES - {ARCHIVE_READER}) | {"System Manager"}
LEVELLED = ("Archive Item", "Dossier")
# Documents that list Archive Items (and copy their titles): each carries the highest level of its items in
# a field, and a user learns of one only within their clearance — unless they are among those who chose its
# items (the users named in the "chosen by" fields).
LISTINGS = {
	"Loan Request": ("highest_secrecy", ("owner", "borrower")),
	"Utilization Effect Record": ("secrecy_level", ("owner", "borrower")),
	"Destruction Batch": ("secrecy_level", ("owner",)),
	"Handover List": ("secrecy_level", ("owner",)),
	"Declassification Review": ("secrecy_level", ("owner",)),
	# The office's documents (收发文) carry their own level; they list no items (no LISTING_ROWS entry).
	"Incoming Office Document": ("secrecy_level", ("owner", "handler", "proposed_leader")),
	"Outgoing Office Document": ("secrecy_level", ("owner", "drafter")),
}
# Who decides on a listing document, whatever its level (an approver must see what they approve):
# - "stamps": the fields the workflow writes with the user who took a decision step;
# - "members": the child table (field user) naming the group that decides on it;
# and anyone holding a DECIDING_ROLE while the document waits in a state where that role acts.
DECIDERS = {
	"Loan Request": {"stamps": ("office_director_approved_by", "leader_approved_by", "secrecy_approved_by")},
	"Destruction Batch": {
		"stamps": (
			"appraised_by",
			"office_director_approver",
			"leader_approver",
			"principal_approver",
			"rejected_by",
		),
		"members": "Appraisal Group Member",  # the batch's appraisal_members
	},
	"Declassification Review": {"stamps": ("decided_by",)},
	# readers it is circulated to (within their clearance), the units countersigning it
	"Incoming Office Document": {
		"stamps": ("proposed_by", "instructed_by"),
		"members": "Office Document Reader",
	},
	"Outgoing Office Document": {"stamps": ("checked_by", "signed_by"), "members": "Office Countersign"},
}
DECIDING_ROLES = frozenset({OFFICE_DIRECTOR, LEADER_IN_CHARGE, PRINCIPAL})
# The child table (field archive_item) by which each listing document names its items.
LISTING_ROWS = {
	"Loan Request": "Loan Request Item",
	"Utilization Effect Record": "Utilization Effect Item",
	"Destruction Batch": "Destruction Batch Item",
	"Handover List": "Handover List Item",
	"Declassification Review": "Declassification Review Item",
}


# Every list of Archive Items asks for the user's clearance and the items lent to them, so both are kept in
# Redis per user (frappe.cache, which also keeps them for the rest of the request).
CLEARANCE_CACHE = "archive_mgmt:clearance"
LENT_CACHE = "archive_mgmt:lent"


def forget(key: str) -> None:
	"""Forget a cached key now (this request reads its own change), after the commit (another request may
	have cached the state before it) and after a rollback (this request may have cached a change that never
	happened)."""
	delete = partial(frappe.cache.delete_value, key)
	delete()
	frappe.db.after_commit.add(delete)
	frappe.db.after_rollback.add(delete)


def clear_cache(doc=None, method=None):
	"""Forget cached clearances (a clearance or a user's roles changed)."""
	forget(CLEARANCE_CACHE)


def loan_changed(doc, method=None):
	"""on_change/after_delete of a Loan Request: who holds its items may have changed."""
	forget(LENT_CACHE)
	set_holders(row.archive_item for row in doc.get("items") or [])


def default_clearance(user: str) -> str:
	if user == "Administrator":
		return rules.TOP
	desk_user = frappe.db.get_value("User", user, "user_type") == "System User"
	roles = frappe.get_roles(user)
	return rules.within_duty(rules.default_clearance(roles, desk_user, TOP_ROLES, STAFF_ROLES), roles, DUTIES)


def user_clearance(user: str | None = None) -> str:
	"""The user's clearance: their Archive Clearance record, else the default by role."""
	user = user or frappe.session.user
	return frappe.cache.hget(CLEARANCE_CACHE, user, generator=lambda: _recorded_or_default(user))


def _recorded_or_default(user: str) -> str:
	recorded = frappe.db.get_value("Archive Clearance", user, "clearance")
	if not rules.is_clearance(recorded):
		return default_clearance(user)
	if user == "Administrator":  # Frappe gives it every role: the duties' cap does not apply
		return recorded
	return rules.within_duty(recorded, frappe.get_roles(user), DUTIES)


def reads_catalogue(user: str) -> bool:
	"""Whether the user reads the catalogue at all (else only what is lent to them)."""
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & CATALOGUE_ROLES)


def sees_everything(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or (reads_catalogue(user) and user_clearance(user) == rules.TOP)


def items_on_loan_to(user: str) -> list[str]:
	"""Archive Items an issued, unreturned loan of the user (as requester or borrower) holds out."""
	return _lent(user)["names"]


def _lent(user: str) -> dict:
	"""The items lent to the user, as names and as an SQL value list (escaped once, not per list view).

	``marked``: the items' lent_to names the user on no item they do not hold, so it may stand for them;
	``unmarked_sql``: then the held items it does not name (another holder of the same item is named there).
	"""

	def query():
		names = _query_items_on_loan_to(user)
		marked = set(
			frappe.get_all("Archive Item", filters={"lent_to": user}, pluck="name", ignore_permissions=True)
		)
		usable = bool(marked) and marked <= set(names)
		return {
			"names": names,
			"sql": escaped_list(names),
			"marked": usable,
			"unmarked_sql": escaped_list(n for n in names if n not in marked)
			if usable
			else escaped_list(names),
		}

	return frappe.cache.hget(LENT_CACHE, user, generator=query)


def _lent_rows():
	"""Rows of issued loans whose item is not back yet: what is lent now, and on which loan."""
	lri, lr = frappe.qb.DocType("Loan Request Item"), frappe.qb.DocType("Loan Request")
	query = (
		frappe.qb.from_(lri)
		.join(lr)
		.on((lr.name == lri.parent) & (lri.parenttype == "Loan Request"))
		.where(lr.workflow_state == "Issued")
		.where(lri.issued_on.isnotnull())
		.where(lri.returned_on.isnull())
		.where(lri.archive_item.isnotnull())
	)
	return query, lri, lr


def _query_items_on_loan_to(user: str) -> list[str]:
	query, lri, lr = _lent_rows()
	return (
		query.select(lri.archive_item)
		.distinct()
		.where((lr.owner == user) | (lr.borrower == user))
		.orderby(lri.archive_item)
		.run(pluck=True)
	)


def set_holders(items=None) -> None:
	"""Write on each item who holds it now (Archive Item.lent_to): the borrower, or on a loan without one the
	requester, of its latest issued loan row not returned; empty once it is back.

	``items``: those a loan names (None: every item lent now or marked as lent, as a patch needs).
	"""
	query, lri, lr = _lent_rows()
	query = query.select(lri.archive_item, lr.borrower, lr.owner).orderby(lri.issued_on)
	if items is not None:
		items = sorted({i for i in items if i})
		if not items:
			return
		query = query.where(lri.archive_item.isin(items))
	holders = {item: borrower or owner for item, borrower, owner in query.run()}  # the latest issue wins
	if items is None:
		marked = frappe.get_all(
			"Archive Item", filters={"lent_to": ("is", "set")}, pluck="name", ignore_permissions=True
		)
		items = sorted(set(holders) | set(marked))
	by_holder = defaultdict(list)
	for item in items:
		by_holder[holders.get(item)].append(item)
	for holder, names in by_holder.items():
		for start in range(0, len(names), 1000):
			frappe.db.sql(
				"""update `tabArchive Item` set `lent_to` = %(holder)s
				where `name` in %(names)s and not (`lent_to` <=> %(holder)s)""",
				{"holder": holder, "names": tuple(names[start : start + 1000])},
			)


def item_condition(user: str | None = None, table: str = "`tabArchive Item`") -> str:
	"""SQL condition on Archive Item rows the user may learn of ("" when they may see all).

	Index-friendly: a secrecy-level list, OR a literal list of the items lent to the user; for a reader who
	reads only what is lent to them, the items naming them in lent_to (the index led by lent_to), OR a
	literal list of the few they hold that name another holder.
	"""
	user = user or frappe.session.user
	if sees_everything(user):
		return ""
	lent = _lent(user)
	parts = []
	if reads_catalogue(user):
		parts.append(sql_in(f"{table}.`secrecy_level`", rules.visible_levels(user_clearance(user))))
		lent_sql = lent["sql"]  # a name list keeps the secrecy indexes covering
	else:
		if lent["marked"]:
			parts.append(f"{table}.`lent_to` = {frappe.db.escape(user)}")
		lent_sql = lent["unmarked_sql"]
	if lent_sql:
		parts.append(f"{table}.`name` in ({lent_sql})")
	if not parts:
		return "1=0"
	return "(" + " or ".join(parts) + ")"


def visible_levels(user: str | None = None) -> tuple[str, ...]:
	"""The secrecy levels the user's clearance covers (all of them for whoever sees everything)."""
	user = user or frappe.session.user
	if sees_everything(user):
		return SECRECY_LEVELS
	return rules.visible_levels(user_clearance(user))


def dossier_condition(user: str | None = None, table: str = "`tabDossier`") -> str:
	"""SQL condition on Dossier rows the user may learn of ("" when they may see all).

	A dossier's level is the highest of its items' (kept so by the Dossier and by sync_dossier_level).
	"""
	user = user or frappe.session.user
	if sees_everything(user):
		return ""
	return sql_in(f"{table}.`secrecy_level`", rules.visible_levels(user_clearance(user)))


def condition_for(doctype: str, user: str | None = None, table: str | None = None) -> str:
	"""The condition for a levelled or listing DocType (for reports, number cards and charts)."""
	table = table or f"`tab{doctype}`"
	if doctype == "Archive Item":
		return item_condition(user, table)
	if doctype == "Dossier":
		return dossier_condition(user, table)
	if doctype in LISTINGS:
		return listing_condition(doctype, user)
	raise ValueError(doctype)


def stored_level(doc, field: str = "secrecy_level") -> str | None:
	"""The higher of the document's level and the level stored for it (an edit cannot lower what is known)."""
	level = doc.get(field)
	if doc.get("name") and not doc.is_new():
		stored = frappe.db.get_value(doc.doctype, doc.name, field)
		level = highest_secrecy([level, stored], default=level)
	return level


def cleared_for_item(level: str | None, user: str | None = None) -> bool:
	"""Whether the user reads an Archive Item at this level by their clearance (not through a loan)."""
	user = user or frappe.session.user
	return sees_everything(user) or (reads_catalogue(user) and rules.may_see(user_clearance(user), level))


def may_read_item(name: str, level: str | None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return cleared_for_item(level, user) or name in items_on_loan_to(user)


def may_read_dossier(level: str | None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return sees_everything(user) or rules.may_see(user_clearance(user), level)


def may_read(doc, user: str | None = None) -> bool:
	"""Whether the user may learn of this Archive Item or Dossier.

	A new record without a level yet (a Dossier takes its items' highest when validated) is not refused
	here; once saved, its level decides.
	"""
	if doc.is_new() and not doc.get("secrecy_level"):
		return True
	level = stored_level(doc)
	if doc.doctype == "Dossier":
		return may_read_dossier(level, user)
	return may_read_item(doc.name, level, user)


def level_of_items(names) -> str:
	"""The level of a document listing these Archive Items: the highest of theirs (内部 for none)."""
	names = sorted({n for n in names if n})
	levels = (
		frappe.get_all(
			"Archive Item", filters={"name": ("in", names)}, pluck="secrecy_level", ignore_permissions=True
		)
		if names
		else []
	)
	return highest_secrecy(levels, default=rules.STAFF)


def set_secrecy_level(doc, method=None):
	"""validate of a document listing items (its `items` table, field archive_item): set its level."""
	field = LISTINGS[doc.doctype][0]
	doc.set(field, level_of_items(row.archive_item for row in doc.get("items") or []))


def raise_listing_levels(doc, method=None):
	"""After an item's level rises, every document listing it rises with it (its rows copy the item's title).

	Never lowers a level: what a document once listed at a level stays known at that level.
	"""
	if doc.get("secrecy_level") not in SECRECY_LEVELS or not doc.has_value_changed("secrecy_level"):
		return
	lower = SECRECY_LEVELS[: SECRECY_LEVELS.index(doc.secrecy_level)]
	for doctype, (field, _chosen_by) in LISTINGS.items():
		child = LISTING_ROWS.get(doctype)
		if not child:
			continue
		condition = f"`{field}` is null or `{field}` = ''"
		if lower:
			condition += f" or {sql_in(f'`{field}`', lower)}"
		frappe.db.sql(
			f"""update `tab{doctype}` set `{field}` = %(level)s
			where ({condition}) and `name` in (
				select `parent` from `tab{child}` where `archive_item` = %(item)s and `parenttype` = %(doctype)s
			)""",
			{"level": doc.secrecy_level, "item": doc.name, "doctype": doctype},
		)


def listing_condition(doctype: str, user: str | None = None) -> str:
	"""SQL condition on a listing document's rows the user may learn of ("" when they may see all)."""
	user = user or frappe.session.user
	if sees_everything(user):
		return ""
	field, chosen_by = LISTINGS[doctype]
	deciders = DECIDERS.get(doctype, {})
	table = f"`tab{doctype}`"
	who = frappe.db.escape(user)
	parts = [sql_in(f"{table}.`{field}`", rules.visible_levels(user_clearance(user)))]
	parts += [f"{table}.`{column}` = {who}" for column in (*chosen_by, *deciders.get("stamps", ()))]
	if deciders.get("members"):
		parts.append(
			f"{table}.`name` in (select `parent` from `tab{deciders['members']}`"
			f" where `parenttype` = {frappe.db.escape(doctype)} and `user` = {who})"
		)
	waiting = states_awaiting(doctype, user)
	if waiting:
		parts.append(sql_in(f"{table}.`workflow_state`", waiting))
	return "(" + " or ".join(parts) + ")"


def states_awaiting(doctype: str, user: str) -> list[str]:
	"""The workflow states of the DocType in which one of the user's deciding roles acts (approves or rejects)."""
	roles = set(frappe.get_roles(user)) & DECIDING_ROLES
	workflow = get_workflow_name(doctype) if roles else None
	if not workflow:
		return []
	transitions = frappe.get_cached_doc("Workflow", workflow).transitions
	return sorted({t.state for t in transitions if t.allowed in roles})


def decides_on(doc, user: str) -> bool:
	"""Whether the user decides (or decided) on this listing document (DECIDERS), by what is stored, not by
	what a request sends."""
	deciders = DECIDERS.get(doc.doctype)
	if not deciders or doc.is_new():
		return False
	stored = frappe.db.get_value(
		doc.doctype, doc.name, ["workflow_state", *deciders.get("stamps", ())], as_dict=True
	)
	if not stored:
		return False
	if user in {stored.get(column) for column in deciders.get("stamps", ())}:
		return True
	if deciders.get("members") and frappe.db.exists(
		deciders["members"], {"parenttype": doc.doctype, "parent": doc.name, "user": user}
	):
		return True
	return stored.workflow_state in states_awaiting(doc.doctype, user)


def may_read_listing(doc, user: str | None = None) -> bool:
	"""Whether the user may learn of this listing document (a new one, without a level yet, is not refused)."""
	user = user or frappe.session.user
	field, chosen_by = LISTINGS[doc.doctype]
	if sees_everything(user) or (doc.is_new() and not doc.get(field)):
		return True
	if user in {doc.get(column) for column in chosen_by}:
		return True
	return rules.may_see(user_clearance(user), stored_level(doc, field)) or decides_on(doc, user)


def visible_items(names, user: str | None = None) -> set[str]:
	"""Those of the given Archive Items the user may learn of (one query)."""
	names = [n for n in set(names) if n]
	user = user or frappe.session.user
	if not names or sees_everything(user):
		return set(names)
	condition = item_condition(user)
	return set(
		frappe.db.sql_list(
			f"select `name` from `tabArchive Item` where {sql_in('`name`', names)} and {condition}"
		)
	)


def sync_dossier_level(doc, method=None):
	"""After an item's level changes, its dossier's level rises or falls to its items' highest."""
	if not doc.get("dossier") or not doc.has_value_changed("secrecy_level"):
		return
	levels = frappe.get_all(
		"Archive Item", filters={"dossier": doc.dossier}, pluck="secrecy_level", ignore_permissions=True
	)
	level = highest_secrecy(levels, default=rules.STAFF)
	frappe.db.set_value("Dossier", doc.dossier, "secrecy_level", level, update_modified=False)


def visible_dossiers(names, user: str | None = None) -> set[str]:
	names = [n for n in set(names) if n]
	user = user or frappe.session.user
	if not names or sees_everything(user):
		return set(names)
	return set(
		frappe.db.sql_list(
			f"select `name` from `tabDossier` where {sql_in('`name`', names)} and {dossier_condition(user)}"
		)
	)


def visible_rows(rows, user: str | None = None, item_key: str = "archive_item", dossier_key: str = "dossier"):
	"""Report rows naming an Archive Item and/or a Dossier, less those the user may not learn of."""
	items = visible_items([r.get(item_key) for r in rows], user)
	dossiers = visible_dossiers([r.get(dossier_key) for r in rows], user)
	return [
		r
		for r in rows
		if (not r.get(item_key) or r.get(item_key) in items)
		and (not r.get(dossier_key) or r.get(dossier_key) in dossiers)
	]


class _Raw(Criterion):
	def __init__(self, sql: str):
		super().__init__()
		self.sql = sql

	def get_sql(self, **kwargs) -> str:
		return f"({self.sql})"


def criterion(doctype: str, user: str | None = None) -> Criterion | None:
	"""The condition as a frappe.qb criterion on the DocType's own table (None when unrestricted)."""
	condition = condition_for(doctype, user)
	return _Raw(condition) if condition else None
