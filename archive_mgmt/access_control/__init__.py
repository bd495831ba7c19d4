"""Access control: clearance, the permission hooks, the access log."""
