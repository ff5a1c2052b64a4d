"""QR codes for the printed 公开栏: from the sheet on the wall to the same page on the site.

A code is drawn as inline SVG (segno), so it prints sharp at any size and needs no image file; it
encodes only the page's address, which the site's configuration makes, never text a clerk typed.
"""

from __future__ import annotations

import functools

import segno
from markupsafe import Markup, escape


@functools.lru_cache(maxsize=4096)  # the live preview draws a department's codes again after every edit
def qr_svg(url: str, label: str) -> Markup:
    """`url` as a QR code (error correction M: a sheet behind glass, a little worn), named `label` for screen readers."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="dz-qr", lineclass=None)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
