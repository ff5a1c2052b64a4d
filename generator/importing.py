"""`disclose import`: rows of a spreadsheet become typed postings, one YAML file each, found again on re-import.

The header row is matched by the Chinese labels the fields declare (`spec()`): the typed record's fields
(决定文书号, 统一社会信用代码 …) and, optionally, the posting's own (标题, 类别, 内容概述, 办结日期, 公开日期 …);
a 行政许可 or 行政处罚 sheet may instead come in the national 双公示 layout as exported (national.py), whose
columns fill the same fields, or are kept out of the site (ID numbers, 当前状态) and named in the summary.
An amount takes its unit from its header (`罚款金额（万元）`) or its cell, never by guessing. Every cell becomes the
text the clerk's program shows, or a located problem; every kept cell is scanned for personal numbers, and a
natural person's decision checked for what may not be published (rules/parties.py); then each posting is
checked by the same validation as a YAML file, so a cell's problem names its row, column and header. Nothing
is written unless every row is right. A minor's penalty (told by the birth date in the party's ID number) is
not imported at all.

Rows that stand alone (a 双公示 decision, a procurement result, a land deal: `IDENTIFIED_BY`) become one
posting each, found again by their identifying fields; rows sharing a 标题 become one posting. A posting
that gives no title, category, summary or completion date takes them from the row only where the row
states them: the title from the table's name and `NAMED_BY` fields, the date from the decision date,
the category when the table belongs to one only; the summary counts the records; 公开日期 is the day of the
import when the sheet has no 公开日期 column. Re-importing the same sheet writes nothing; a changed row rewrites
its file, keeping what the clerk added by hand (body, published …) and the title and summary already there.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from . import codes, national
from .config import SiteConfig
from .domain.deadlines import judge
from .domain.parties import of_posting as party_problems
from .filenames import MAX_STEM, fits, posting_stem
from .model import DATED, IDENTIFIED_BY, NAMED_BY, TABLE_CATEGORIES, TABLE_TYPES, TABLES, Posting, table_label
from .personal import find_numbers, valid_id, valid_old_id
from .privacy import advice
from .problems import Loc, Problem, problem
from .schema import DATE_RE, FieldInfo, fields_of, label_of
from .sheets import Cell, Sheet, column_letter
from .validate import build_record, value_kind
from .yamlload import Map, Node, Scalar, Seq, YamlError, load_file

HEADER_SEARCH = 10
"""The header row is looked for among this many first rows (a sheet often starts with a title row)."""
_UNIT_SUFFIX = re.compile(r"\s*(元|万元)$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$")
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")
_ZEROS = re.compile(r"^0+$")
_PLAIN_SAFE = re.compile(r"^[^\s!&*|>'\"%@`#,\[\]{}?:\-~=<][^#:\n\r\t]*(?<!\s)$")
_NULLS = frozenset({"null", "Null", "NULL", "~"})
MAX_EXACT = 10**15
"""Excel keeps 15 significant digits: a longer number in a cell has already lost its last digits."""

Action = Literal["新建", "更新", "不变"]


def import_kinds() -> dict[str, str]:
    """Every name `disclose import` accepts for a kind: the table's key and its Chinese name → the key."""
    return {**{key: key for key in TABLES}, **{table_label(key): key for key in TABLES}}


@dataclass(frozen=True)
class Heading:
    """What a header names: the field it fills (of the record or the posting; None when the column is kept out of
    the site, see `why`), and the unit an amount column states."""

    info: FieldInfo | None
    of_posting: bool
    unit: str | None = None
    why: str = ""
    party_id: bool = False


@dataclass(frozen=True)
class Column:
    """A data column: where it is, its header as typed, and what it names."""

    col: int
    header: str
    heading: Heading

    @property
    def info(self) -> FieldInfo:
        assert self.heading.info is not None, "a kept-out column fills no field"
        return self.heading.info

    @property
    def of_posting(self) -> bool:
        return self.heading.of_posting

    @property
    def kept(self) -> bool:
        return self.heading.info is not None


@dataclass(frozen=True)
class Planned:
    """One file the import writes (or would write, or leaves as it is)."""

    path: Path
    action: Action
    text: str
    posting: Posting | None = None
    """The posting the file holds (its deadline is stated in the summary)."""


@dataclass
class Plan:
    """What an import decided: the files, or the problems that stop it, how to name each cell, and what the
    summary says of the columns kept out, the rows left out and the publication date."""

    files: list[Planned]
    problems: list[Problem]
    headers: dict[int, str]
    kept_out: list[tuple[str, str]] = field(default_factory=list)
    """(header, why) of each column read but not written."""
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """(row, why) of each row not imported."""
    published: str = ""
    """Where the postings' 公开日期 comes from."""

    def summary(self) -> list[str]:
        """What the import left out and how it dated the postings, one line each, for the clerk to read."""
        lines = [f"不写入公开信息的列：“{header}”（{why}）。" for header, why in self.kept_out]
        lines += [f"第 {row} 行没有导入：{why}" for row, why in self.skipped]
        return [*lines, self.published] if self.published else lines

    def where(self, loc: Loc, sheet: str) -> str:
        """A problem's place as a clerk finds it: file, sheet, row, column letter and header."""
        parts = [loc.file]
        if sheet:
            parts.append(f"工作表“{sheet}”")
        if loc.line:
            parts.append(f"第 {loc.line} 行")
        if loc.col:
            header = self.headers.get(loc.col, "")
            parts.append(f"{column_letter(loc.col)} 列" + (f"“{header}”" if header else ""))
        return " ".join(parts)

    def messages(self, sheet: str, lang: str = "zh") -> list[str]:
        ordered = sorted(self.problems, key=lambda p: (p.loc.line, p.loc.col, p.code))
        return [f"{self.where(p.loc, sheet)}: {p.message(lang)} [{p.code}]" for p in ordered]


def _labels(key: str) -> dict[str, tuple[FieldInfo, bool]]:
    """Header label (normalised) → (field, whether it is the posting's): the record's own fields win a shared label."""
    posting = {
        national.normalised(i.spec.label): (i, True)
        for i in fields_of(Posting)
        if i.key not in TABLES and value_kind(i.type) not in ("list", "record")
    }
    return posting | {national.normalised(i.spec.label): (i, False) for i in fields_of(TABLE_TYPES[key])}


def column_header(info: FieldInfo) -> str:
    """The header a field's column carries in a sheet made for import: its label, and an amount's unit
    (`罚款金额（元）`), since an amount column without its unit cannot be read."""
    return f"{info.spec.label}（元）" if value_kind(info.type) == "money" else info.spec.label


def heading_of(key: str, header: object) -> Heading | None:
    """What a header cell names for the table `key`: our label, a national column (any spelling), or an amount
    label with its unit (`罚款金额（元）`); None when it names nothing."""
    labels = _labels(key)
    text = national.normalised(header)
    if text in labels:
        return Heading(*labels[text])
    found = national.column_of(key, header)
    if found is not None and found.key is None:
        return Heading(None, False, why=found.why, party_id=found.party_id)
    if found is not None:
        info = next(i for i in fields_of(TABLE_TYPES[key]) if i.key == found.key)
        if found.unit is None or value_kind(info.type) == "money":
            return Heading(info, False, found.unit)
    base, unit = national.split_unit(text)
    if unit and base in labels and value_kind(labels[base][0].type) == "money":
        return Heading(*labels[base], unit)
    return None


def plan_import(
    key: str,
    sheet: Sheet,
    shown_as: str,
    postings: Path,
    department: str,
    *,
    today: dt.date,
    allowed: frozenset[str] = frozenset(),
    category: str | None = None,
) -> Plan:
    """Decide what importing `sheet` as records of the table `key` writes into the `postings` folder.

    `today` is the day of the import (公开日期 when the sheet has none); `allowed` the fingerprints of reviewed
    personal numbers (privacy_allow); `category` the 类别 of every row when the sheet has no 类别 column."""
    plan = Plan([], [], {})
    at = _header_row(sheet)
    loc0 = Loc(shown_as)
    if at is None:
        required = [i.spec.label for i in fields_of(TABLE_TYPES[key]) if i.required]
        plan.problems.append(
            problem(
                codes.SHEET_HEADER,
                loc0,
                f"前 {HEADER_SEARCH} 行中找不到表头行：表头应当是各列的名称，如 {'、'.join(required)}。",
                f"No header row among the first {HEADER_SEARCH} rows; it names the columns, e.g. {', '.join(required)}.",
            )
        )
        return plan
    header_cells = sheet.rows[at]
    data = [row for row in sheet.rows[at + 1 :] if not all(c.empty or c.copied for c in row)]
    all_columns = _columns(key, header_cells, data, shown_as, plan)
    columns = [c for c in all_columns if c.kept]
    plan.headers = {c.col: str(c.value).strip() for c in header_cells if not c.empty}
    plan.kept_out = [(c.header, c.heading.why) for c in all_columns if not c.kept]
    _needed_columns(key, columns, Loc(shown_as, header_cells[0].row if header_cells else 1), plan, category)
    if plan.problems:
        return plan
    dated = any(c.of_posting and c.info.key == "published" for c in columns)
    plan.published = (
        "公开日期：取自表中“公开日期”列；该列空着的行暂不公开。"
        if dated
        else f"公开日期：表中没有“公开日期”列，新建的文件按导入当天 {today} 填写，已有的文件保留原来的公开日期。"
        "导入后要过一天以上才上线的，请把公开日期改为实际上线的日期。"
    )
    ident = next((c for c in all_columns if c.heading.party_id), None)
    decided = next((c for c in columns if not c.of_posting and c.info.key == "decided"), None)
    if key == "penalties" and ident is not None:
        data = [row for row in data if not _minor(ident, decided, row, today, plan)]
    groups = _groups(key, columns, data, shown_as, plan)
    existing = _existing(key, postings)
    taken: set[Path] = set()
    for rows in groups:
        node = _posting_node(key, columns, rows, shown_as, plan, allowed, None if dated else today, category)
        if node is None:
            continue
        found: list[Problem] = []
        built = build_record(Posting, node, node.loc, found, id="import", department=department)
        plan.problems += found
        if built is None or found:
            continue
        people = list(party_problems(built))
        if people:
            plan.problems += people
            continue
        planned = _target(key, node, built, existing, postings, department, plan, taken)
        if planned is not None:
            plan.files.append(planned)
    if plan.problems:
        plan.files = []
    return plan


def _header_row(sheet: Sheet) -> int | None:
    for i, row in enumerate(sheet.rows[:HEADER_SEARCH]):
        texts = [c.value for c in row if isinstance(c.value, str)]
        if any((h := heading_of(key, text)) is not None and h.info is not None for key in TABLES for text in texts):
            return i
    return None


def _columns(key: str, header: list[Cell], data: list[list[Cell]], shown_as: str, plan: Plan) -> list[Column]:
    columns: list[Column] = []
    seen: dict[tuple[str, bool], int] = {}
    names: dict[int, str] = {}
    for cell in header:
        loc = Loc(shown_as, cell.row, cell.col)
        used = any(len(row) >= cell.col and not row[cell.col - 1].empty for row in data)
        if cell.empty:
            if used:
                plan.problems.append(
                    problem(
                        codes.SHEET_HEADER,
                        loc,
                        "这一列有内容但没有表头：请在表头行写上列名，或删除这一列。",
                        "This column has values but no header; name it, or delete the column.",
                    )
                )
            continue
        name = national.normalised(cell.value)
        heading = heading_of(key, cell.value)
        if heading is not None and heading.info is None:
            columns.append(Column(cell.col, str(cell.value).strip(), heading))
            continue
        if cell.merged_across and name:
            plan.problems.append(_merged(cell, loc))
            continue
        if heading is None:
            labels = _labels(key)
            spelled = {national.normalised(h): h for h in _national(key)} | {
                n: info.spec.label for n, (info, _) in labels.items()
            }
            near = difflib.get_close_matches(name, list(spelled), n=1, cutoff=0.5)
            hint = f"是不是“{spelled[near[0]]}”？" if near else ""
            layout = "，或国家双公示表格的列名" if key in national.NATIONAL else ""
            plan.problems.append(
                problem(
                    codes.SHEET_HEADER,
                    loc,
                    f"不认识的列名“{str(cell.value).strip()}”。{hint}{table_label(key)}的列名是："
                    f"{'、'.join(i.spec.label for i, _ in labels.values())}"
                    f"（前面是记录的列，后面是整条公开信息的可选列）{layout}；请改正列名，或删除这一列。",
                    f"Unknown column {name!r}; rename it to one of the field labels, or delete it.",
                )
            )
            continue
        assert heading.info is not None
        field_key = (heading.info.key, heading.of_posting)
        if field_key in seen:
            plan.problems.append(
                problem(
                    codes.SHEET_HEADER,
                    loc,
                    f"“{name}”列与 {column_letter(seen[field_key])} 列“{names[seen[field_key]]}”"
                    f"是同一项（{heading.info.spec.label}），请删除一列。",
                    f"The column {name!r} fills the same field as column {column_letter(seen[field_key])}; delete one.",
                )
            )
            continue
        seen[field_key] = cell.col
        names[cell.col] = name
        columns.append(Column(cell.col, name, heading))
    return columns


def _national(key: str) -> tuple[str, ...]:
    return national.header_row(key) if key in national.NATIONAL else ()


def _minor(ident: Column, decided: Column | None, row: list[Cell], today: dt.date, plan: Plan) -> bool:
    """A row whose party was under 18 when the penalty was decided (by the birth date in the party's ID number,
    which is read here and never written): left out, since a minor's penalty is not published online."""
    if len(row) < ident.col:
        return False
    number = str(row[ident.col - 1].value or "").strip().upper()
    if valid_id(number):
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    elif valid_old_id(number):
        born = dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    else:
        return False
    day = _day(row[decided.col - 1]) if decided is not None and len(row) >= decided.col else None
    on = day or today
    adult = born.replace(year=born.year + 18) if (born.month, born.day) != (2, 29) else dt.date(born.year + 18, 3, 1)
    if on >= adult:
        return False
    plan.skipped.append(
        (
            row[0].row,
            "证件号码中的出生日期表明，处罚决定时行政相对人未满十八周岁。未成年人的行政处罚结果不在网上公开"
            "（见 docs/import.md），这一行不写入任何文件，请按规定另行处理。",
        )
    )
    return True


def _day(cell: Cell) -> dt.date | None:
    """A cell's date when it plainly holds one (a date cell, or text such as 2011-9-14), else None."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE_TEXT.match(str(value).strip()) if isinstance(value, str) else None
    return dt.date.fromisoformat(iso) if m and (iso := _iso(m)) else None


def _needed_columns(key: str, columns: list[Column], loc: Loc, plan: Plan, category: str | None) -> None:
    have = {(c.info.key, c.of_posting) for c in columns}
    label = table_label(key)
    missing = [i.spec.label for i in fields_of(TABLE_TYPES[key]) if i.required and (i.key, False) not in have]
    if missing:
        _header_problem(plan, loc, f"缺少{label}的必填列：{'、'.join(missing)}。请在表头行加上这些列。")
    posting = {k for k, of_posting in have if of_posting}
    if "category" not in posting and len(TABLE_CATEGORIES[key]) != 1 and category is None:
        choices = "、".join(TABLE_CATEGORIES[key])
        _header_problem(
            plan, loc, f"{label}可以属于{choices}：请用 --category 指明全表的类别，或加“类别”列写明每条属于哪一类。"
        )
    if "title" not in posting and key not in IDENTIFIED_BY:
        _header_problem(plan, loc, f"一条{label}公示包含多行：请加“标题”列，同一标题的行合为一条公开信息。")
    if "completed" not in posting and TABLE_TYPES[key] not in DATED:
        _header_problem(plan, loc, f"{label}没有决定日期可作办结日期：请加“办结日期”列。")


def _header_problem(plan: Plan, loc: Loc, zh: str) -> None:
    plan.problems.append(problem(codes.SHEET_HEADER, loc, zh, "A column the import needs is missing; see the message."))


def _merged(cell: Cell, loc: Loc) -> Problem:
    return problem(
        codes.SHEET_MERGED,
        loc,
        f"单元格 {cell.merged_across} 跨列合并：一个值不能同时填两列。请取消合并，在每一列各自填写。",
        f"Cells {cell.merged_across} are merged across columns; unmerge them and fill in each column.",
    )


def _groups(
    key: str, columns: list[Column], data: list[list[Cell]], shown_as: str, plan: Plan
) -> list[list[dict[Column, Cell]]]:
    """The rows of each posting: by 标题 when there is such a column, else one per identified record."""
    by_title = next((c for c in columns if c.of_posting and c.info.key == "title"), None)
    identity = [c for c in columns if not c.of_posting and c.info.key in IDENTIFIED_BY.get(key, ())]
    groups: dict[tuple[str, ...], list[dict[Column, Cell]]] = {}
    first_row: dict[tuple[str, ...], int] = {}
    for row in data:
        cells = {c: row[c.col - 1] if len(row) >= c.col else Cell(None, row[0].row, c.col) for c in columns}
        keyed = [by_title] if by_title is not None else identity
        group = tuple(_cell_text(cells[c]) for c in keyed)
        if by_title is None and all(group) and group in groups:
            cell = cells[identity[0]]
            plan.problems.append(
                problem(
                    codes.SHEET_DUPLICATE,
                    Loc(shown_as, cell.row, cell.col),
                    f"与第 {first_row[group]} 行是同一条记录（{'、'.join(c.header for c in identity)}相同）：请删除重复的一行。",
                    f"The same record as row {first_row[group]}; delete one of them.",
                )
            )
            continue
        if not all(group):  # no title or number: one posting of its own, whose validation names what is missing
            group = (f"#{row[0].row}",)
        groups.setdefault(group, []).append(cells)
        first_row.setdefault(group, row[0].row)
    return list(groups.values())


def _cell_text(cell: Cell) -> str:
    return str(cell.value).strip() if isinstance(cell.value, str) else ""


def _posting_node(
    key: str,
    columns: list[Column],
    rows: list[dict[Column, Cell]],
    shown_as: str,
    plan: Plan,
    allowed: frozenset[str],
    published: dt.date | None,
    category: str | None,
) -> Map | None:
    """The posting the rows make, as located nodes (each value at its cell), ready for validation."""
    first = next(iter(rows[0].values()))
    row_loc = Loc(shown_as, first.row)
    records: list[Node] = []
    posting: dict[str, Scalar] = {}
    ok = True
    for cells in rows:
        entries: dict[str, tuple[Scalar, Node]] = {}
        for column, cell in cells.items():
            loc = Loc(shown_as, cell.row, cell.col)
            if cell.merged_across:
                plan.problems.append(_merged(cell, loc))
                ok = False
                continue
            text = _value(column, cell, loc, plan)
            if text is None or not _clean(text, column, loc, plan, allowed):  # a problem says why
                ok = False
                continue
            scalar = Scalar(text, loc)
            if not column.of_posting:  # an empty cell too, so a required one is named at its cell
                entries[column.info.key] = (Scalar(column.info.key, loc), scalar)
            elif not text:
                continue
            elif column.info.key not in posting:
                posting[column.info.key] = scalar
            elif posting[column.info.key].value != text:
                before = posting[column.info.key].loc
                plan.problems.append(
                    problem(
                        codes.SHEET_DUPLICATE,
                        loc,
                        f"同一条公开信息的各行“{column.header}”不一致（第 {before.line} 行是“{posting[column.info.key].value}”）："
                        "请改为相同，或留空。",
                        f"Rows of one posting disagree on {column.header!r}; make them the same or leave them empty.",
                    )
                )
                ok = False
        order = {info.key: i for i, info in enumerate(fields_of(TABLE_TYPES[key]))}
        ordered_entries = dict(
            sorted(entries.items(), key=lambda item: order[item[0]])
        )  # as the YAML template has them
        records.append(Map(ordered_entries, Loc(shown_as, first_row_of(cells))))
    if not ok:
        return None
    derived = _derived(key, records, posting, row_loc, published, category)
    ordered: dict[str, tuple[Scalar, Node]] = {}
    for info in fields_of(Posting):
        if info.key == key:
            ordered[key] = (Scalar(key, row_loc), Seq(tuple(records), row_loc))
        elif info.key in posting:
            ordered[info.key] = (Scalar(info.key, posting[info.key].loc), posting[info.key])
        elif info.key in derived:
            ordered[info.key] = (Scalar(info.key, row_loc), derived[info.key])
    return Map(ordered, row_loc)


@functools.cache
def _order(key: str) -> dict[str, int]:
    """The place of each field of the table's record, in declaration order."""
    return {info.key: i for i, info in enumerate(fields_of(TABLE_TYPES[key]))}


def first_row_of(cells: dict[Column, Cell]) -> int:
    return next(iter(cells.values())).row


DERIVED = ("title", "category", "summary", "completed", "published")
"""The posting's fields an import fills in from the rows (公开日期: the day of the import) when no column gives them."""


def _derived(
    key: str,
    records: list[Node],
    posting: dict[str, Scalar],
    loc: Loc,
    published: dt.date | None,
    category: str | None,
) -> dict[str, Scalar]:
    label = table_label(key)
    out: dict[str, Scalar] = {}
    if category is not None and "category" not in posting:
        out["category"] = Scalar(category, loc)
    if published is not None:
        out["published"] = Scalar(published.isoformat(), loc)
    if "category" not in posting and len(TABLE_CATEGORIES[key]) == 1:
        out["category"] = Scalar(TABLE_CATEGORIES[key][0], loc)
    maps = [r for r in records if isinstance(r, Map)]
    if "title" not in posting and maps:
        parts = [_entry(maps[0], k) for k in NAMED_BY.get(key, ())]
        if all(parts):
            out["title"] = Scalar(f"{label}：{' '.join(parts)}", loc)
    if "summary" not in posting:
        out["summary"] = Scalar(f"{label} {len(records)} 项，逐项见下表。", loc)
    dated = DATED.get(TABLE_TYPES[key])
    if "completed" not in posting and dated:
        days = sorted(d for m in maps if DATE_RE.match(d := _entry(m, dated)))
        if days:
            out["completed"] = Scalar(days[0], loc)
    return out


def _entry(node: Map, key: str) -> str:
    entry = node.entries.get(key)
    return entry[1].value.strip() if entry and isinstance(entry[1], Scalar) else ""


def _clean(text: str, column: Column, loc: Loc, plan: Plan, allowed: frozenset[str]) -> bool:
    """Whether a cell's text holds no personal number (each one found is a problem at the cell, never echoed)."""
    found = list(find_numbers(text, allowed)) if any(ch.isdigit() for ch in text) else []
    for f in found:
        zh, en = advice(f.kind, f.masked)
        plan.problems.append(problem(codes.SHEET_PERSON, loc, zh, en, key=column.info.key, label=column.header))
    return not found


LONG_TERM = frozenset({"长期", "长期有效", "永久", "永久有效"})
"""What a national sheet writes in 有效期至 for a licence without an end: the field's help says to leave it out."""
OPEN_ENDED = frozenset({"valid_until"})


def _value(column: Column, cell: Cell, loc: Loc, plan: Plan) -> str | None:
    """The cell as the text the clerk sees, for its column's field; None (and a problem) when it cannot be.

    An amount is written with its unit when that is 万元 (`0.5万元`): from its cell, else from its header."""
    text = _text(column, cell, loc, plan)
    if not text:
        return text
    if value_kind(column.info.type) == "money":
        return _amount(text, column, loc, plan)
    if column.info.key in OPEN_ENDED and text in LONG_TERM:
        return ""
    return text


def _amount(text: str, column: Column, loc: Loc, plan: Plan) -> str | None:
    written = _UNIT_SUFFIX.search(text)
    cell_unit = written.group(1) if written else None
    header_unit = column.heading.unit
    unit = cell_unit or header_unit
    zh = ""
    if cell_unit and header_unit and cell_unit != header_unit:
        zh = f"单元格写的单位是{cell_unit}，表头“{column.header}”写的是{header_unit}：请核对来源文件，改为一致。"
    elif unit is None:
        zh = (
            f"金额 {text} 的单位不明：表头“{column.header}”没有写单位，单元格也没有。国家双公示表格的金额以万元计，"
            "本工具的表头以元计，不能猜：请在表头写明单位，如“罚款金额（万元）”或“罚款金额（元）”，或在单元格写“0.5万元”。"
        )
    if zh:
        plan.problems.append(
            problem(
                codes.SHEET_UNIT,
                loc,
                zh,
                f"The unit of the amount {text} (yuan or ten thousand yuan) cannot be told from its cell and header, "
                "or they disagree.",
                key=column.info.key,
                label=column.header,
            )
        )
        return None
    figures = text[: written.start()] if written else text
    return f"{figures}万元" if unit == "万元" else figures  # validation names what is wrong with the figures


def _text(column: Column, cell: Cell, loc: Loc, plan: Plan) -> str | None:
    kind = value_kind(column.info.type)
    label = column.header

    def refuse(code: codes.Code, zh: str, en: str) -> None:
        plan.problems.append(problem(code, loc, zh, en, key=column.info.key, label=label))

    if cell.formula:
        refuse(
            codes.SHEET_FORMULA,
            f"单元格是公式（{cell.formula}）：导入只收录入的值，不读公式，因为文件中保存的计算结果可能过时或根本没有。"
            "请复制这一列，“选择性粘贴 → 数值”后再导入。",
            f"The cell holds a formula ({cell.formula}); paste the column as values and import again.",
        )
        return None
    if cell.error:
        refuse(codes.SHEET_VALUE, f"单元格是错误值 {cell.error}：请填入真实内容。", f"The cell holds {cell.error}.")
        return None
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        refuse(
            codes.SHEET_VALUE,
            f"单元格是逻辑值 {'TRUE' if value else 'FALSE'}：请按本列的要求填写文字。",
            "The cell holds TRUE/FALSE; write the text the column asks for.",
        )
        return None
    if isinstance(value, str):
        text = value.strip()
        if kind == "date" and (m := _DATE_TEXT.match(text)):
            return _iso(m) or text
        if _SCIENTIFIC.match(text) and kind not in ("money", "int"):
            refuse(
                codes.SHEET_NUMBER,
                f"“{text}”是科学计数法：Excel 把长编号当成了数字，末几位已经丢失。请把这一列设为“文本”格式，照证照原样重新输入。",
                "Excel turned a long code into a number in scientific notation; its last digits are lost.",
            )
            return None
        return text
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _date_cell(kind, value, refuse)
    return _number_cell(kind, value, cell.number_format, refuse)


def _iso(m: re.Match[str]) -> str | None:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _date_cell(kind: str, value: dt.datetime | dt.date | dt.time, refuse: Any) -> str | None:
    if isinstance(value, dt.time):
        refuse(codes.SHEET_DATE, "单元格是一个时刻，不是日期：请写成 YYYY-MM-DD。", "A time of day, not a date.")
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(value, dt.datetime) and value.time() != dt.time(0):
        refuse(
            codes.SHEET_DATE,
            f"单元格是带时刻的日期（{value:%Y-%m-%d %H:%M}）：只写日期，请去掉时刻。",
            "A date with a time of day; keep the date only.",
        )
        return None
    if kind == "date":
        return day.isoformat()
    if kind == "year-month" and day.day == 1:
        return f"{day:%Y-%m}"
    refuse(
        codes.SHEET_DATE,
        f"Excel 把这个单元格当成了日期（{day.isoformat()}），这一列要的是原样的文字：请把这一列设为“文本”格式后照原样重新输入。",
        f"Excel stored this cell as a date ({day.isoformat()}); this column wants the text as written.",
    )
    return None


def _number_cell(kind: str, value: float, number_format: str, refuse: Any) -> str | None:
    if kind == "date":
        refuse(
            codes.SHEET_DATE,
            f"这一列是日期，单元格却是数字 {value}：请设为日期格式，或写成 YYYY-MM-DD。",
            "A number where a date is due; format the cell as a date or write YYYY-MM-DD.",
        )
        return None
    if kind in ("credit-code", "phone", "ident", "year-month") or abs(value) >= MAX_EXACT:
        refuse(
            codes.SHEET_NUMBER,
            "这一列是编号，单元格却存成了数字：Excel 会去掉开头的 0，超过 15 位的还会改掉末几位。"
            "请把这一列设为“文本”格式，照证照原样重新输入。",
            "A code stored as a number: Excel drops leading zeros and the digits past the 15th; retype it as text.",
        )
        return None
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = f"{exact.normalize():f}" if exact != exact.to_integral_value() else str(int(exact))
    if _ZEROS.match(number_format) and kind not in ("money", "int"):
        text = text.zfill(len(number_format))  # a “000123” custom format: the zeros Excel shows are part of the code
    return text


def deadline_note(post: Posting, config: SiteConfig, as_of: dt.date) -> str:
    """How a posting's publication deadline is judged, from its decision date: '（处罚决定日期 2011-09-14 + 7 个工作日
    = 最迟公开日期 2011-09-23；按时）', or "" when no deadline binds it."""
    verdict = judge(post, config, as_of)
    if verdict.due is None:
        return ""
    dated = [(r, DATED[type(r)]) for _, rows in post.tables() for r in rows if type(r) in DATED]
    start = next((label_of(type(r), k) for r, k in dated if getattr(r, k) == post.counted_from), "办结日期")
    state = {"on-time": "按时", "pending": "尚未公开", "late": "逾期", "overdue": "已逾期"}.get(verdict.state, "")
    late = f" {verdict.days_late} 日" if verdict.state in ("late", "overdue") else ""
    return f"（{start} {post.counted_from} {verdict.due.how('zh')} = 最迟公开日期 {verdict.due.due}；{state}{late}）"


# Existing postings and where each imported one goes.


@dataclass(frozen=True)
class Known:
    """An existing posting file, and how many records of the table it holds."""

    path: Path
    node: Map
    records: int
    text: str


def _existing(key: str, folder: Path) -> dict[tuple[str, ...], Known]:
    """The department's postings that hold records of the table, by title and by each record's identity."""
    out: dict[tuple[str, ...], Known] = {}
    files = sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []
    for path in files:
        try:
            node = load_file(path, path.name)
        except YamlError:
            continue
        if not isinstance(node, Map) or key not in node.entries:
            continue
        table = node.entries[key][1]
        rows = [r for r in table.items if isinstance(r, Map)] if isinstance(table, Seq) else []
        known = Known(path, node, len(rows), path.read_text(encoding="utf-8", errors="replace"))
        out[("title", _entry(node, "title"))] = known
        for row in rows:
            out[("id", *(_entry(row, k) for k in IDENTIFIED_BY.get(key, ())))] = known
    return out


def _target(
    key: str,
    node: Map,
    built: Posting,
    existing: dict[tuple[str, ...], Known],
    folder: Path,
    department: str,
    plan: Plan,
    taken: set[Path],
) -> Planned | None:
    records = getattr(built, key)
    ident = IDENTIFIED_BY.get(key)
    titled = "title" in node.entries and node.entries["title"][1].loc.col
    lookup = ("title", built.title) if titled or not ident else ("id", *(str(getattr(records[0], k)) for k in ident))
    known = existing.get(lookup)
    if known is not None and lookup[0] == "id" and known.records > 1:
        plan.problems.append(
            problem(
                codes.SHEET_TARGET,
                node.loc,
                f"这条记录已经和其他记录一起公开在 {known.path.name} 中：导入不改动手工合写的文件，请直接修改该文件，或删除这一行。",
                f"This record is already published together with others in {known.path.name}; edit that file by hand.",
            )
        )
        return None
    if known is None:
        day = built.completed or built.counted_from
        # An imported row is dated: its decision, award or deal, or the completion derived from it.
        assert day is not None
        stem = posting_stem(day, " ".join(lookup[1:]))
        if not fits(stem):
            plan.problems.append(_too_long(node, key, ident if lookup[0] == "id" else None, stem))
            return None
        path = folder / f"{stem}.yml"
        if path.exists() or path in taken:
            plan.problems.append(
                problem(
                    codes.SHEET_TARGET,
                    node.loc,
                    f"文件名 {path.name} 已被另一条公开信息占用：请在“标题”列写一个能区分的标题。",
                    f"The file name {path.name} is taken; give a distinguishing title column value.",
                )
            )
            return None
        taken.add(path)
        return Planned(path, "新建", to_yaml(node), built)
    merged = dict(known.node.entries)
    for k, entry in node.entries.items():
        from_cell = entry[1].loc.col != 0 or k == key
        if from_cell or k not in merged:
            merged[k] = entry
    new = Map(merged, known.node.loc)
    text = to_yaml(new)
    if text == known.text:  # what the file says already, written as the import writes it
        return Planned(known.path, "不变", "", built)
    before = build_record(Posting, known.node, known.node.loc, [], id=known.path.stem, department=department)
    after = build_record(Posting, new, new.loc, [], id=known.path.stem, department=department)
    if before is not None and before == after:  # every content field equal; locations are not compared
        return Planned(known.path, "不变", "", before)
    return Planned(known.path, "更新", to_yaml(new), after)


def _too_long(node: Map, key: str, ident: tuple[str, ...] | None, stem: str) -> Problem:
    """The cell whose value would make the new file's name too long: the record's number, or the title."""
    loc = node.loc
    if ident is not None:
        table = node.entries[key][1]
        first = table.items[0] if isinstance(table, Seq) and table.items else None
        entry = first.entries.get(ident[0]) if isinstance(first, Map) else None
        loc = entry[1].loc if entry is not None else loc
    elif "title" in node.entries:
        loc = node.entries["title"][1].loc
    return problem(
        codes.SHEET_NAME,
        loc,
        f"这个值太长，用它作文件名（{len(stem.encode())} 字节）会超过 {MAX_STEM} 字节，文件写不进去，页面地址也无法使用。"
        "请核对这个单元格是否填错了列；确实这么长的，请加“标题”列，写一个简短的标题。",
        f"This value would make a file name of {len(stem.encode())} bytes (at most {MAX_STEM}); check the cell, "
        "or add a title column with a short title.",
    )


# Writing YAML: the nodes' text exactly, quoted wherever plain YAML could read it otherwise.


def to_yaml(node: Map) -> str:
    """A posting file: every value as its text, plain where that is unambiguous, else double-quoted."""
    return "\n".join(_lines(node, "")) + "\n"


def _lines(node: Map, indent: str) -> list[str]:
    out: list[str] = []
    for key, (_, value) in node.entries.items():
        if isinstance(value, Scalar) and value.plain and value.is_null:
            continue  # an empty cell or line is the same as none
        if isinstance(value, Scalar):
            out += _scalar(f"{indent}{key}:", value, indent + "  ")
        elif isinstance(value, Seq):
            out.append(f"{indent}{key}:")
            for item in value.items:
                if isinstance(item, Map):
                    inner = _lines(item, indent + "    ")
                    out += [f"{indent}  - {inner[0].lstrip()}", *inner[1:]] if inner else [f"{indent}  - {{}}"]
                elif isinstance(item, Scalar):
                    out += _scalar(f"{indent}  -", item, indent + "    ")
        else:
            out.append(f"{indent}{key}:")
            out += _lines(value, indent + "  ")
    return out


def _scalar(head: str, value: Scalar, indent: str) -> list[str]:
    text = value.value
    if _PLAIN_SAFE.match(text) and text not in _NULLS:
        return [f"{head} {text}"]
    lines = text.split("\n")
    block = len(lines) > 1 and not text.endswith("\n\n") and "\r" not in text and lines[0][:1] not in (" ", "\t", "")
    if block and all(line == line.rstrip() for line in lines):  # a literal block, as a clerk writes a body
        body = lines[:-1] if text.endswith("\n") else lines
        chomp = "" if text.endswith("\n") else "-"
        return [f"{head} |{chomp}", *(f"{indent}{line}" if line else "" for line in body)]
    return [f"{head} {json.dumps(text, ensure_ascii=False)}"]


def write(plan: Iterable[Planned]) -> list[Path]:
    """Write the new and changed files (each through a temporary file, so a file is never half written)."""
    written = []
    for item in plan:
        if item.action == "不变":
            continue
        item.path.parent.mkdir(parents=True, exist_ok=True)
        part = item.path.with_name(f".{item.path.name}.part")
        part.write_text(item.text, encoding="utf-8")
        part.replace(item.path)
        written.append(item.path)
    return written
