"""Existing sites: add the statistics indexes and fill the maintained counts from the records."""

from archive_mgmt import indexes
from archive_mgmt.statistics import counts


def execute():
	indexes.ensure_indexes()
	counts.recount()
