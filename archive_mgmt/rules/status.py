"""Archive Item status (状态): the transitions the archive allows."""

DRAFT = "Draft"
FILED = "Filed"
ON_LOAN = "On Loan"
DESTROYED = "Destroyed"
TRANSFERRED = "Transferred"
STATUSES = (DRAFT, FILED, ON_LOAN, DESTROYED, TRANSFERRED)

ALLOWED = {
	DRAFT: frozenset({FILED}),
	FILED: frozenset({ON_LOAN, DESTROYED, TRANSFERRED}),
	ON_LOAN: frozenset({FILED}),
	DESTROYED: frozenset(),
	TRANSFERRED: frozenset(),
}


def can_change(current: str, new: str) -> bool:
	return new in ALLOWED.get(current or DRAFT, frozenset())
