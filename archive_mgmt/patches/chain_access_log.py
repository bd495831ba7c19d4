"""The Archive Access Log written before the audit chain existed joins it, oldest first, each day anchored."""

from archive_mgmt.access_control import audit_chain


def execute():
	audit_chain.chain_existing()
