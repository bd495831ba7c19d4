"""Archive setup: fonds, filing units, categories, retention periods and rules, locations, settings, numbering."""
