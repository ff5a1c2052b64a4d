"""Assessment results (policy 三(三)、三(五)): 政风评议, 双十佳 and the bottom three, per year.

A department among the bottom three two years running falls under the 一票否决 of 三(五); the
check lists it as a warning for the 领导小组, since it is a consequence, not a content error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..model import Record
from ..problems import Problem, on_field
from ..registers.model import Assessment
from ..schema import Labels
from .structure import duplicates

ASSESSMENT = Labels(Assessment)

TOP = 10
BOTTOM = 3


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    staff = {d.id: {s.id for s in d.staff} for d in content.departments}
    known = content.department_ids
    by_year = {a.year: a for a in content.registers.assessments}
    for a in content.registers.assessments:
        yield from _assessment(a, known, staff)
        before = by_year.get(a.year - 1)
        if before is not None:
            for dept in sorted(set(a.bottom) & set(before.bottom)):
                yield on_field(
                    codes.BOTTOM_THREE_TWICE,
                    a,
                    "bottom",
                    f"{dept} 连续两年（{a.year - 1}、{a.year}）年度考核居后三位，按政策三（五）实行“一票否决”，"
                    "给予主要领导纪律处分。",
                    f"{dept} is in the bottom three two years running: the 一票否决 of policy 三（五） applies.",
                )


def _assessment(a: Assessment, known: frozenset[str], staff: dict[str, set[str]]) -> Iterator[Problem]:
    if str(a.year) != a.id:
        yield on_field(
            codes.ANNUAL_YEAR,
            a,
            "year",
            f"年份 {a.year} 与文件名 {a.id}.yml 不一致；每年一个文件，文件名就是年份。",
            f"The year {a.year} does not match the file name {a.id}.yml.",
        )
    yield from duplicates(a.ratings, "department", "部门编号", f"{ASSESSMENT.ratings}")
    for key, limit, values in (
        ("top_units", TOP, a.top_units),
        ("exemplars", TOP, a.exemplars),
        ("bottom", BOTTOM, a.bottom),
    ):
        if len(values) > limit:
            yield on_field(
                codes.ASSESSMENT_COUNT,
                a,
                key,
                f"最多 {limit} 个，这里有 {len(values)} 个，请核对公布的结果。",
                f"At most {limit}, found {len(values)}.",
            )
    for dept in sorted(set(a.top_units) & set(a.bottom)):
        yield on_field(
            codes.ASSESSMENT_CONTRADICTION,
            a,
            "bottom",
            f"{dept} 同时是“十佳”单位和{ASSESSMENT.bottom}，请核对。",
            f"{dept} is both a top-ten unit and in the bottom three.",
        )
    refs: list[tuple[Record, str, str]] = [(r, "department", r.department) for r in a.ratings]
    refs += [(e, "department", e.department) for e in a.exemplars]
    refs += [(a, "top_units", d) for d in a.top_units] + [(a, "bottom", d) for d in a.bottom]
    yield from _unknown(refs, known)
    for e in a.exemplars:
        if e.department in staff and e.staff not in staff[e.department]:
            yield on_field(
                codes.UNKNOWN_STAFF,
                e,
                "staff",
                f"人员编号 {e.staff} 不在 {e.department} 的工作人员中，请填写该部门 department.yml 中的人员编号。",
                f"No staff member {e.staff} in {e.department}.",
            )


def _unknown(refs: Sequence[tuple[Record, str, str]], known: frozenset[str]) -> Iterator[Problem]:
    for record, key, dept in refs:
        if dept not in known:
            yield on_field(
                codes.UNKNOWN_DEPARTMENT,
                record,
                key,
                f"部门编号 {dept} 不存在，请填写 content/ 下的部门目录名。",
                f"No department {dept}.",
            )
