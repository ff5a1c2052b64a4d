"""Make Graphviz SVG fit for a page: accessible name and description, ids unique on the page."""

from __future__ import annotations

import html
import re

_PROLOG = re.compile(r"^.*?(?=<svg)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_HREF = re.compile(r'(xlink:href|href)="#([^"]*)"')
# Graphviz titles every group with its DOT name (step ids, `a->b`): noise for a reader and a tooltip.
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_CLUSTER = re.compile(r'(<g id="([^"]*)" class="cluster">)(.*?)(</g>)', re.S)
_TEXT = re.compile(r"<text\b.*?</text>", re.S)
HALO = 'stroke="white" stroke-width="4" stroke-linejoin="round" paint-order="stroke" '


def lane_labels_on_top(svg: str) -> str:
    """Draw lane labels after the arrows, with a white halo, so an arrow never strikes through them."""
    moved: list[str] = []

    def pull(m: re.Match[str]) -> str:
        texts = "".join(t.replace("<text ", "<text " + HALO, 1) for t in _TEXT.findall(m[3]))
        moved.append(f'<g class="lane-label" data-lane="{m[2]}">{texts}</g>')
        return m[1] + _TEXT.sub("", m[3]) + m[4]

    svg = _CLUSTER.sub(pull, svg)
    end = svg.rindex("</g>")  # closes the graph's group
    return svg[:end] + "\n".join(moved) + "\n" + svg[end:]


def accessible(svg: str, prefix: str, title: str, desc: str) -> str:
    """Inline-ready SVG: role=img, <title> and <desc> for screen readers, ids prefixed to be unique."""
    svg = _TITLE.sub("", _COMMENT.sub("", _PROLOG.sub("", svg, count=1)))
    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = lane_labels_on_top(_HREF.sub(lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"', svg))
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" focusable="false" ',
        1,
    )
    head = f'<title id="{title_id}">{html.escape(title)}</title><desc id="{desc_id}">{html.escape(desc)}</desc>'
    open_end = svg.index(">", svg.index("<svg")) + 1
    svg = svg[:open_end] + "\n" + head + svg[open_end:]
    return "\n".join(line for line in svg.splitlines() if line.strip())
