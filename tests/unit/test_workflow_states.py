"""One name per workflow state: archive_mgmt/workflow/states.py and the shipped workflows agree."""

import json
from pathlib import Path

from archive_mgmt.workflow import states

WORKFLOWS = Path(states.__file__).parent


def test_the_state_names_are_the_states_of_the_shipped_workflows():
	shipped = {
		s["state"] for path in WORKFLOWS.glob("*.json") for s in json.loads(path.read_text())["states"]
	}
	named = {value for key, value in vars(states).items() if key.isupper()}
	assert named == shipped
