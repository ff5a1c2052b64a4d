"""Safe text for Markdown pages: what a clerk typed can never become markup or a link."""

from __future__ import annotations

import html
import json
import re
import unicodedata

from markupsafe import Markup

_ENTITIES = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;"}
_MD_CHARS = {ord(c): f"&#{ord(c)};" for c in "*_`[]|\\#~{}!$"}
_ESCAPES = _ENTITIES | _MD_CHARS
"""HTML and Markdown syntax to entities in one pass, so an entity's own `#` or `&` is never escaped again."""
_LINE_START = re.compile(r"^([-+>:=]|\d+\.)")
_PLAIN = re.compile(r"[^&<>\"'*_`\[\]|\\#~{}!$\n]*")
"""Text with nothing to escape; most Chinese values are such text."""


def cells(text: str) -> int:
    """Display width: wide (CJK) characters take two cells, others one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def safe(value: object) -> str:
    """Escape HTML and neutralise Markdown syntax with entities, valid in text and raw HTML alike."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    raw = str(value)
    if _PLAIN.fullmatch(raw) and not _LINE_START.match(raw):
        return raw
    text = raw.translate(_ESCAPES)
    text = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), text)
    return " ".join(text.split("\n"))


NOT_GIVEN = "未提供"
"""Shown where the clerk's source did not give a value: never a guess in its place."""


def given(value: object) -> object:
    """The value, or `NOT_GIVEN` when there is none."""
    return NOT_GIVEN if value is None or value == "" else value


def paragraphs(value: object) -> Markup:
    """Blank-line separated text as HTML paragraphs."""
    if value is None:
        return Markup("")
    parts = [p.strip() for p in re.split(r"\n\s*\n", str(value)) if p.strip()]
    return Markup("\n".join(f"<p>{safe(p)}</p>" for p in parts))


def page_title(value: object) -> Markup:
    """A page's title for its front matter, as HTML text: the theme prints titles unescaped in `<title>`,
    the header, navigation and search, so the title it is given is already inert there."""
    return yaml_string(html.escape(str(value), quote=True))


def yaml_string(value: object) -> Markup:
    """A double-quoted YAML string (JSON is valid YAML), for page front matter: never markup, never YAML syntax."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


def tel(phone: str) -> str:
    """The `tel:` form of a phone number as typed: its digits, with a leading + and the dashes kept."""
    first = re.split(r"[,,;;、/]|转", phone, maxsplit=1)[0]
    return re.sub(r"[^0-9+-]", "", first)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell beginning with one of these is a formula to Excel and WPS (OWASP, CSV injection)."""


def spreadsheet_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe (OWASP)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
