"""Typed errors of the app, so callers and tests can tell one refusal from another."""

import frappe


class InvalidCodeError(frappe.ValidationError):
	"""A code (fonds, category, unit, retention, pattern) is not in its required form."""


class IncompleteDescriptionError(frappe.ValidationError):
	"""Mandatory description (DA/T 18, audio-visual elements) is missing."""


class MissingRetentionError(frappe.ValidationError):
	"""No retention period given and no Retention Rule matches."""


class FiledItemLockedError(frappe.ValidationError):
	"""A filed record's fixed fields, or any field for anyone but the archive manager, cannot change."""


class StatusTransitionError(frappe.ValidationError):
	"""An Archive Item status change that the rules do not allow, or that was not made by the app."""


class ReturnReasonRequiredError(frappe.ValidationError):
	"""Returning an item for correction needs a reason."""


class DossierError(frappe.ValidationError):
	"""A dossier's contents break its rules (page limit, retention, fonds, duplicates)."""


class HandoverError(frappe.ValidationError):
	"""A handover list breaks its rules (items of another unit, not drafts, listed twice, unchecked)."""


class CatalogueImportError(frappe.ValidationError):
	"""A catalogue file cannot be imported (bad file, bad rows); nothing was written."""
