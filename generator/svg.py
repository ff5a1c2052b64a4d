"""Make Graphviz SVG fit for a page: accessible name and description, ids unique on the page."""

from __future__ import annotations

import html
import re

_PROLOG = re.compile(r"^.*?(?=<svg)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_HREF = re.compile(r'(xlink:href|href)="#([^"]*)"')
_FIRST_TITLE = re.compile(r"<title>.*?</title>", re.S)


def accessible(svg: str, prefix: str, title: str, desc: str) -> str:
    """Inline-ready SVG: role=img, <title> and <desc> for screen readers, ids prefixed."""
    svg = _COMMENT.sub("", _PROLOG.sub("", svg, count=1))
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _HREF.sub(lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"', svg)
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{title_id} {desc_id}" focusable="false" ',
        1,
    )
    head = f'<title id="{title_id}">{html.escape(title)}</title><desc id="{desc_id}">{html.escape(desc)}</desc>'
    open_end = svg.index(">", svg.index("<svg")) + 1
    svg = svg[:open_end] + "\n" + head + svg[open_end:]
    # Graphviz gives the graph group a <title> with the DOT name; the accessible title above replaces it.
    rest_start = open_end + 1 + len(head)
    svg = svg[:rest_start] + _FIRST_TITLE.sub("", svg[rest_start:], count=1)
    return "\n".join(line for line in svg.splitlines() if line.strip())
