"""Utilization (利用): loans and consultation, utilization effect records, overdue loans."""
