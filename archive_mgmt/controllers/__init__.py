"""Base classes of the app's DocType controllers."""
