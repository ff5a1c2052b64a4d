"""Charts as inline SVG, made in Python: no JavaScript, nothing loaded. Pure: numbers in, markup out.

Each chart is an image with an accessible name and description (role="img", <title>, <desc>);
the page puts the same numbers beside it as a table. Bar colours have at least 3:1 contrast
against white (WCAG 1.4.11) and 4.5:1 against the white numbers written on them; text has 4.5:1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..text import cells, safe

INK = "#1f2933"
MUTED = "#52606d"
TRACK = "#e4e7eb"
AXIS = "#7b8794"
WHITE = "#ffffff"
ON_TIME = "#1a7f37"
LATE = "#a85400"
OVERDUE = "#b91c1c"
SHARE = "#1d4ed8"
COLOURS = (INK, MUTED, ON_TIME, LATE, OVERDUE, SHARE)

FONT = 14
SMALL = 12
ROW = 30
BAR = 18
PLOT = 360
GAP = 8


@dataclass(frozen=True)
class Series:
    """One kind of value in a chart: its name (for the legend) and colour."""

    name: str
    colour: str


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = WHITE) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_width(text: str, size: int = FONT) -> float:
    """Roughly how wide `text` is drawn: a CJK character is one em, other characters about half."""
    return cells(text) * size * 0.55


def _n(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK, size: int = FONT) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}" text-anchor="{anchor}" '
        f'dominant-baseline="central">{safe(text)}</text>'
    )


def _rect(x: float, y: float, w: float, h: float, fill: str) -> str:
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"/>'


def _svg(chart_id: str, title: str, desc: str, width: float, height: float, body: list[str]) -> str:
    """The frame every chart shares: size, accessible name and description."""
    return "\n".join(
        [
            f'<svg class="dz-chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title" '
            f'aria-describedby="{chart_id}-desc" focusable="false" viewBox="0 0 {_n(width)} {_n(height)}" '
            f'width="{_n(width)}" height="{_n(height)}" style="max-width:100%;height:auto">',
            f'<title id="{chart_id}-title">{safe(title)}</title>',
            f'<desc id="{chart_id}-desc">{safe(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _legend(series: Sequence[Series], y: float) -> list[str]:
    out, x = [], 0.0
    for s in series:
        out.append(_rect(x, y - 6, 12, 12, s.colour))
        out.append(_text(x + 18, y, s.name))
        x += 18 + text_width(s.name) + 20
    return out


def stacked_bars(
    chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[Series]
) -> str:
    """Horizontal bars, one per row, each split into `series`; lengths are counts on one scale."""
    label_w = max((text_width(label) for label, _ in rows), default=0) + GAP * 2
    most = max((sum(values) for _, values in rows), default=0) or 1
    top = ROW
    body = _legend(series, top / 2)
    for i, (label, values) in enumerate(rows):
        y = top + i * ROW + (ROW - BAR) / 2
        body.append(_text(label_w - GAP, y + BAR / 2, label, anchor="end"))
        x = label_w
        for value, s in zip(values, series, strict=True):
            w = PLOT * value / most
            if value:
                body.append(_rect(x, y, w, BAR, s.colour))
                if w >= text_width(str(value), SMALL) + 6:
                    body.append(_text(x + w / 2, y + BAR / 2, str(value), anchor="middle", fill=WHITE, size=SMALL))
            x += w
        total = sum(values)
        body.append(_text(x + GAP, y + BAR / 2, f"共 {total}" if total else "无到期信息", fill=INK if total else MUTED))
    width = label_w + PLOT + GAP + text_width("无到期信息") + GAP
    return _svg(chart_id, title, desc, width, top + len(rows) * ROW + GAP, body)


def percent_bars(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, float]], colour: str) -> str:
    """Horizontal bars of shares from 0 to 100 %, each on a light track that shows the whole."""
    label_w = max((text_width(label) for label, _ in rows), default=0) + GAP * 2
    body = []
    for i, (label, pct) in enumerate(rows):
        y = i * ROW + (ROW - BAR) / 2
        body.append(_text(label_w - GAP, y + BAR / 2, label, anchor="end"))
        body.append(_rect(label_w, y, PLOT, BAR, TRACK))
        body.append(_rect(label_w, y, PLOT * max(0.0, min(pct, 100.0)) / 100, BAR, colour))
        body.append(_text(label_w + PLOT + GAP, y + BAR / 2, f"{pct:.0f}%"))
    width = label_w + PLOT + GAP + text_width("100%") + GAP
    return _svg(chart_id, title, desc, width, len(rows) * ROW + GAP, body)


PANEL_W = 250
PANEL_H = 166
PANEL_PLOT = 80
SHARE_LABELS = 6
"""Up to this many months every column is labelled with its share (the table below always has them)."""
MONTH_LABELS = 3
"""Up to this many months every month is named under its column; beyond, only the first and the last."""
PER_LINE = 3
COLUMN = 24


def small_multiples(
    chart_id: str,
    title: str,
    desc: str,
    panels: Sequence[tuple[str, Sequence[tuple[str, float | None]]]],
    colour: str,
) -> str:
    """One small column chart of shares (0–100 %) per panel, all on the same months and scale.

    A month with data has an outlined column (so 0 % still shows) filled to its share; None = no data, no column.
    """
    body = []
    left, right, top = 44, 12, 46
    for n, (name, points) in enumerate(panels):
        ox, oy = (n % PER_LINE) * PANEL_W, (n // PER_LINE) * PANEL_H
        base, inner = oy + top + PANEL_PLOT, PANEL_W - left - right
        body.append(_text(ox + left, oy + 12, name))
        body.append(_text(ox + left - 4, oy + top, "100%", anchor="end", fill=MUTED, size=SMALL))
        body.append(_text(ox + left - 4, base, "0%", anchor="end", fill=MUTED, size=SMALL))
        body.append(f'<line x1="{ox + left}" y1="{base}" x2="{ox + left + inner}" y2="{base}" stroke="{AXIS}"/>')
        step = inner / max(len(points), 1)
        w = min(step * 0.7, COLUMN)
        for i, (month, share) in enumerate(points):
            cx = ox + left + step * (i + 0.5)
            if share is not None:
                h = PANEL_PLOT * share / 100
                body.append(
                    f'<rect x="{_n(cx - w / 2)}" y="{_n(base - PANEL_PLOT)}" width="{_n(w)}" height="{PANEL_PLOT}" '
                    f'fill="{WHITE}" stroke="{AXIS}"/>'
                )
                body.append(_rect(cx - w / 2, base - h, w, h, colour))
                if len(points) <= SHARE_LABELS:
                    body.append(_text(cx, base - PANEL_PLOT - 8, f"{share:.0f}%", anchor="middle", size=SMALL))
            if len(points) <= MONTH_LABELS or i in (0, len(points) - 1):
                body.append(_text(cx, base + 14, month, anchor="middle", fill=MUTED, size=SMALL))
    lines = -(-len(panels) // PER_LINE)
    width = PANEL_W * min(len(panels), PER_LINE)
    return _svg(chart_id, title, desc, max(width, PANEL_W), max(lines, 1) * PANEL_H, body)
