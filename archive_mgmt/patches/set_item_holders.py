"""Items lent before Archive Item named its holder (lent_to) take it from their loans."""

from archive_mgmt.access_control import clearance


def execute():
	clearance.set_holders()
	clearance.forget(clearance.LENT_CACHE)
