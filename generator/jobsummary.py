"""A merge request's summary: errors and warnings per department, as a Markdown table.

GitHub shows the Markdown a job appends to `$GITHUB_STEP_SUMMARY` on the run's page; the
annotations point at lines, this table shows reviewers at a glance which departments are not
ready. Pure: problems in, text out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .problems import Problem

DISTRICT = "全区（配置、区情、收费目录）"
"""The row for problems in no department's folder."""


@dataclass
class Row:
    errors: int = 0
    warnings: int = 0
    codes: Counter[str] = field(default_factory=Counter)


def department_of(problem: Problem, content_folder: str) -> str | None:
    """The department folder a problem's file lies in, or None for district-wide files."""
    parts = PurePosixPath(problem.loc.file).parts
    folder = PurePosixPath(content_folder).parts
    n = len(folder)
    if tuple(parts[:n]) == folder and len(parts) > n + 1:
        return parts[n]
    return None


def _name(dept: str | None, names: Mapping[str, str]) -> str:
    if dept is None:
        return DISTRICT
    return f"{names[dept]}(`{dept}`)" if dept in names else f"`{dept}`"  # an invalid department.yml gives no name


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table(problems: Iterable[Problem], content_folder: str, names: Mapping[str, str]) -> str:
    """`### 政务公开校验` and one row per department with problems (errors first), then the district-wide row."""
    rows: dict[str | None, Row] = {}
    for p in problems:
        row = rows.setdefault(department_of(p, content_folder), Row())
        if p.severity == "error":
            row.errors += 1
        else:
            row.warnings += 1
        row.codes[str(p.code)] += 1
    errors = sum(r.errors for r in rows.values())
    warnings = sum(r.warnings for r in rows.values())
    out = ["### 政务公开校验", ""]
    if not rows:
        return "\n".join([*out, "没有错误，也没有警告。", ""])
    out += [f"共 {errors} 个错误、{warnings} 个警告。", ""]
    out += ["| 部门 | 错误 | 警告 | 问题代码 |", "| --- | ---: | ---: | --- |"]
    order = sorted(rows, key=lambda d: (d is None, -rows[d].errors, -rows[d].warnings, d or ""))
    for dept in order:
        row = rows[dept]
        name = _name(dept, names)
        codes = "、".join(f"`{code}` ×{n}" for code, n in sorted(row.codes.items(), key=lambda c: (-c[1], c[0])))
        out.append(f"| {_cell(name)} | {row.errors} | {row.warnings} | {codes} |")
    return "\n".join([*out, ""])
