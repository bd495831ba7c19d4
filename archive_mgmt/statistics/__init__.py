"""Statistics (档案统计): maintained counts, the statistics reports, charts and the annual report."""
