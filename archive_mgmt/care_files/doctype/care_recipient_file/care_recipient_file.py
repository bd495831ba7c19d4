import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, today

from archive_mgmt.care_files.permissions import sees_all
from archive_mgmt.exceptions import CareFileClosedError, CareFileError, InvalidIdentityError
from archive_mgmt.roles import ARCHIVE_MANAGER, CARE_COUNSELLOR
from archive_mgmt.rules import identity

OPEN, CLOSED = "Open", "Closed"
# Set by closing the case (archive_mgmt.care_files.closing.close_case), never by an edit.
CLOSING_FIELDS = ("status", "closed_on", "closed_by", "archive_item")
CLOSING_FLAG = "closing_case"


class CareRecipientFile(Document):
	def validate(self):
		self.validate_closed_case_unchanged()
		self.validate_closing_fields_set_by_app()
		self.validate_id_number()
		self.set_birth_date_and_gender_from_id()
		self.validate_phone()
		self.set_masked_copies()
		self.validate_consent()
		self.set_creator_assigned()
		self.validate_counsellors()
		self.validate_assignment_changed_by_archive_manager()
		self.validate_secrecy_changed_by_archive_manager()
		self.validate_service_records()

	def on_trash(self):
		if self.status == CLOSED:
			frappe.throw(
				_("Care Recipient File {0} is closed and archived: it cannot be deleted").format(self.name),
				exc=CareFileClosedError,
			)

	# --- rules ---------------------------------------------------------------------------------

	def validate_closed_case_unchanged(self):
		before = self.get_doc_before_save()
		if before and before.status == CLOSED:
			frappe.throw(
				_("Care Recipient File {0} is closed and archived as {1}: it is read-only").format(
					self.name, before.archive_item or ""
				),
				exc=CareFileClosedError,
			)

	def validate_closing_fields_set_by_app(self):
		if self.flags.get(CLOSING_FLAG):
			return
		before = self.get_doc_before_save()
		for field in CLOSING_FIELDS:
			was = before.get(field) if before else (OPEN if field == "status" else None)
			if (self.get(field) or None) != (was or None):
				frappe.throw(
					_("A case is closed with the Close Case button, not by editing"), exc=CareFileError
				)

	def validate_id_number(self):
		if not self.id_number:
			return
		self.id_number = identity.normalise_id(self.id_number)
		problem = identity.id_number_problem(self.id_number, getdate(today()))
		if problem:
			frappe.throw(_(problem), exc=InvalidIdentityError)

	def set_birth_date_and_gender_from_id(self):
		if not self.id_number:
			return
		born, gender = identity.birth_date_of(self.id_number), identity.gender_of(self.id_number)
		if not self.birth_date:
			self.birth_date = born
		elif getdate(self.birth_date) != born:
			frappe.throw(
				_("The date of birth {0} does not match the ID number ({1})").format(self.birth_date, born),
				exc=InvalidIdentityError,
			)
		if not self.gender:
			self.gender = gender
		elif self.gender != gender:
			frappe.throw(
				_("The gender {0} does not match the ID number ({1})").format(self.gender, gender),
				exc=InvalidIdentityError,
			)

	def validate_phone(self):
		if not self.phone:
			return
		self.phone = identity.normalise_phone(self.phone)
		problem = identity.phone_problem(self.phone)
		if problem:
			frappe.throw(_(problem), exc=InvalidIdentityError)

	def set_masked_copies(self):
		self.id_number_masked = identity.mask_id(self.id_number) if self.id_number else None
		self.phone_masked = identity.mask_phone(self.phone) if self.phone else None

	def validate_consent(self):
		if not self.consent_given:
			self.consent_date = None
			return
		if not self.consent_date:
			frappe.throw(_("Give the date the recipient consented to services"), exc=CareFileError)
		if getdate(self.consent_date) > getdate(today()):
			frappe.throw(_("The consent date cannot be in the future"), exc=CareFileError)

	def set_creator_assigned(self):
		"""A counsellor who opens a file is assigned to it (or they could not see what they made)."""
		user = frappe.session.user
		if self.get_doc_before_save() or CARE_COUNSELLOR not in frappe.get_roles(user):
			return
		if user not in self.counsellor_users():
			self.append("counsellors", {"counsellor": user})

	def validate_counsellors(self):
		users = self.counsellor_users()
		duplicates = sorted({u for u in users if users.count(u) > 1})
		if duplicates:
			frappe.throw(_("Counsellors listed twice: {0}").format(", ".join(duplicates)), exc=CareFileError)
		not_counsellors = [u for u in users if CARE_COUNSELLOR not in frappe.get_roles(u)]
		if not_counsellors:
			frappe.throw(
				_("Only users with the role {0} can be assigned: {1}").format(
					_(CARE_COUNSELLOR), ", ".join(not_counsellors)
				),
				exc=CareFileError,
			)
		if self.status == OPEN and not users:
			frappe.throw(_("Assign at least one counsellor"), exc=CareFileError)

	def validate_assignment_changed_by_archive_manager(self):
		before = self.get_doc_before_save()
		if not before or sees_all(frappe.session.user):
			return
		if sorted(r.counsellor for r in before.counsellors) != sorted(self.counsellor_users()):
			frappe.throw(
				_("Only the {0} assigns counsellors to a care file").format(_(ARCHIVE_MANAGER)),
				exc=frappe.PermissionError,
			)

	def validate_secrecy_changed_by_archive_manager(self):
		before = self.get_doc_before_save()
		if before and before.secrecy_level != self.secrecy_level and not sees_all(frappe.session.user):
			frappe.throw(
				_("Only the {0} changes the secrecy level of a care file").format(_(ARCHIVE_MANAGER)),
				exc=frappe.PermissionError,
			)

	def validate_service_records(self):
		for row in self.service_records:
			if row.service_date and getdate(row.service_date) > getdate(today()):
				frappe.throw(
					_("Service record {0}: the date cannot be in the future").format(row.idx),
					exc=CareFileError,
				)
			if not row.counsellor:
				row.counsellor = frappe.session.user

	# --- helpers -------------------------------------------------------------------------------

	def counsellor_users(self) -> list[str]:
		return [row.counsellor for row in self.counsellors if row.counsellor]
