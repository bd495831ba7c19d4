"""Archive Full Text: the text of one file of an Archive Item, page by page (search/full_text.py reads it).

The archivist corrects a page's text here; saving indexes the text again, in the same transaction."""

from frappe.model.document import Document

from archive_mgmt.search import full_text


class ArchiveFullText(Document):
	def validate(self):
		self.set_corrected_pages()
		self.set_page_count()
		self.set_confidence()

	def on_update(self):
		full_text.index_record(self)

	def on_trash(self):
		full_text.drop_record(self)

	def set_corrected_pages(self):
		before = self.get_doc_before_save()
		if not before:
			return
		stored = {row.name: row.text for row in before.pages}
		for row in self.pages:
			if row.name in stored and (row.text or "") != (stored[row.name] or ""):
				row.corrected = 1

	def set_page_count(self):
		self.page_count = len(self.pages)

	def set_confidence(self):
		scores = [row.confidence for row in self.pages if row.confidence is not None and not row.corrected]
		self.confidence = round(sum(scores) / len(scores), 1) if scores and self.method == "OCR" else None
