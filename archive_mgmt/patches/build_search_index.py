"""档案检索 on a site that already holds items: make the index of their catalogue entries, and read the text of
the files already attached (queued on the long queue, so the migrate does not wait for OCR)."""

from archive_mgmt.search import indexing


def execute():
	indexing.rebuild(read_files=1)
