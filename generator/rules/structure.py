"""Ids are unique and references between records resolve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..model import Record, Section, Staff
from ..problems import Problem, on_field, problem
from ..schema import Labels, label_of

SECTION = Labels(Section)
STAFF = Labels(Staff)


def duplicates(records: Sequence[Record], key: str, label: str, where: str) -> Iterator[Problem]:
    """A problem for every record whose `key` repeats an earlier one's."""
    seen: dict[str, Record] = {}
    for rec in records:
        value = getattr(rec, key)
        if value in seen:
            first = seen[value].where(key)
            yield problem(
                codes.DUPLICATE_ID,
                rec.where(key),
                f"{where}中编号 {value} 重复（第一次在第 {first.line} 行），请改用不同的编号。",
                f"The id {value} is used twice in {where} (first at line {first.line}); use distinct ids.",
                key=key,
                label=label,
            )
        else:
            seen[value] = rec


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for dept in content.departments:
        yield from duplicates(dept.sections, "id", f"{SECTION.id}", "股室")
        yield from duplicates(dept.staff, "id", "人员编号", "工作人员")
        sections = {s.id: s for s in dept.sections}
        for person in dept.staff:
            section = sections.get(person.section)
            if section is None:
                yield on_field(
                    codes.UNKNOWN_SECTION,
                    person,
                    "section",
                    f"{SECTION.id} {person.section} 不存在，请填写本部门 sections 中的编号：{'、'.join(sections)}。",
                    f"No section {person.section}; use one of: {', '.join(sections)}.",
                )
            elif section.kind == "服务窗口" and not person.badge:
                yield problem(
                    codes.BADGE_REQUIRED,
                    person.loc,
                    f"{section.name}是服务窗口，窗口工作人员必须挂牌上岗，请填写{STAFF.badge}。",
                    f"{section.name} is a service window: window staff must wear a badge; fill in `badge`.",
                    key="badge",
                    label=label_of(Staff, "badge"),
                )
