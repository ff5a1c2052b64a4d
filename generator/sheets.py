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
import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .bounded import TooLarge, TooSlow, bounded
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


MAX_ROWS = 10_000
"""The most rows a sheet given to `disclose import` may have. A district publishes hundreds of 双公示 decisions a
year; reading 10,000 national rows (30 columns) took 7.5 s here at load 2 (`make bench` times 1,000)."""
MAX_COLUMNS = 200
"""The most columns: the national layouts have about 30; a stray value far to the right would make every row
that wide."""
MAX_UNPACKED = 64 * 2**20
"""The most a workbook may unpack to (or a CSV file may hold): 10,000 national rows unpack to about 20 MB."""
READ_SECONDS = 40.0
"""The longest reading one sheet may take, in a child process (bounded.py): refused well within a minute."""
READ_MEMORY = 2**30
"""The most memory reading one sheet may take, above what the import already holds."""


def read_sheet(path: Path, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    """The cells of `path`: a .xlsx workbook's named (default: first) sheet, or a .csv file.

    Read in a child process bounded in time and memory; a file too large, too long or too slow to read is
    refused (Stopped) with what to do, before any of it is imported.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise Stopped(f"找不到文件 {path}。", f"No such file: {path}.")
    if suffix == ".csv":
        if sheet is not None:
            raise Stopped("CSV 文件没有工作表，请去掉 --sheet。", "A CSV file has no sheets; drop --sheet.")
        reader: Callable[[], Sheet] = functools.partial(_read_csv, path, encoding)
    elif suffix in (".xlsx", ".xlsm"):
        reader = functools.partial(_read_xlsx, path, sheet)
    elif suffix in (".xls", ".et", ".ods", ".numbers"):
        raise Stopped(
            f"{path.name} 不是 .xlsx 文件：请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）或 CSV 后再导入。",
            f"{path.name} is not an .xlsx file; save it as an Excel workbook (*.xlsx) or CSV first.",
        )
    else:
        raise Stopped(
            f"{path.name}：只能导入 .xlsx 或 .csv 文件。", f"{path.name}: only .xlsx and .csv files can be imported."
        )
    try:
        return _unpacked(bounded(_packed, reader, seconds=READ_SECONDS, memory=READ_MEMORY))
    except TooSlow:
        raise Stopped(
            f"{path.name} 在 {READ_SECONDS:.0f} 秒内没有读完，没有导入：正常的双公示表格几秒就能读完。"
            f"请只保留要导入的工作表和行（每次不超过 {MAX_ROWS} 行），在 Excel 中另存一份再导入。",
            f"{path.name} could not be read within {READ_SECONDS:.0f} s and was not imported; keep only the sheet "
            f"and rows to import (at most {MAX_ROWS}) and save a fresh copy.",
        ) from None
    except TooLarge:
        raise Stopped(
            f"{path.name} 读取需要的内存超过 {READ_MEMORY // 2**20} MB，没有导入：表格中可能有大量空白格式或隐藏内容。"
            f"请只保留要导入的工作表和行（每次不超过 {MAX_ROWS} 行），在 Excel 中另存一份再导入。",
            f"{path.name} needs more than {READ_MEMORY // 2**20} MB to read and was not imported; keep only the "
            "sheet and rows to import and save a fresh copy.",
        ) from None


Packed = tuple[Path, str, str, list[list[tuple[Any, ...]]]]


def _packed(read: Callable[[], Sheet]) -> Packed:
    """The sheet `read` gives, as plain tuples: what the child sends back pickles several times faster than cells."""
    sheet = read()
    rows = [
        [(c.value, c.row, c.col, c.number_format, c.formula, c.error, c.merged_across, c.copied) for c in row]
        for row in sheet.rows
    ]
    return sheet.path, sheet.name, sheet.encoding, rows


def _unpacked(packed: Packed) -> Sheet:
    path, name, encoding, rows = packed
    return Sheet(path, name, [[Cell(*cell) for cell in row] for row in rows], encoding)


def _too_big(path: Path, what: str, en: str) -> Stopped:
    return Stopped(
        f"{path.name} {what}，没有导入：请只保留要导入的工作表和行（每次不超过 {MAX_ROWS} 行、{MAX_COLUMNS} 列），"
        "在 Excel 中另存一份再导入。",
        f"{path.name} {en} and was not imported; keep only the sheet and rows to import "
        f"(at most {MAX_ROWS} rows and {MAX_COLUMNS} columns) and save a fresh copy.",
    )


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _check_workbook(path: Path) -> None:
    """Refuse, before parsing, a workbook that unpacks to more than MAX_UNPACKED or has more than MAX_ROWS rows.

    The sizes an archive declares bound what zipfile unpacks (it stops at the declared size), so a
    compressed bomb is refused by its declaration; the rows are counted by streaming each sheet's XML."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        unpacked = sum(i.file_size for i in parts)
        if unpacked > MAX_UNPACKED:
            raise _too_big(
                path,
                f"解压后有 {unpacked // 2**20} MB（超过 {MAX_UNPACKED // 2**20} MB）",
                f"unpacks to {unpacked} bytes",
            )
        rows = 0
        for info in parts:
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            with archive.open(info) as stream:
                tail = b""
                while chunk := stream.read(2**20):
                    data = tail + chunk
                    keep = max(0, len(data) - 16)  # a tag cut by the chunk's end is counted with the next chunk
                    rows += sum(1 for m in _ROW_TAG.finditer(data) if m.start() < keep)
                    tail = data[keep:]
                rows += len(_ROW_TAG.findall(tail))
            if rows > MAX_ROWS + HEADER_ROOM:
                raise _too_big(path, f"的工作表共有 {rows} 行以上（超过 {MAX_ROWS} 行）", f"has more than {rows} rows")


HEADER_ROOM = 20
"""Rows above the data a sheet may have beyond MAX_ROWS: a title, notes, the header."""


def _read_xlsx(path: Path, sheet: str | None) -> Sheet:
    try:
        _check_workbook(path)
        book = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError) as exc:
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
    if ws.max_column > MAX_COLUMNS:
        raise _too_big(path, f"的工作表“{ws.title}”有 {ws.max_column} 列", f"has {ws.max_column} columns")
    if ws.max_row > MAX_ROWS + HEADER_ROOM:
        raise _too_big(path, f"的工作表“{ws.title}”有 {ws.max_row} 行", f"has {ws.max_row} rows")
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


def _csv_records(path: Path, records: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from records
    except csv.Error as exc:
        raise Stopped(
            f"{path.name} 不是规范的 CSV 文件（{exc}）：请在 Excel 中另存为“CSV UTF-8”后再导入。",
            f"{path.name} is not a well-formed CSV file ({exc}); save it again as CSV UTF-8.",
        ) from None


def _read_csv(path: Path, encoding: str | None) -> Sheet:
    size = path.stat().st_size
    if size > MAX_UNPACKED:
        raise _too_big(path, f"有 {size // 2**20} MB（超过 {MAX_UNPACKED // 2**20} MB）", f"holds {size} bytes")
    data = path.read_bytes()
    tried = (encoding,) if encoding else CSV_ENCODINGS
    for enc in tried:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        text = text.removeprefix("\ufeff")  # a BOM under an explicitly given encoding
        rows = []
        records = csv.reader(io.StringIO(text, newline=""))
        for r, record in enumerate(_csv_records(path, records), start=1):
            if r > MAX_ROWS + HEADER_ROOM or len(record) > MAX_COLUMNS:
                what = f"超过 {MAX_ROWS} 行" if r > MAX_ROWS + HEADER_ROOM else f"第 {r} 行有 {len(record)} 列"
                raise _too_big(path, what, "has too many rows or columns")
            rows.append([Cell(value, r, c) for c, value in enumerate(record, start=1)])
        return Sheet(path, "", rows, enc)
    raise Stopped(
        f"{path.name} 不是 {'、'.join(tried)} 编码的文本：请用 --encoding 指明编码，或在 Excel 中另存为“CSV UTF-8”。",
        f"{path.name} is not text in {', '.join(tried)}; give --encoding, or save it as CSV UTF-8.",
    )
