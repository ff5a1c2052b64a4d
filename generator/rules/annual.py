"""A department's year in figures (policy 三(四), 四2、四4、四6): complaints answered in time,
figures that add up, commitments that are the department's own.

Complaints are kept as monthly figures, never as cases; a month with complaints still
unanswered after the promised answer period (counted from the month's last day, the latest a
complaint of that month can have arrived) is flagged.
"""

from __future__ import annotations

import calendar as months
import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..model import Department
from ..problems import Problem, on_field
from ..registers.model import CommitmentCheck, ComplaintMonth, DepartmentYear
from ..schema import Labels
from ..workdays import Calendar, YearMissing, deadline
from .structure import duplicates

COMMITMENT_CHECK = Labels(CommitmentCheck)
COMPLAINT_MONTH = Labels(ComplaintMonth)
DEPARTMENT_YEAR = Labels(DepartmentYear)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, months.monthrange(year, month)[1])


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    depts = {d.id: d for d in content.departments}
    for year in content.registers.years:
        yield from _year(year, depts.get(year.department), config.calendar, as_of)


def _year(year: DepartmentYear, dept: Department | None, cal: Calendar, as_of: dt.date) -> Iterator[Problem]:
    if str(year.year) != year.id:
        yield on_field(
            codes.ANNUAL_YEAR,
            year,
            "year",
            f"年份 {year.year} 与文件名 {year.id}.yml 不一致；每年一个文件，文件名就是年份。",
            f"The year {year.year} does not match the file name {year.id}.yml.",
        )
        return
    yield from duplicates(year.complaints, "month", "月份", f"{DEPARTMENT_YEAR.complaints}")
    for m in year.complaints:
        yield from _month(year, m, cal, as_of)
    if dept is not None:
        for c in year.commitments:
            if c.commitment not in dept.commitments:
                yield on_field(
                    codes.COMMITMENT_UNKNOWN,
                    c,
                    "commitment",
                    f"这条承诺不在本部门公开的{COMMITMENT_CHECK.commitment}（department.yml 的 commitments）中；请照抄公开的承诺原文。",
                    "This commitment is not one the department published; copy it from department.yml.",
                )


def _month(year: DepartmentYear, m: ComplaintMonth, cal: Calendar, as_of: dt.date) -> Iterator[Problem]:
    if not 1 <= m.month <= 12:
        yield on_field(
            codes.COMPLAINT_FIGURES, m, "month", f"月份 {m.month} 不对，应为 1 到 12。", "A month is 1 to 12."
        )
        return
    sums = [
        ("answered", m.answered <= m.received, f"已答复 {m.answered} 件多于受理 {m.received} 件"),
        ("in_time", m.in_time <= m.answered, f"按时答复 {m.in_time} 件多于已答复 {m.answered} 件"),
        (
            "kinds",
            not m.kinds or sum(k.count for k in m.kinds) == m.received,
            f"{COMPLAINT_MONTH.kinds}合计 {sum(k.count for k in m.kinds)} 件，不等于受理 {m.received} 件",
        ),
        (
            "outcomes",
            not m.outcomes or sum(o.count for o in m.outcomes) == m.answered,
            f"{COMPLAINT_MONTH.outcomes}合计 {sum(o.count for o in m.outcomes)} 件，不等于已答复 {m.answered} 件",
        ),
    ]
    for key, ok, what in sums:
        if not ok:
            yield on_field(
                codes.COMPLAINT_FIGURES,
                m,
                key,
                f"{year.year}年{m.month}月：{what}，请核对。",
                f"{year.year}-{m.month:02d}: the figures do not add up ({key}).",
            )
    open_ = m.received - m.answered
    end = month_end(year.year, m.month)
    if open_ <= 0 or end >= as_of:
        return
    try:
        due = deadline(cal, end, year.answer_days, "工作日")
    except YearMissing:
        return  # the period runs into a year the calendar lacks: judged once that year is added
    if as_of > due.due:
        yield on_field(
            codes.COMPLAINT_OVERDUE,
            m,
            "answered",
            f"{year.year}年{m.month}月受理的投诉有 {open_} 件未答复：答复时限 {year.answer_days} 个工作日，"
            f"最晚从 {end} 起算 {due.how('zh')} = {due.due}，截至 {as_of} 已超期。请尽快答复，做到件件有着落。",
            f"{open_} complaint(s) of {year.year}-{m.month:02d} unanswered past {due.due} "
            f"({year.answer_days} working days from {end}).",
        )
