"""Helpers the print formats call from Jinja (registered in hooks.jinja)."""

import io

import pyqrcode
from markupsafe import Markup

from archive_mgmt.rules.retention import RetentionCodeError, label_of


def qr_svg(text: str, scale: int = 3) -> Markup:
	"""An inline SVG QR code of ``text`` (e.g. a reference code), for box labels."""
	if not text:
		return Markup("")
	out = io.BytesIO()
	pyqrcode.create(str(text), error="M", encoding="utf-8").svg(out, scale=scale, xmldecl=False, svgns=True)
	return Markup(out.getvalue().decode("utf-8"))


def retention_label(code: str | None) -> str:
	"""永久, 30年 … as printed on stamps and covers."""
	try:
		return label_of(code) if code else ""
	except RetentionCodeError:
		return code or ""


def yyyymmdd(value, fmt: str = "%Y%m%d") -> str:
	"""A date as archivists write it (20240301), or with ``fmt`` (e.g. %Y年%m月%d日)."""
	from frappe.utils import getdate

	return getdate(value).strftime(fmt) if value else ""


def full_name(user: str | None) -> str:
	from frappe.utils import get_fullname

	return get_fullname(user) if user else ""
