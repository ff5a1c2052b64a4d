"""The 政府信息公开工作年度报告 (national format, 国办公开办函〔2021〕30号), computed from the registers
and postings. Pure: content in, figures out; every figure keeps the records it counts.

Figure ids follow the template's own numbering, so `--explain 3.3.2/a` is "三、(三) 部分公开,
自然人". Columns of the requests table: a 自然人, b 商业企业, c 科研机构, d 社会公益组织,
e 法律服务机构, f 其他, t 总计.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .content import Content
from .domain.requests import request_rows
from .model import CATEGORIES, Record
from .problems import Loc
from .registers.model import APPEAL_OUTCOMES, APPLICANT_TYPES, IN_FORCE, RESULTS, DisclosureRequest, NormativeDocument
from .schema import parse_money
from .workdays import Calendar

COLUMNS = dict(zip("abcdef", APPLICANT_TYPES, strict=True))
"""Requests-table columns: letter → applicant type."""
REPEALED = ("已废止", "已失效")
"""Both end a document's force; the template has one column for them (本年废止件数)."""
APPEALS = {"review": "行政复议", "suit": "行政诉讼（未经复议直接起诉）", "suit_after_review": "行政诉讼（复议后起诉）"}
OUTCOME_IDS = dict(zip(APPEAL_OUTCOMES, ("upheld", "corrected", "other", "pending"), strict=True))


@dataclass(frozen=True)
class Figure:
    """One number of the report and the records it was counted from."""

    id: str
    section: str
    row: str
    column: str
    value: int | Decimal | None
    records: tuple[Loc, ...]
    unit: str = "件"

    @property
    def shown(self) -> str:
        if self.value is None:
            return "未登记"
        return f"{self.value.normalize():f}" if isinstance(self.value, Decimal) else str(self.value)


@dataclass(frozen=True)
class AnnualReport:
    year: int
    district: str
    figures: tuple[Figure, ...]

    def figure(self, figure_id: str) -> Figure | None:
        return next((f for f in self.figures if f.id == figure_id), None)

    def section(self, name: str) -> list[Figure]:
        return [f for f in self.figures if f.section == name]


S1 = "一、总体情况"
S2 = "二、主动公开政府信息情况"
S3 = "三、收到和处理政府信息公开申请情况"
S4 = "四、政府信息公开行政复议、行政诉讼情况"
S5 = "五、存在的主要问题及改进情况"
S6 = "六、其他需要报告的事项"
SECTIONS = (S1, S2, S3, S4, S5, S6)


def _count(fid: str, section: str, row: str, column: str, records: Sequence[Record], unit: str = "件") -> Figure:
    return Figure(fid, section, row, column, len(records), tuple(r.loc for r in records), unit)


def _result_rows() -> list[tuple[str, str]]:
    """(row id, result) for every result of the template, numbered as the template numbers them."""
    rows: list[tuple[str, str]] = [("3.3.1", RESULTS[0]), ("3.3.2", RESULTS[1])]
    groups = ["不予公开", "无法提供", "不予处理", "其他处理"]
    for g, name in enumerate(groups, start=3):
        members = [r for r in RESULTS if r.startswith(name + "：")]
        rows += [(f"3.3.{g}.{i}", r) for i, r in enumerate(members, start=1)]
    return rows


def compute(content: Content, year: int, calendar: Calendar, categories: Sequence[str] = CATEGORIES) -> AnnualReport:
    """Every figure of the year's report; postings counted by the district's categories (site_config.yml)."""
    figures: list[Figure] = []
    figures += _overall(content, year, categories)
    figures += _documents(content.registers.documents, year)
    figures += _decisions(content, year)
    requests = content.registers.requests
    figures += _requests(requests, year)
    answered = [r for r in requests if r.answered and r.answered.year == year]
    for key, name in APPEALS.items():
        for outcome, oid in OUTCOME_IDS.items():
            hits = [r for r in answered if getattr(r, key) == outcome]
            figures.append(_count(f"4.{key}/{oid}", S4, name, outcome, hits))
        figures.append(_count(f"4.{key}/total", S4, name, "总计", [r for r in answered if getattr(r, key)]))
    late = [
        row.req
        for row in request_rows(answered, calendar)
        if row.due and row.req.answered and row.req.answered > row.due
    ]
    figures.append(_count("5.requests-late", S5, "逾期答复的政府信息公开申请", "件数", late))
    charged = [r for r in answered if r.fee]
    total = sum((_amount(r.fee) for r in charged), Decimal(0))
    figures.append(
        Figure("6.request-fees", S6, "依申请公开收取的费用", "金额", total, tuple(r.loc for r in charged), "元")
    )
    figures.append(_count("6.request-fees-count", S6, "依申请公开收取费用的申请", "件数", charged))
    name = content.district.government if content.district else ""
    return AnnualReport(year, name, tuple(figures))


def _amount(text: str | None) -> Decimal:
    low, _ = parse_money(text or "") or (Decimal(0), Decimal(0))
    return low


def _overall(content: Content, year: int, categories: Sequence[str]) -> Iterable[Figure]:
    posted = [p for p in content.postings if p.published and p.published.year == year]
    yield _count("1.postings", S1, "本年主动公开的热点问题信息", "合计", posted, "条")
    for i, cat in enumerate(categories, start=1):
        yield _count(
            f"1.postings/{i}", S1, "本年主动公开的热点问题信息", cat, [p for p in posted if p.category == cat], "条"
        )


def _documents(docs: Sequence[NormativeDocument], year: int) -> Iterable[Figure]:
    row = "行政规范性文件"
    yield _count("2.documents/issued", S2, row, "本年制发件数", [d for d in docs if d.issued.year == year])
    ended = [d for d in docs if d.status in REPEALED and d.status_date and d.status_date.year == year]
    yield _count("2.documents/repealed", S2, row, "本年废止件数", ended)

    def in_force(d: NormativeDocument) -> bool:
        ends = d.status_date if d.status != IN_FORCE else None
        return d.issued.year <= year and (ends is None or ends.year > year)

    yield _count("2.documents/in-force", S2, row, "现行有效件数", [d for d in docs if in_force(d)])


def _decisions(content: Content, year: int) -> Iterable[Figure]:
    years = [y for y in content.registers.years if y.year == year]
    fields: list[tuple[str, str, str, Callable[[str], Decimal]]] = [
        ("licences", "行政许可", "本年处理决定数量", Decimal),
        ("penalties", "行政处罚", "本年处理决定数量", Decimal),
        ("coercions", "行政强制", "本年处理决定数量", Decimal),
        ("fees_collected", "行政事业性收费", "本年收费金额（万元）", _amount),
    ]
    for key, row, column, read in fields:
        given = [y for y in years if getattr(y, key) is not None]
        total = sum((read(getattr(y, key)) for y in given), Decimal(0)) if given else None
        value: int | Decimal | None = int(total) if total is not None and key != "fees_collected" else total
        locs = tuple(y.where(key) for y in given)
        yield Figure(f"2.{key}", S2, row, column, value, locs, "万元" if key == "fees_collected" else "件")


def _requests(requests: Sequence[DisclosureRequest], year: int) -> Iterable[Figure]:
    def cells(fid: str, row: str, chosen: Sequence[DisclosureRequest]) -> Iterable[Figure]:
        for letter, kind in COLUMNS.items():
            yield _count(f"{fid}/{letter}", S3, row, kind, [r for r in chosen if r.applicant == kind])
        yield _count(f"{fid}/t", S3, row, "总计", chosen)

    def open_at_start(r: DisclosureRequest) -> bool:
        return r.received.year < year and (r.answered is None or r.answered.year >= year)

    yield from cells("3.1", "一、本年新收政府信息公开申请数量", [r for r in requests if r.received.year == year])
    yield from cells("3.2", "二、上年结转政府信息公开申请数量", [r for r in requests if open_at_start(r)])
    answered = [r for r in requests if r.answered and r.answered.year == year]
    for row_id, result in _result_rows():
        yield from cells(row_id, f"三、本年度办理结果：{result}", [r for r in answered if r.result == result])
    yield from cells("3.3.7", "三、本年度办理结果：总计", answered)
    forward = [r for r in requests if r.received.year <= year and (r.answered is None or r.answered.year > year)]
    yield from cells("3.4", "四、结转下年度继续办理", forward)


# ---- as data and as an explanation (the page is pages/annual_report.py) ----


def to_json(report: AnnualReport) -> str:
    rows = [
        {
            "id": f.id,
            "section": f.section,
            "row": f.row,
            "column": f.column,
            "value": None if f.value is None else (float(f.value) if isinstance(f.value, Decimal) else f.value),
            "unit": f.unit,
            "records": [str(loc) for loc in f.records],
        }
        for f in report.figures
    ]
    return (
        json.dumps({"year": report.year, "district": report.district, "figures": rows}, ensure_ascii=False, indent=1)
        + "\n"
    )


def to_csv(report: AnnualReport) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "section", "row", "column", "value", "unit", "records"])
    for f in report.figures:
        writer.writerow([f.id, f.section, f.row, f.column, f.shown, f.unit, len(f.records)])
    return out.getvalue()


def explain(report: AnnualReport, figure_id: str) -> str | None:
    """The figure and every record it counts, one `file:line` a line; None for an unknown id."""
    f = report.figure(figure_id)
    if f is None:
        return None
    head = f"{f.id} {f.section} / {f.row} / {f.column} = {f.shown}{'' if f.value is None else ' ' + f.unit}"
    return "\n".join([head, *(f"  {loc}" for loc in f.records)]) + "\n"


def report_years(content: Content, as_of: dt.date) -> list[int]:
    """The years an internal build shows a report for: those with postings, requests or a department's year file.

    Years that only appear as the issue date of an old document get none.
    """
    r = content.registers
    years = {y.year for y in r.years} | {q.received.year for q in r.requests}
    years |= {p.published.year for p in content.postings if p.published}
    return sorted(y for y in years if y <= as_of.year)


def reports(
    content: Content, calendar: Calendar, as_of: dt.date, categories: Sequence[str] = CATEGORIES
) -> tuple[AnnualReport, ...]:
    """The report of every year the internal site shows one for, oldest first."""
    return tuple(compute(content, year, calendar, categories) for year in report_years(content, as_of))
