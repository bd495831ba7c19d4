"""Preservation (保护): fixity, four-property checks, sampling, preservation packages, storage environment."""
