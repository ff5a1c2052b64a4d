"""The compliance report as a terminal table, CSV or JSON. Pure: figures in, text out."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from rich.table import Table
from rich.text import Text

from .compliance import Compliance, Figures
from .text import cells, spreadsheet_cell

COLUMNS: list[tuple[str, Callable[[Figures], str], bool]] = [
    # (heading, value, whether a non-zero value is bad)
    ("部门", lambda f: f.name, False),
    ("事项", lambda f: str(f.matters), False),
    ("公开信息", lambda f: str(f.postings), False),
    ("必填完整率", lambda f: f"{f.completeness:.0f}%", False),
    ("按时公开率", lambda f: f"{f.timely:.0f}%", False),
    ("逾期公开（最长）", lambda f: f"{f.late}（{f.worst_late_days}日）" if f.late else "0", True),
    ("逾期未公开（最长）", lambda f: f"{f.overdue}（{f.worst_overdue_days}日）" if f.overdue else "0", True),
    ("倒填例外", lambda f: str(f.backdating_overrides), True),
    ("降为一般事项", lambda f: str(f.importance_lowered), True),
    ("征求意见反馈逾期", lambda f: str(f.feedback_overdue), True),
    ("指南缺要素", lambda f: str(f.guides_missing_elements), True),
    ("个人信息/涉密", lambda f: str(f.personal_data), True),
    ("停更栏目", lambda f: str(len(f.stale_columns)), True),
    ("空白栏目", lambda f: str(len(f.empty_columns)), True),
    ("错误", lambda f: str(f.errors), True),
]
BROKEN_LINKS: tuple[str, Callable[[Figures], str], bool] = ("断链", lambda f: str(f.broken_links), True)


def columns_of(report: Compliance) -> list[tuple[str, Callable[[Figures], str], bool]]:
    """The table's columns; broken links only when a built site was checked."""
    return [*COLUMNS[:-1], BROKEN_LINKS, COLUMNS[-1]] if report.links_checked else COLUMNS


def pad(text: str, n: int) -> str:
    """`text` padded with spaces to `n` terminal cells."""
    return text + " " * (n - cells(text))


def title(report: Compliance) -> str:
    return f"政务公开检查考核 — 截至 {report.as_of}"


def _grid(report: Compliance) -> list[list[tuple[str, bool]]]:
    """Each row's cells as (text, whether it is bad), departments then the district total."""
    rows = [*report.departments, report.district]
    return [[(value(f), bad and value(f) not in ("0", "")) for _, value, bad in columns_of(report)] for f in rows]


def table(report: Compliance) -> str:
    """Plain text (a pipe, a file, CI): the per-department table with a district total, then what to fix."""
    columns = columns_of(report)
    grid = _grid(report)
    widths = [max(cells(h), *(cells(r[i][0]) for r in grid)) for i, (h, _, _) in enumerate(columns)]
    out = [title(report), ""]
    out.append("  ".join(pad(h, w) for (h, _, _), w in zip(columns, widths, strict=True)))
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(pad(text, w) for (text, _), w in zip(r, widths, strict=True)).rstrip() for r in grid]
    return "\n".join(out) + details(report)


def rich_table(report: Compliance) -> Table:
    """The same table for a terminal: ruled, numbers right-aligned, what is bad in red, the total set apart."""
    grid = _grid(report)
    out = Table(title=title(report), title_justify="left", header_style="bold")
    for i, (heading, _, _) in enumerate(columns_of(report)):
        out.add_column(heading, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for n, row in enumerate(grid):
        out.add_row(*(Text(text, style="bold red" if bad else "") for text, bad in row), end_section=n == len(grid) - 2)
    return out


def details(report: Compliance) -> str:
    """What follows the table: the outright-fail risks, stale and empty columns, what to fix, annual figures."""
    rows = [*report.departments, report.district]
    out: list[str] = ["", ""]
    verdict = report.fails_outright
    out.append("单项否决风险：" + ("；".join(verdict) if verdict else "无"))
    stale = [c for c in report.columns if c.stale]
    empty = [c for c in report.columns if c.empty]
    if stale:
        out.append(f"\n未按时更新的栏目（{len(stale)} 个，动态类 14 日、公告类 6 个月）：")
        out += [f"  - {c.name}：最后更新 {c.last}，请补充近期公开信息" for c in stale]
    if empty:
        out.append(f"\n空白栏目（{len(empty)} 个）：")
        out += [f"  - {c.name}：没有任何公开信息，请公开或说明无此类事项" for c in empty]
    if report.findings:
        out.append("\n需要整改：")
        current = None
        names = {f.id: f.name for f in rows}
        for p in report.findings:
            dept = p.loc.file.split("/")[1] if p.loc.file.count("/") >= 2 else "全区"
            if dept != current:
                current = dept
                out.append(f"  {names.get(dept, dept)}")
            out.append(f"    {p.text()}")
    if report.annual:
        out.append("\n年度报告数据（主动公开信息条数）：")
        for a in report.annual:
            line = f"  {a.year} 年：共 {a.proactive_total} 条"
            if a.proactive_by_category:
                line += "（" + "、".join(f"{k} {v}" for k, v in a.proactive_by_category.items()) + "）"
            if a.new is not None:
                line += f"；新增 {a.new}、变更 {a.changed}、撤销 {a.withdrawn} 个文件"
            out.append(line)
    return "\n".join(out) + "\n"


def to_csv(report: Compliance) -> str:
    """One row per department and a district total, for dashboards."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    keys = [
        "id", "name", "matters", "postings", "staff", "files", "files_complete", "completeness", "on_time", "late",
        "worst_late_days", "overdue", "worst_overdue_days", "pending", "timely", "backdating_overrides",
        "importance_lowered", "feedback_overdue", "guides_missing_elements", "personal_data", "broken_links", "stale_columns", "empty_columns", "errors", "warnings",
    ]  # fmt: skip
    writer.writerow(["as_of", *keys])
    for f in [*report.departments, report.district]:
        row = []
        for key in keys:
            value = getattr(f, key)
            if isinstance(value, list):
                value = len(value)
            row.append(round(value, 1) if isinstance(value, float) else spreadsheet_cell(value))
        writer.writerow([report.as_of.isoformat(), *row])
    return buf.getvalue()


def to_json(report: Compliance) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
