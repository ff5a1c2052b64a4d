"""Tables that turn into cards on phones: every data cell carries its column's heading.

The headings are written once, in each table's <thead>; `as_cards` copies them onto the cells
as `data-label`, which the stylesheet shows above each value below the phone breakpoint.
"""

from __future__ import annotations

import re

_TABLE = re.compile(r'<table class="dz-table([^"]*)">(.*?)</table>', re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)</tr>", re.S)
_CELL = re.compile(r"<(td|th)(?=[\s>])([^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def as_cards(html: str) -> str:
    """Give every cell of every headed `dz-table` its column heading, and mark the table as cards."""
    return _TABLE.sub(_card_table, html)


def _card_table(match: re.Match[str]) -> str:
    classes, body = match.group(1), match.group(2)
    head = _HEAD.search(body)
    if head is None or "dz-cards" in classes.split():
        return match.group(0)
    labels = [_TAG.sub("", h).strip() for h in _TH.findall(head.group(1))]
    rest = body[head.end() :]

    def label_row(row: re.Match[str]) -> str:
        column = iter(labels)

        def label_cell(cell: re.Match[str]) -> str:
            kind, attrs = cell.group(1), cell.group(2)
            name = next(column, "")
            if kind == "th" or "data-label=" in attrs or not name:
                return cell.group(0)
            return f'<td data-label="{name}"{attrs}>'

        return f"{row.group(1)}{_CELL.sub(label_cell, row.group(2))}</tr>"

    return f'<table class="dz-table{classes} dz-cards">{body[: head.end()]}{_ROW.sub(label_row, rest)}</table>'
