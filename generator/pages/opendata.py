"""Open data: every public item as JSON and CSV, the JSON Schema of each file, an Atom feed.

Pure: the site view in, file texts out (paths under `data/`). JSON and CSV come from the
standard library, the feed from feedgen; nothing here formats those by hand.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import typing
from collections.abc import Callable, Sequence
from typing import Any

from feedgen.feed import FeedGenerator

from ..domain.money import in_yuan
from ..model import (
    TABLE_TYPES,
    Budget,
    Consultation,
    Department,
    FeeItem,
    Posting,
    Procedure,
    Proposal,
    Record,
    Rectification,
    Withdrawal,
    table_label,
)
from ..registers.model import Assessment, DepartmentYear, InspectionPlan, NormativeDocument, PublishedReport, Registers
from ..schema import JSON_SCHEMA_DRAFT, FieldInfo, Money, fields_of, json_schema_for, unwrap_optional
from ..text import spreadsheet_cell

DATA = "data"
FEED = f"{DATA}/hotspots.atom.xml"
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
WITHDRAWN_TERM = "已撤回"
WITHDRAWN_MARK = f"【{WITHDRAWN_TERM}】"


@dataclasses.dataclass(frozen=True)
class Dataset:
    """One published data set: its name, title, model class and items."""

    name: str
    title: str
    cls: type[Record]
    items: Sequence[Record]
    url_of: Callable[[Record], str] | None = None

    @property
    def json_path(self) -> str:
        return f"{DATA}/{self.name}.json"

    @property
    def csv_path(self) -> str:
        return f"{DATA}/{self.name}.csv"

    @property
    def schema_path(self) -> str:
        return f"{DATA}/{self.name}.schema.json"


def plain(value: Any) -> Any:
    """A record field value as open data: records → objects, tuples → lists, dates → ISO text, amounts in exact
    yuan (`0.5万元` → `5000`, see domain.money), unlike model.plain, which keeps the text as typed.

    An optional field left empty is absent, as in the YAML, so the same schema describes both.
    """
    if isinstance(value, Record):
        values = ((info, getattr(value, info.key)) for info in fields_of(type(value)))
        return {info.key: _field(info, v) for info, v in values if v is not None}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _field(info: FieldInfo, value: Any) -> Any:
    is_amount = isinstance(value, str) and unwrap_optional(info.type)[0] == Money
    return in_yuan(value) if is_amount else plain(value)


def _ident_fields(cls: type) -> list[str]:
    """The loader-filled identity fields (id, department) a record carries beyond its YAML."""
    names = {f.name for f in dataclasses.fields(cls)}
    return [k for k in ("id", "department") if k in names and k not in {i.key for i in fields_of(cls)}]


def item_data(item: Record, url: str | None) -> dict[str, Any]:
    """One item as an object: its identity, every content field, and its page URL."""
    out: dict[str, Any] = {k: getattr(item, k) for k in _ident_fields(type(item))}
    out.update(plain(item))
    if url is not None:
        out["url"] = url
    return out


def to_json(ds: Dataset) -> str:
    """The data set as a JSON array, stable and readable."""
    rows = [item_data(i, ds.url_of(i) if ds.url_of else None) for i in ds.items]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def schema_of(ds: Dataset, base_url: str) -> dict[str, Any]:
    """The JSON Schema of a data set's JSON file, derived from the same field declarations as validation."""
    item = json_schema_for(ds.cls, yuan=True)
    defs = item.pop("definitions", None)
    item.pop("$schema", None)
    extra: dict[str, Any] = {k: {"type": "string", "title": k} for k in _ident_fields(ds.cls)}
    if ds.url_of:
        extra["url"] = {"type": "string", "format": "uri", "title": "页面地址"}
    item["properties"] = extra | item["properties"]
    item["required"] = list(extra) + item.get("required", [])
    schema: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DRAFT,
        "$id": base_url + ds.schema_path,
        "title": ds.title,
        "type": "array",
        "items": item,
    }
    if defs:
        schema["definitions"] = defs
    return schema


def _cell(value: Any) -> str:
    if isinstance(value, tuple):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, Record):
        return json.dumps(plain(value), ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


FLATTENED: tuple[type[Record], ...] = (Withdrawal, Consultation, Budget, Rectification, Proposal)
"""Nested records a CSV row carries as columns of their own (`withdrawn.date`, `budget.approved` …), so a spreadsheet
can filter on them; what they nest in turn (a consultation's feedback) is one JSON cell."""


def csv_columns(cls: type) -> list[str]:
    """CSV columns: identity, then every field that is text, a number, a date or a list of text, and the fields
    of a withdrawal."""
    cols = _ident_fields(cls)
    for info in fields_of(cls):
        tp, _ = unwrap_optional(info.type)
        inner = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else tp
        if inner in FLATTENED:
            cols += [f"{info.key}.{sub.key}" for sub in fields_of(inner)]
        elif not dataclasses.is_dataclass(inner):
            cols.append(info.key)
    return cols


def _column(item: Record, col: str) -> Any:
    """The value of a CSV column: a field, or a field of a flattened nested record (absent when it is absent)."""
    key, _, sub = col.partition(".")
    value = getattr(item, key)
    if sub:
        return getattr(value, sub) if value is not None else None
    return in_yuan(value) if isinstance(value, str) and key in _amounts(type(item)) else value


_AMOUNTS: dict[type, frozenset[str]] = {}


def _amounts(cls: type) -> frozenset[str]:
    """The fields of a record class that hold an amount of money."""
    if cls not in _AMOUNTS:
        _AMOUNTS[cls] = frozenset(i.key for i in fields_of(cls) if unwrap_optional(i.type)[0] == Money)
    return _AMOUNTS[cls]


def to_csv(ds: Dataset) -> str:
    """The data set as CSV with a header row; nested lists (steps, materials…) are in the JSON only.

    Every cell is quoted, and one that a spreadsheet would run as a formula starts with an apostrophe;
    the JSON keeps every value exactly as typed.
    """
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read the Chinese text as UTF-8
    cols = csv_columns(ds.cls)
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([*cols, "url"] if ds.url_of else cols)
    for item in ds.items:
        row = [spreadsheet_cell(_cell(_column(item, c))) for c in cols]
        writer.writerow([*row, ds.url_of(item)] if ds.url_of else row)
    return out.getvalue()


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), CHINA)


def atom_feed(
    postings: Sequence[Posting],
    site_name: str,
    base_url: str,
    url_of: Callable[[Record], str],
    dept_name: Callable[[str], str],
) -> str:
    """An Atom feed of the published postings, newest first; dates are the publication dates, never the clock.

    A withdrawn posting stays in the feed, marked: its title starts 【已撤回】, it carries the category 已撤回,
    its summary gives the date and reason, and it is updated on the day it was withdrawn.
    """
    published = sorted((p for p in postings if p.published), key=lambda p: (p.published, p.id), reverse=True)
    fg = FeedGenerator()
    fg.id(base_url + FEED)
    fg.title(f"{site_name} · 热点公开")
    fg.subtitle("各部门新公开的热点问题信息")
    fg.language("zh-CN")
    fg.link(href=base_url, rel="alternate")
    fg.link(href=base_url + FEED, rel="self")
    fg.author({"name": site_name})
    fg.generator("disclose")
    newest = max((p.withdrawn.date if p.withdrawn else p.published for p in published if p.published), default=None)
    fg.updated(_moment(newest) if newest else _moment(dt.date(1970, 1, 1)))
    for post in published:
        assert post.published is not None
        entry = fg.add_entry(order="append")
        url = url_of(post)
        entry.id(url)
        w = post.withdrawn
        entry.title(f"{WITHDRAWN_MARK}{post.title}" if w else post.title)
        entry.link(href=url)
        entry.summary(f"已于 {w.date} 撤回：{w.reason}。原内容概述：{post.summary}" if w else post.summary)
        entry.author({"name": dept_name(post.department)})
        entry.category(term=post.category)
        if w:
            entry.category(term=WITHDRAWN_TERM)
        entry.published(_moment(post.published))
        entry.updated(_moment(w.date if w else post.published))
    return typing.cast(bytes, fg.atom_str(pretty=True)).decode("utf-8")


def datasets(
    departments: Sequence[Department],
    procedures: Sequence[Procedure],
    postings: Sequence[Posting],
    fees: Sequence[FeeItem],
    url_of: Callable[[Record], str],
    registers: Registers | None = None,
) -> list[Dataset]:
    """The published data sets, in the order the 公开指南 lists them.

    Requests for disclosure are not among them: what an applicant asked can identify them, and
    their figures are in the annual report.
    """
    registers = registers or Registers()
    kept = [
        Dataset("documents", "规范性文件", NormativeDocument, registers.documents, url_of),
        Dataset("inspections", "执法检查计划", InspectionPlan, registers.inspections),
        Dataset("annual", "效能投诉、服务承诺和执法决定年度情况", DepartmentYear, registers.years),
        Dataset("assessments", "评议考核结果", Assessment, registers.assessments),
        Dataset(
            "annual-reports", "政府信息公开工作年度报告（往年公布文本）", PublishedReport, registers.reports, url_of
        ),
    ]
    return [
        Dataset("departments", "部门职责信息", Department, departments, url_of),
        Dataset("matters", "办事指南", Procedure, procedures, url_of),
        Dataset("hotspots", "热点公开信息", Posting, postings, url_of),
        Dataset("fees", "行政事业性收费目录", FeeItem, fees),
        *record_datasets(postings, url_of),
        *(ds for ds in kept if ds.items),  # a district that keeps no such register publishes no empty file
    ]


def record_datasets(postings: Sequence[Posting], url_of: Callable[[Record], str]) -> list[Dataset]:
    """One data set per kind of typed record (双公示, procurement, appointments…); each row links its posting's page."""
    owner: dict[int, Posting] = {}
    sets = []
    for key, cls in TABLE_TYPES.items():
        rows: list[Record] = []
        for post in postings:
            for row in getattr(post, key):
                owner[id(row)] = post
                rows.append(row)
        if rows:  # a kind of record the content never uses publishes no empty file
            sets.append(Dataset(key.replace("_", "-"), table_label(key), cls, rows, lambda r: url_of(owner[id(r)])))
    return sets


def data_files(sets: Sequence[Dataset], base_url: str) -> dict[str, str]:
    """JSON, CSV and JSON Schema files for every data set: path → text."""
    files: dict[str, str] = {}
    for ds in sets:
        files[ds.json_path] = to_json(ds)
        files[ds.csv_path] = to_csv(ds)
        files[ds.schema_path] = json.dumps(schema_of(ds, base_url), ensure_ascii=False, indent=1) + "\n"
    return files
