"""Audiences (policy 二(二)5): who may see an item, and the filter that keeps the rest out of a build.

社会公开 items go on the public site; 一定范围公开 and 内部公开 items only on the internal
site, and each says why it is not public (条例 Art. 14–16). Secret material (涉密, 内部资料)
has no place in the content repository at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Literal

from .. import codes
from ..config import SiteConfig
from ..content import Content, all_texts, records, texts
from ..domain.graph import participating_sections
from ..model import Disclosure, Posting, Procedure, Record
from ..privacy import flatten, scan_content
from ..problems import Loc, Problem, problem
from ..schema import label_of

Scope = Literal["public", "internal"]
PUBLIC = "社会公开"
SCOPES: tuple[Scope, ...] = ("public", "internal")
PROBE_MIN = 8
"""Shorter texts of hidden items are too common to prove a leak."""

SECRET_MARK = re.compile(
    r"(绝密|机密|秘密)\s*★|★\s*(绝密|机密|秘密)|内部资料\s*[,,、]?\s*(注意保存|请勿外传|严禁外传|不得外传)"
    r"|^\s*[【\[(（]\s*(涉密|内部资料|绝密|机密|秘密)\s*[】\])）]|^\s*(涉密|内部资料|绝密|机密|秘密)\s*$"
)


def disclosed_items(content: Content) -> Iterator[Disclosure]:
    yield from content.departments
    yield from content.procedures
    yield from content.postings


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for item in disclosed_items(content):
        if item.audience != PUBLIC and not item.exemption:
            yield problem(
                codes.EXEMPTION_REQUIRED,
                item.where("audience"),
                f"公开对象为“{item.audience}”时,必须填写不予社会公开的理由及依据(exemption)。",
                f"Audience {item.audience} needs an exemption reason.",
                key="exemption",
                label=label_of(Disclosure, "exemption"),
            )
    for value in all_texts(content):
        if ("密" in value.text or "内部资料" in value.text) and SECRET_MARK.search(value.text):  # every marking has one
            yield _secret(value.loc, "含有密级或内部资料标志", value.key, value.label)
    yield from _hidden_dependencies(content)


def _secret(loc: Loc, what: str, key: str, label: str) -> Problem:
    return problem(
        codes.SECRET,
        loc,
        f"本文件{what}。涉密信息和内部资料不得放入政务公开内容仓库,网站未生成:请把该文件从仓库中删除;"
        "仓库历史中仍保留此前提交的内容,请立即联系系统管理员清除历史并按保密规定报告。",
        f"This file is marked secret or internal-only ({key}). Remove the file from the repository; "
        "its history still holds it, so contact the administrator at once.",
        key=key,
        label=label,
    )


def hidden_departments(content: Content) -> frozenset[str]:
    """Departments whose duties are not for the public."""
    return frozenset(d.id for d in content.departments if d.audience != PUBLIC)


def units_of(item: Procedure | Posting) -> set[str]:
    """Every department an item names: its owner and, for a matter, its listed units and the units of its steps."""
    if isinstance(item, Posting):
        return {item.department}
    return {item.department, *item.units, *(dept for dept, _ in participating_sections(item))}


def _hidden_dependencies(content: Content) -> Iterator[Problem]:
    hidden = hidden_departments(content)
    names = {d.id: d.name for d in content.departments}
    items: tuple[Procedure | Posting, ...] = (*content.procedures, *content.postings)
    public = [item for item in items if item.audience == PUBLIC]
    for dept in content.departments:
        own = [item for item in public if item.department == dept.id]
        if dept.id in hidden and own:
            titles = "、".join(item.name if isinstance(item, Procedure) else item.title for item in own)
            yield _disagree(
                dept.where("audience"), f"本部门不向社会公开,但{titles}为社会公开", ", ".join(i.id for i in own)
            )
    for item in public:
        blocked = sorted(units_of(item) & hidden - {item.department})
        if blocked:
            which = "、".join(names[b] for b in blocked)
            yield _disagree(
                item.where("audience"), f"本项为社会公开,但参与单位({which})不向社会公开", ", ".join(blocked)
            )


def _disagree(loc: Loc, what: str, which: str) -> Problem:
    return problem(
        codes.PUBLIC_NEEDS_HIDDEN,
        loc,
        f"{what},公开网站不会显示这些社会公开的内容。请统一公开对象。",
        f"Public and non-public items depend on each other ({which}); the public site leaves them out. "
        "Make the audiences agree.",
        key="audience",
        label=label_of(Disclosure, "audience"),
    )


def for_audience(content: Content, scope: Scope) -> Content:
    """The content a build for `scope` may show: the public one drops every non-public item and what depends on it,
    and every posting not yet published (no `published` date: it is pending, and pending is not public)."""
    if scope == "internal":
        return content
    hidden = hidden_departments(content)
    departments = tuple(d for d in content.departments if d.id not in hidden)
    procedures = tuple(p for p in content.procedures if p.audience == PUBLIC and not units_of(p) & hidden)
    postings = tuple(
        p for p in content.postings if p.audience == PUBLIC and p.published is not None and not units_of(p) & hidden
    )
    fees = content.fees
    if fees is not None:
        fees = dataclasses.replace(fees, items=tuple(f for f in fees.items if f.department not in hidden))
    return dataclasses.replace(content, departments=departments, procedures=procedures, postings=postings, fees=fees)


def for_department(content: Content, dept_id: str) -> Content:
    """A preview of one department: its items, the matters it takes part in, and the departments those name."""
    procedures = tuple(p for p in content.procedures if dept_id in units_of(p))
    postings = tuple(p for p in content.postings if p.department == dept_id)
    named = {dept_id} | {unit for p in procedures for unit in units_of(p)}
    departments = tuple(d for d in content.departments if d.id in named)
    return dataclasses.replace(content, departments=departments, procedures=procedures, postings=postings)


def leak_probes(content: Content, shown: Content) -> set[str]:
    """Lines of text that only hidden items contain: finding one in the public site proves a leak."""
    kept = {id(r) for r in records(shown)}

    def lines(record: Record) -> Iterator[str]:
        return (flatten(line) for value in texts(record) for line in value.text.splitlines())

    hidden = [r for r in records(content) if id(r) not in kept]
    probes = {line for record in hidden for line in lines(record) if len(line) >= PROBE_MIN}
    if not probes:  # everything is shown: nothing to compare, so the shown text is not read
        return probes
    everything = "\n".join(line for record in records(shown) for line in lines(record))
    return {p for p in probes if p not in everything}


def personal_data(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    """No personal number in anything the public site will show."""
    return scan_content(for_audience(content, "public"), config)
