"""Read a spreadsheet (Excel .xlsx or .csv) into located cells, as the clerk's program saved them.

Nothing is converted here beyond what the file itself says: an Excel cell keeps its Python value
(text, number, date) and number format, so the importer can tell a date from a code that Excel turned
into a number. Formulas are kept as formulas (never their cached results: a file saved by a program
other than Excel has none, and Excel's may be stale), so the importer can refuse them at their cell.
A vertically merged range means "the same value in each row" and is filled down; a range merged
across columns is kept as such so the importer can refuse it where data stands.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .problems import Stopped

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
"""Tried in this order when no encoding is given: UTF-8 (with or without the BOM Excel writes), then
GB 18030, the superset of the GBK that Excel in China saves "CSV (逗号分隔)" in."""

Value = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its value as stored, where it is (1-based), and what Excel knows about it."""

    value: Value
    row: int
    col: int
    number_format: str = "General"
    formula: str = ""
    """The formula text (`=SUM(A1:A3)`) when the cell holds one."""
    error: str = ""
    """An Excel error value (`#N/A`, `#REF!`) when the cell holds one."""
    merged_across: str = ""
    """The range (`B4:C4`) when the cell is part of a range merged across columns."""
    copied: bool = False
    """The value was copied down from the top of a vertically merged range, not typed in this row."""

    @property
    def empty(self) -> bool:
        return not self.formula and not self.error and (self.value is None or str(self.value).strip() == "")


@dataclass(frozen=True)
class Sheet:
    """The cells of one sheet (or a CSV file), row by row; `name` is "" for a CSV file."""

    path: Path
    name: str
    rows: list[list[Cell]] = field(default_factory=list)
    encoding: str = ""
    """The text encoding a CSV file was read in."""


def column_letter(col: int) -> str:
    """1 → A, 27 → AA: the column as Excel names it."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(path: Path, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    """The cells of `path`: a .xlsx workbook's named (default: first) sheet, or a .csv file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise Stopped(f"找不到文件 {path}。", f"No such file: {path}.")
    if suffix == ".csv":
        if sheet is not None:
            raise Stopped("CSV 文件没有工作表，请去掉 --sheet。", "A CSV file has no sheets; drop --sheet.")
        return _read_csv(path, encoding)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in (".xls", ".et", ".ods", ".numbers"):
        raise Stopped(
            f"{path.name} 不是 .xlsx 文件：请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）或 CSV 后再导入。",
            f"{path.name} is not an .xlsx file; save it as an Excel workbook (*.xlsx) or CSV first.",
        )
    raise Stopped(
        f"{path.name}：只能导入 .xlsx 或 .csv 文件。", f"{path.name}: only .xlsx and .csv files can be imported."
    )


def _read_xlsx(path: Path, sheet: str | None) -> Sheet:
    try:
        book = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise Stopped(
            f"{path.name} 打不开，不是有效的 .xlsx 文件（{type(exc).__name__}）：请在 Excel 中重新保存为 .xlsx。",
            f"{path.name} cannot be opened as an .xlsx workbook ({type(exc).__name__}); save it again from Excel.",
        ) from None
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise Stopped(
            f"{path.name} 中没有工作表“{sheet}”；有：{'、'.join(names)}。",
            f"{path.name} has no sheet {sheet!r}; it has: {', '.join(names)}.",
        )
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    filled: dict[tuple[int, int], Any] = {}
    across: dict[tuple[int, int], str] = {}
    for rng in ws.merged_cells.ranges:
        top = ws.cell(rng.min_row, rng.min_col)
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                filled[row, col] = top
                if rng.max_col > rng.min_col:
                    across[row, col] = rng.coord
    rows: list[list[Cell]] = []
    for r, row_cells in enumerate(ws.iter_rows(), start=1):
        cells: list[Cell] = []
        for c, here in enumerate(row_cells, start=1):
            src = filled.get((r, c), here)
            value, formula, error = src.value, "", ""
            if src.data_type == "f":  # a formula: its text (an array formula keeps it in .text), never a result
                formula, value = str(getattr(value, "text", value)), None
            elif src.data_type == "e":
                error, value = str(value), None
            fmt = src.number_format or "General"
            cells.append(Cell(value, r, c, fmt, formula, error, across.get((r, c), ""), src is not here))
        rows.append(cells)
    return Sheet(path, ws.title, rows)


def _read_csv(path: Path, encoding: str | None) -> Sheet:
    data = path.read_bytes()
    tried = (encoding,) if encoding else CSV_ENCODINGS
    for enc in tried:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        text = text.removeprefix("\ufeff")  # a BOM under an explicitly given encoding
        rows = [
            [Cell(value, r, c) for c, value in enumerate(record, start=1)]
            for r, record in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
        ]
        return Sheet(path, "", rows, enc)
    raise Stopped(
        f"{path.name} 不是 {'、'.join(tried)} 编码的文本：请用 --encoding 指明编码，或在 Excel 中另存为“CSV UTF-8”。",
        f"{path.name} is not text in {', '.join(tried)}; give --encoding, or save it as CSV UTF-8.",
    )
