"""A user at the desk: log in, open forms, type into fields, save, press workflow buttons.

Every step waits for what the user would wait for (the form loaded, the value in cur_frm.doc, the save
finished), never for a fixed time.
"""

import json
import re

from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.seed import PASSWORD

TIMEOUT = 20_000


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


# Frappe's own charts (frappe-charts in desk.bundle) redraw from a ResizeObserver while a report or workspace
# is still laying out: the redraw removes overlay nodes no longer attached (removeChild, stack boundDrawFn) and
# draws bars in a container of no width yet (negative <rect> width). Seen on every chart of the desk on a loaded
# machine, in Frappe's code only; every other error still fails the flow.
FRAPPE_CHART_REDRAW = (
	("removeChild", "boundDrawFn"),
	("<rect> attribute width: A negative value is not valid", "desk.bundle"),
)


class Desk:
	def __init__(self, context, page: Page, base: str, user: str):
		self.context, self.page, self.base, self.user = context, page, base, user
		self.errors: list[str] = []
		self.allowed: list[tuple[str, ...]] = list(FRAPPE_CHART_REDRAW)
		# with the script's stack, so that a page error names where it was thrown
		page.on(
			"pageerror",
			lambda exc: self.error(f"[{user}] pageerror: {exc}\n{getattr(exc, 'stack', '') or ''}"),
		)
		page.on(
			"console",
			lambda msg: (
				msg.type == "error"
				and self.error(f"[{user}] console error: {msg.text} ({msg.location.get('url', '')})")
			),
		)
		page.set_default_timeout(TIMEOUT)

	def error(self, text: str) -> None:
		if not any(all(part in text for part in parts) for parts in self.allowed):
			self.errors.append(text)

	def allow_errors(self, *parts: str) -> None:
		"""A refusal the test itself provokes: console errors containing every one of `parts` are expected."""
		self.allowed.append(parts)

	@classmethod
	def login(cls, browser: Browser, base: str, user: str) -> "Desk":
		context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}, base_url=base)
		context.set_default_timeout(TIMEOUT)
		page = context.new_page()
		desk = cls(context, page, base, user)
		page.goto("/login")
		page.fill("#login_email", user)
		page.fill("#login_password", PASSWORD)
		page.click(".form-login .btn-login")
		page.wait_for_url(re.compile(r"/app(/|$)"))
		desk.wait_ready()
		# The landing workspace draws its charts after their data arrives; leaving it mid-draw makes Frappe's
		# charts log errors of their own (negative <rect> widths), so a flow starts once it has settled.
		page.wait_for_load_state("networkidle")
		return desk

	def close(self) -> None:
		self.context.close()

	# navigation
	def wait_ready(self) -> None:
		self.page.wait_for_function(
			"() => window.frappe && frappe.boot && frappe.router && !frappe.dom.freeze_count"
			" && document.body.dataset.route !== undefined"
		)

	def go(self, route: str) -> None:
		self.page.goto(f"/app/{route}")
		self.wait_ready()

	def open_form(self, doctype: str, name: str) -> None:
		self.go(f"{slug(doctype)}/{name}")
		self.wait_form(doctype, name)

	def new_form(self, doctype: str) -> None:
		self.go(f"{slug(doctype)}/new")
		self.page.wait_for_function(
			"dt => window.cur_frm && cur_frm.doctype === dt && cur_frm.is_new() && cur_frm.layout",
			arg=doctype,
		)

	def wait_form(self, doctype: str, name: str | None = None) -> None:
		self.page.wait_for_function(
			"([dt, name]) => window.cur_frm && cur_frm.doctype === dt && !cur_frm.is_new()"
			" && (!name || cur_frm.doc.name === name) && !frappe.dom.freeze_count",
			arg=[doctype, name],
		)

	def doc(self) -> dict:
		return self.page.evaluate("() => JSON.parse(JSON.stringify(cur_frm.doc))")

	def js(self, expression: str, arg=None):
		return self.page.evaluate(expression, arg)

	# fields
	def control(self, fieldname: str, parent=None):
		scope = parent or self.page.locator(".form-layout:visible, .modal.show").first
		return scope.locator(f'.frappe-control[data-fieldname="{fieldname}"]:visible').first

	def wait_value(self, fieldname: str, value, timeout: float = TIMEOUT) -> None:
		self.page.wait_for_function(
			"([f, v]) => window.cur_frm && String(cur_frm.doc[f] ?? '') === String(v)",
			arg=[fieldname, value],
			timeout=timeout,
		)

	def fill(self, fieldname: str, value, link: bool = False) -> None:
		"""Type into a field as a user does (a link picks the match from its dropdown)."""
		box = self.control(fieldname).locator("input, textarea").first
		self.type_into(box, value, link)
		self.wait_value(fieldname, value)

	def type_into(self, box, value, link: bool = False) -> None:
		box.click()
		box.fill(str(value))
		if link:
			option = self.page.locator('.awesomplete [role="option"]:visible', has_text=str(value)).first
			option.wait_for()
			option.click()
			self.settle()
		else:
			box.press("Tab")

	def settle(self) -> None:
		"""Waits for the desk's requests in flight (a link's check of the value picked, its fetches) to end."""
		self.page.wait_for_timeout(150)
		self.page.wait_for_function("() => !frappe.request.ajax_count")

	def fill_date(self, fieldname: str, iso: str) -> None:
		"""Type a date the way the user's date format shows it."""
		typed = self.page.evaluate("d => frappe.datetime.str_to_user(d)", iso)
		box = self.control(fieldname).locator("input").first
		box.click()
		box.fill(typed)
		box.press("Escape")
		box.press("Tab")
		self.wait_value(fieldname, iso)

	def fill_datetime(self, fieldname: str, value: str) -> None:
		"""Type a date and time ("YYYY-MM-DD HH:MM:SS") the way the user's formats show it; typed again once
		if the form re-rendered under the first try (the value never reached the document)."""
		typed = self.page.evaluate("v => frappe.datetime.str_to_user(v)", value)
		for attempt in (1, 2):
			box = self.control(fieldname).locator("input").first
			box.click()
			box.fill(typed)
			box.press("Escape")
			box.press("Tab")
			try:
				self.wait_value(fieldname, value, timeout=5_000 if attempt == 1 else TIMEOUT)
				return
			except PlaywrightTimeout:
				if attempt == 2:
					raise

	def select(self, fieldname: str, value: str) -> None:
		self.control(fieldname).locator("select").select_option(value)
		self.wait_value(fieldname, value)

	def fill_row(self, table: str, row: int, fieldname: str, value, link: bool = False) -> None:
		"""Type into a cell of a child table (row counts from 1), in the grid or in the open row editor."""
		grid_row = self.control(table).locator(f'.grid-row[data-idx="{row}"]').first
		editor = grid_row.locator(f'.form-in-grid [data-fieldname="{fieldname}"] input')
		box = grid_row.locator(f'[data-fieldname="{fieldname}"] input:visible').first
		# A click on a row the grid is still drawing opens nothing: click again, as a user would.
		for attempt in range(3):
			if not editor.count():
				grid_row.locator(f'.grid-static-col[data-fieldname="{fieldname}"]').first.click()
			try:
				box.wait_for(timeout=TIMEOUT // 3)
				break
			except PlaywrightTimeout:
				if attempt == 2:
					raise
		self.type_into(box, value, link)
		self.page.wait_for_function(
			"([t, i, f, v]) => String((cur_frm.doc[t][i - 1] || {})[f] ?? '') === String(v)",
			arg=[table, row, fieldname, value],
		)
		if grid_row.locator(".form-in-grid:visible").count():
			grid_row.locator(".form-in-grid .grid-collapse-row").first.click()

	def select_row(self, table: str, row: int, fieldname: str, value: str) -> None:
		"""Choose a Select cell of a child table (row counts from 1) by its value."""
		grid_row = self.control(table).locator(f'.grid-row[data-idx="{row}"]').first
		grid_row.locator(f'.grid-static-col[data-fieldname="{fieldname}"]').first.click()
		grid_row.locator(f'[data-fieldname="{fieldname}"] select:visible').first.select_option(value)
		self.page.wait_for_function(
			"([t, i, f, v]) => String((cur_frm.doc[t][i - 1] || {})[f] ?? '') === String(v)",
			arg=[table, row, fieldname, value],
		)

	def add_row(self, table: str) -> int:
		"""A new row; a required table's empty first row (Frappe adds one) is used as it is."""
		rows = self.page.evaluate("t => cur_frm.doc[t] || []", table)
		if len(rows) == 1 and not any(
			v for k, v in rows[0].items() if k in ("archive_item", "dossier", "user")
		):
			return 1
		self.control(table).locator(".grid-add-row").first.click()
		self.page.wait_for_function("([t, n]) => cur_frm.doc[t].length === n", arg=[table, len(rows) + 1])
		return len(rows) + 1

	# saving and acting
	def save(self) -> str:
		"""Ctrl+S, then wait until the form is saved and clean."""
		self.page.locator("body").press("Control+s")
		self.page.wait_for_function(
			"() => (cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty() && !frappe.dom.freeze_count)"
			" || document.querySelector('.modal.show .msgprint')"
		)
		self.raise_message()
		return self.page.evaluate("() => cur_frm.doc.name")

	def raise_message(self) -> None:
		"""An error dialog the server sent fails the step with its text."""
		shown = self.page.locator(".modal.show .msgprint")
		if shown.count():
			raise AssertionError(f"the desk showed a message: {shown.first.inner_text()}")

	def action(self, label: str) -> None:
		"""Press a workflow button (the 操作 menu) by its Chinese label and wait for the new state."""
		before = self.page.evaluate("() => cur_frm.doc.modified")
		group = self.page.locator(".page-actions .actions-btn-group:visible")
		group.locator("button").first.click()
		group.locator(".dropdown-menu a, .dropdown-menu .dropdown-item", has_text=label).first.click()
		self.page.wait_for_function(
			"m => (cur_frm && cur_frm.doc.modified !== m && !frappe.dom.freeze_count)"
			" || document.querySelector('.modal.show .msgprint')",
			arg=before,
		)
		self.raise_message()

	def confirm(self) -> None:
		"""Answer 是 (Yes) in a frappe.confirm dialog."""
		self.page.locator(".modal.show .btn-primary").first.click()

	def expect_indicator(self, text: str) -> None:
		expect(self.page.locator(".page-head .indicator-pill:visible").first).to_contain_text(text)

	def msgprint_text(self) -> str:
		box = self.page.locator(".modal.show .msgprint, .modal.show .modal-body").first
		box.wait_for()
		return box.inner_text()

	def call(self, method: str, **args):
		"""Call a whitelisted method as this user (what a button does), returning its message."""
		return self.page.evaluate(
			"([m, a]) => frappe.xcall(m, a)", [method, json.loads(json.dumps(args, default=str))]
		)

	# words
	def check_words(self, where: str = "", allow: tuple[str, ...] = ()) -> None:
		"""The screen speaks Chinese: no English word, no raw option value, none of the known wrong words
		(WRONG_WORDS) in the visible text of the page and of any open dialog. ``allow``: Latin words that are
		the user's data on that screen (field names in a template's example, say)."""
		text = self.page.evaluate(VISIBLE_TEXT)
		english = sorted(set(english_words(text)) - set(allow))
		wrong = [w for w in WRONG_WORDS if w in text]
		assert not english and not wrong, (
			f"[{self.user}] {where or self.page.url}: English or raw words {english}, wrong words {wrong}"
		)


# The text a sighted user sees on the current page and any open dialog: text nodes whose element is rendered
# and visible (not aria-only text such as Frappe's "Navigate to main content" or Awesomplete's status).
VISIBLE_TEXT = """() => {
	const roots = [document.querySelector('.page-container:not([style*="display: none"])') || document.body,
		...document.querySelectorAll('.modal.show, .navbar')];
	const out = [];
	for (const root of roots) {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			const el = walker.currentNode.parentElement;
			if (!el || el.closest('.sr-only, .visually-hidden, script, style, template')) continue;
			if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
			out.push(walker.currentNode.textContent);
		}
	}
	return out.join('\\n');
}"""

# Latin words that belong on a Chinese screen: names of products and formats.
ALLOWED_WORDS = {"Excel", "PDF", "Frappe", "ERPNext", "Email", "ID", "xlsx"}  # xlsx: a file's name
# Frappe's Chinese that reads wrongly for an archive (issue #21): each has a row in the app's zh.csv.
WRONG_WORDS = ("草案", "解雇", "锶", "明确", "重新载入档案", "跳跃")
_NOT_WORDS = re.compile(
	r"\S+@\S+|https?://\S+|\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b|\S+\.(?:pdf|xlsx|xls|csv|docx|txt|png|jpg|zip)\b|\S*\d\S*"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z']+")


def english_words(text: str) -> list[str]:
	"""The Latin words of a text that are English (not codes: a word with a lower-case letter), less
	e-mail addresses, URLs, time zones (Asia/Shanghai), file names and anything holding a digit (codes,
	names, dates)."""
	text = _NOT_WORDS.sub(" ", text)
	return [w for w in _WORD.findall(text) if any(c.islower() for c in w) and w not in ALLOWED_WORDS]
