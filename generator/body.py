"""A posting's body as a safe subset: paragraphs, single line breaks, lists, simple tables and links.

The clerk's text is parsed here and re-emitted as HTML we write ourselves: every piece of text goes
through `safe()`, a link keeps only an http(s) or relative address, and nothing the clerk typed is
ever passed on as markup.

    blank line          new paragraph
    single line break   line break inside the paragraph
    - item / 1. item    list (unordered / ordered), one item per line
    | a | b |           table: first row the header, then a |---|---| line, then rows
    [text](address)     link to http://, https:// or a relative address
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

from .text import safe

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d+[.、)]\s*(.*)$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


def link_target(address: str) -> str | None:
    """An address a link may point to: http(s) or relative; None for any other scheme or a protocol-relative one."""
    if address.startswith("//") or "\\" in address:
        return None
    scheme = _SCHEME.match(address)
    if scheme and scheme.group().lower() not in ("http:", "https:"):
        return None
    return quote(address, safe=_URL_SAFE)


def inline(text: str) -> str:
    """One line: escaped text, with [text](address) links made by us."""
    out, pos = [], 0
    for m in _LINK.finditer(text):
        target = link_target(m.group(2))
        if target is None:
            continue  # left as the text the clerk typed
        out.append(safe(text[pos : m.start()]))
        out.append(f'<a href="{safe(target)}">{safe(m.group(1))}</a>')
        pos = m.end()
    out.append(safe(text[pos:]))
    return "".join(out)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table(lines: list[str]) -> str | None:
    if len(lines) < 2 or not all("|" in line for line in lines) or not _RULE.match(lines[1]):
        return None
    head = _cells(lines[0])
    rows = [_cells(line) for line in lines[2:]]
    if any(len(r) != len(head) for r in rows):
        return None
    ths = "".join(f'<th scope="col">{inline(c)}</th>' for c in head)
    trs = "\n".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="dz-table">\n<thead><tr>{ths}</tr></thead>\n<tbody>\n{trs}\n</tbody>\n</table>'


def _list(lines: list[str]) -> str | None:
    for pattern, tag in ((_BULLET, "ul"), (_NUMBER, "ol")):
        items = [pattern.match(line) for line in lines]
        if all(items):
            lis = "\n".join(f"<li>{inline(m.group(1))}</li>" for m in items if m)
            return f"<{tag}>\n{lis}\n</{tag}>"
    return None


def block(lines: list[str]) -> str:
    """One blank-line separated block: a table, a list, or a paragraph with line breaks."""
    made = _table(lines) or _list(lines)
    if made is not None:
        return made
    return "<p>" + "<br>\n".join(inline(line.strip()) for line in lines) + "</p>"


def render_body(value: object) -> Markup:
    """A body's text as our own HTML: blocks separated by blank lines, never the clerk's markup."""
    if value is None:
        return Markup("")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    blocks = [[line for line in part.split("\n") if line.strip()] for part in re.split(r"\n\s*\n", text)]
    return Markup("\n\n".join(block(lines) for lines in blocks if lines))
