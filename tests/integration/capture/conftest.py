import pytest


@pytest.fixture(scope="session", autouse=True)
def capture_doctypes(site):
	"""The business DocTypes the capture tests submit (made once, committed: DDL cannot roll back), and a
	module map that knows the Capture module (a bench whose apps/archive_mgmt was linked to an older
	checkout may have cached one without it)."""
	from archive_mgmt.install import refresh_module_map
	from tests.integration.capture.capture_factories import ensure_doctypes

	refresh_module_map()
	ensure_doctypes()
