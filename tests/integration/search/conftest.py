import os
import shutil

import pytest

from archive_mgmt.search import snapshot


@pytest.fixture(autouse=True)
def no_snapshot_folder_left():
	"""The snapshots a test builds within its transaction are named by it only: their files go with it."""
	before = set(os.listdir(snapshot.folder())) if os.path.isdir(snapshot.folder()) else set()
	yield
	if os.path.isdir(snapshot.folder()):
		for token in set(os.listdir(snapshot.folder())) - before:
			shutil.rmtree(snapshot.folder(token), ignore_errors=True)
