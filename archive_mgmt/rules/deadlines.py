"""Filing deadlines (归档时限, seed 000): when a draft must be filed, by its Retention Rule's filing_deadline.

- Immediate (secret, important, contracts, personnel): the day the document is dated (or recorded).
- Monthly: by the 25th of the document's month; a document dated after the 25th is due on the 25th
  of the next month.
- Annual: by 31 March of the following year.
"""

from datetime import date, timedelta

IMMEDIATE = "Immediate"
MONTHLY = "Monthly"
ANNUAL = "Annual"
DEADLINES = (IMMEDIATE, MONTHLY, ANNUAL)
MONTHLY_DAY = 25


def due_date(deadline: str, doc_date: date) -> date:
	"""The last day on which a document of this date is filed in time."""
	if deadline == IMMEDIATE:
		return doc_date
	if deadline == MONTHLY:
		if doc_date.day <= MONTHLY_DAY:
			return doc_date.replace(day=MONTHLY_DAY)
		year, month = (doc_date.year + 1, 1) if doc_date.month == 12 else (doc_date.year, doc_date.month + 1)
		return date(year, month, MONTHLY_DAY)
	if deadline == ANNUAL:
		return date(doc_date.year + 1, 3, 31)
	raise ValueError(deadline)


def days_overdue(deadline: str, doc_date: date, today: date) -> int:
	"""Days past the due date (0 or negative when still in time)."""
	return (today - due_date(deadline, doc_date)).days


def is_due(deadline: str, doc_date: date, today: date, warn_days: int = 0) -> bool:
	"""Due today, overdue, or due within ``warn_days``."""
	return due_date(deadline, doc_date) <= today + timedelta(days=warn_days)
