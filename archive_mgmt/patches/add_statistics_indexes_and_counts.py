"""Existing sites: add the statistics indexes and fill the maintained counts from the records."""

from archive_mgmt import statistics


def execute():
	statistics.ensure_indexes()
	statistics.recount()
