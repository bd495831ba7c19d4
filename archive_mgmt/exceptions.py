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


class HoldError(frappe.ValidationError):
	"""An item under an active hold (冻结) cannot be destroyed or transferred; a hold's own rules."""


class DestroyedItemError(frappe.ValidationError):
	"""A destroyed item's record, or a destroyed batch (the destruction register), cannot change."""


class DestructionEligibilityError(frappe.ValidationError):
	"""An item cannot be destroyed now (unexpired, on loan, held, destroyed, draft, in another batch)."""


class AppraisalError(frappe.ValidationError):
	"""The appraisal is incomplete: the group, or an item's decision."""


class ExecutionError(frappe.ValidationError):
	"""Destruction cannot be carried out: date, place, method or supervisors missing."""


class BatchLockedError(frappe.ValidationError):
	"""A destruction batch's content cannot change in its current state."""


class LoanError(frappe.ValidationError):
	"""A loan request breaks its rules (items, borrower, period)."""


class ItemNotLendableError(LoanError):
	"""An item that is not Filed (draft, on loan, destroyed, transferred) cannot be requested or issued."""


class IntroductionLetterRequiredError(LoanError):
	"""An external request leaves Draft only with its letter of introduction attached."""


class SelfApprovalError(frappe.ValidationError):
	"""Nobody approves (or rejects) their own request."""


class RejectionReasonRequiredError(frappe.ValidationError):
	"""Rejecting a request (a loan, a destruction batch) needs a reason."""


class NotIssuedError(LoanError):
	"""Returning an item that was not issued on this loan, or is already back."""


class EffectRecordRequiredError(LoanError):
	"""A loan is complete only with its utilization effect record, or the archive manager's waiver."""


class HandoverError(frappe.ValidationError):
	"""A handover list breaks its rules (items of another unit, not drafts, listed twice, unchecked)."""


class CatalogueImportError(frappe.ValidationError):
	"""A catalogue file cannot be imported (bad file, bad rows); nothing was written."""


class SecrecyLockedError(frappe.ValidationError):
	"""A filed item's secrecy level and open status change only through an approved Declassification Review."""


class DeclassificationError(frappe.ValidationError):
	"""A declassification review breaks its rules (items, proposal, fixed after proposal)."""


class CareFileError(frappe.ValidationError):
	"""A care recipient file breaks its rules (identity, phone, consent, counsellors, closing)."""


class InvalidIdentityError(CareFileError):
	"""An ID number or phone number that is not valid."""


class CareFileClosedError(CareFileError):
	"""A closed case is archived: it is read-only."""


class BulkActionError(frappe.ValidationError):
	pass


class FixityError(frappe.ValidationError):
	"""A file of the archive breaks the fixity rules (public file, unresolved failure without a reason)."""


class IntegrityCheckError(frappe.ValidationError):
	"""The four-property check (四性检测) failed: filing or receipt is blocked unless overridden."""


class IntegrityOverrideError(frappe.ValidationError):
	"""Only the archive manager overrides a failed four-property check, and with a reason."""


class PreservationPackageError(frappe.ValidationError):
	"""A preservation package (BagIt) cannot be made, or does not validate."""


class SamplingError(frappe.ValidationError):
	"""A sampling inspection's terms are not usable (share under 40 %, nothing to sample)."""


class ClearanceError(frappe.ValidationError):
	"""A clearance change that is not allowed (e.g. raising one's own)."""


class AccessLogLockedError(frappe.ValidationError):
	"""The Archive Access Log is written by the app only, and never edited or deleted."""


class DutySeparationError(frappe.PermissionError):
	"""三员分立: a role change that would give one user two duties, raise one's own roles, or grant an
	archive role without being the security officer."""


class OnlineViewEndedError(frappe.PermissionError):
	"""The loan no longer (or not yet) holds the item out: its online view is closed."""


class CopyNotAllowedError(frappe.PermissionError):
	"""A watermarked copy (print or download) of an item viewed online needs a loan approved for 复制."""


class NotRenderableError(frappe.ValidationError):
	"""The online viewer cannot render this file (not a PDF or an image, damaged, or encrypted)."""


class PageRangeError(frappe.ValidationError):
	"""A page the file does not have, or a range of pages that is not one."""


class WatermarkFontMissingError(frappe.ValidationError):
	"""No CJK font to draw the watermark with (install fonts-noto-cjk or fonts-arphic-uming)."""


class CaptureRuleError(frappe.ValidationError):
	"""A capture rule names a DocType that is not submittable, a field it does not have or a bad condition."""


class CaptureError(frappe.ValidationError):
	"""A document cannot be captured (not submitted, not meeting the rule, a disabled rule, a batch refused)."""


class SearchQueryError(frappe.ValidationError):
	"""A search without a word to find, or with a filter that is not one of the search's."""


class OfficeDocumentError(frappe.ValidationError):
	"""An office document (收文/发文) step lacks what it needs (an opinion, a handler, a result …)."""


class OfficeNumberError(frappe.ValidationError):
	"""A receipt or document number pattern is not usable."""


class CirculationError(frappe.ValidationError):
	"""A reader named for circulation may not read the document, or is not a reader of it."""


class RowSavedAloneError(frappe.PermissionError):
	"""A child table row saved on its own, not with its parent document."""


class AppFieldError(frappe.ValidationError):
	"""A field the archive's processes set, written by an edit."""


class AttachmentRefusedError(frappe.PermissionError):
	"""A file attached to (or moved onto) a record the user may not change, or to a destroyed item."""
