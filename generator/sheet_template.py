"""An empty workbook whose header row `disclose import` reads: what a clerk fills in Excel instead of YAML.

One column per field of the typed record, named by the field's Chinese label (the label `disclose import`
matches), then the posting's 公开日期. Required columns are bold; each header carries the field's help as
a cell comment, shown when the pointer rests on it. Text cells are formatted as text, so Excel keeps the
leading zeros of a 文书号 or 统一社会信用代码.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .importing import column_header
from .model import TABLE_TYPES, Posting, table_label
from .schema import fields_of, label_of

POSTING_COLUMNS = ("published",)
"""The posting's own columns a template offers after the record's: the day it went public."""
COLUMN_WIDTH = 18
ROWS_FORMATTED = 500
"""Rows below the header given text format, so what a clerk types keeps its zeros."""


def workbook(kind: str) -> bytes:
    """The .xlsx bytes of an import template for the typed table `kind` (penalties, licences …)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table_label(kind)[:31]
    record = TABLE_TYPES[kind]
    columns = [(column_header(i), i.spec.help, i.required) for i in fields_of(record)]
    columns += [(label_of(Posting, key), _help(key), False) for key in POSTING_COLUMNS]
    for col, (label, help_text, required) in enumerate(columns, start=1):
        cell = sheet.cell(1, col, label)
        cell.font = Font(bold=required)
        cell.comment = Comment(("必填。" if required else "选填。") + help_text, "disclose")
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = COLUMN_WIDTH
        for row in range(2, ROWS_FORMATTED + 2):
            sheet.cell(row, col).number_format = "@"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _help(key: str) -> str:
    return next(i.spec.help for i in fields_of(Posting) if i.key == key)
