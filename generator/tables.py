"""Tables wider than a phone turn into cards there: every data cell carries its column's heading.

The headings are written once, in each table's <thead>; `as_cards` decides, here only, which tables
become cards, and copies the headings onto their cells as `data-label`, which the stylesheet shows
above each value below the phone breakpoint. A table of at most CARD_COLUMNS columns, or one whose
columns' longest values fit a phone's width side by side (monthly figures), stays a table there: a
card per row would only make it longer. A list of postings asks for cards (`dz-cards` in its
template): it reads better as entries than as a grid.
"""

from __future__ import annotations

import re

_TABLE = re.compile(r'<table class="dz-table([^"]*)">(.*?)</table>', re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)(?=[\s>])([^>]*)>")
_TAG = re.compile(r"<[^>]+>")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")

CARD_COLUMNS = 4
"""A headed table of more columns than this becomes one card per row on a phone, unless it fits."""
PHONE_WIDTH = 24
"""What a phone's column holds side by side, in Chinese characters of table text (358 px at 13 px, less padding)."""


def as_cards(html: str) -> str:
    """Mark every headed `dz-table` of more than CARD_COLUMNS columns as cards, each cell labelled with its heading."""
    return _TABLE.sub(_card_table, html)


def _card_table(match: re.Match[str]) -> str:
    classes, body = match.group(1), match.group(2)
    head = _HEAD.search(body)
    if head is None:
        return match.group(0)
    labels = [_TAG.sub("", h).strip() for h in _TH.findall(head.group(1))]
    rest = body[head.end() :]
    if "dz-cards" not in classes.split() and (len(labels) <= CARD_COLUMNS or _fits(labels, rest)):
        return match.group(0)

    def label_row(row: re.Match[str]) -> str:
        column = iter(labels)

        def label_cell(cell: re.Match[str]) -> str:
            kind, attrs = cell.group(1), cell.group(2)
            name = next(column, "")
            if kind == "th" or "data-label=" in attrs or not name:
                return cell.group(0)
            return f'<td data-label="{name}"{attrs}>'

        return f"{row.group(1)}{_CELL.sub(label_cell, row.group(2))}</tr>"

    cards = classes if "dz-cards" in classes.split() else f"{classes} dz-cards"
    return f'<table class="dz-table{cards}">{body[: head.end()]}{_ROW.sub(label_row, rest)}</table>'


def _width(text: str) -> float:
    """How wide a text is in Chinese characters: Latin letters and digits about half of one."""
    wide = len(_WIDE.findall(text))
    return wide + (len(text) - wide) * 0.55


def _fits(labels: list[str], rows: str) -> bool:
    """Whether the columns, each as wide as its longest value (its heading may wrap after two characters), fit a phone."""
    widest = [2.0] * len(labels)
    for row in _ROW.finditer(rows):
        cells = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row.group(2), re.S)
        for i, cell in enumerate(cells[: len(labels)]):
            widest[i] = max(widest[i], _width(_TAG.sub("", cell).strip()))
    return sum(widest) + len(labels) <= PHONE_WIDTH
