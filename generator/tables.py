"""Tables wider than a phone turn into cards there: every data cell carries its column's heading.

The headings are written once, in each table's <thead>; `as_cards` decides, here only, which tables
become cards, and copies the headings onto their cells as `data-label`, which the stylesheet shows
above each value below the phone breakpoint. A table of at most CARD_COLUMNS columns stays a table
there: a card per row would only make it longer. A template may ask otherwise, by the table's class:
a list of postings for cards (`dz-cards`: it reads better as entries than as a grid), a table of
short figures to stay a table (`dz-figures`: monthly counts fit side by side). The decision never
depends on the text in the cells.
"""

from __future__ import annotations

import re

_TABLE = re.compile(r'<table class="dz-table([^"]*)">(.*?)</table>', re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)(?=[\s>])([^>]*)>")
_TAG = re.compile(r"<[^>]+>")

CARD_COLUMNS = 4
"""A headed table of more columns than this becomes one card per row on a phone, unless its template says otherwise."""


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
    asked = classes.split()
    if "dz-cards" not in asked and (len(labels) <= CARD_COLUMNS or "dz-figures" in asked):
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
