"""Procedures: steps and sections resolve, a lead section when several take part, time limits."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..domain.graph import END, participating_sections, section_ref
from ..model import Department, Procedure, Step
from ..problems import Problem, on_field, problem
from ..schema import Labels, label_of
from .structure import duplicates

PROCEDURE = Labels(Procedure)
STEP = Labels(Step)

APPROVALS = ("行政许可", "其他审批")
LAW_RE = re.compile(r"(法|条例|规定|办法|细则|规则|决定)(》|$)")


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    departments = {d.id: d for d in content.departments}
    for proc in content.procedures:
        owner = departments.get(proc.department)
        if owner is None:
            continue
        yield from _steps(proc, departments, content.department_ids)
        yield from _lead(proc, owner)
        yield from _handlers(proc, owner)
        yield from _limits(proc)
        yield from _approval_basis(proc)


def _steps(proc: Procedure, departments: dict[str, Department], known: frozenset[str]) -> Iterator[Problem]:
    yield from duplicates(proc.steps, "id", f"{STEP.id}", f"{PROCEDURE.steps}")
    step_ids = {s.id for s in proc.steps}
    for unit in proc.units:
        if unit not in known:
            yield on_field(
                codes.UNKNOWN_UNIT,
                proc,
                "units",
                f"{PROCEDURE.units} {unit} 不存在，请填写 content/ 下的部门目录名。",
                f"No department {unit}; use a folder name under content/.",
            )
    for step in proc.steps:
        dept_id, section_id = section_ref(proc, step.section)
        dept = departments.get(dept_id)
        if dept_id != proc.department and dept_id not in proc.units:
            yield on_field(
                codes.UNIT_NOT_LISTED,
                step,
                "section",
                f"环节由其他单位 {dept_id} 承办，请把 {dept_id} 加入本事项的{PROCEDURE.units}（units）。",
                f"The step is handled by {dept_id}; add it to `units`.",
            )
        elif dept is not None and section_id not in {s.id for s in dept.sections}:
            yield on_field(
                codes.UNKNOWN_SECTION,
                step,
                "section",
                f"{dept.name}没有编号为 {section_id} 的股室，请填写：{'、'.join(s.id for s in dept.sections)}。",
                f"{dept_id} has no section {section_id}.",
            )
        for branch in step.branches:
            if branch.to != END and branch.to not in step_ids:
                yield on_field(
                    codes.UNKNOWN_STEP,
                    branch,
                    "to",
                    f"分支转到的环节 {branch.to} 不存在，请填写本事项的{STEP.id}，或 end 表示办结。",
                    f"No step {branch.to}; use a step id or `end`.",
                )


def _lead(proc: Procedure, owner: Department) -> Iterator[Problem]:
    taking_part = participating_sections(proc)
    own = [s for d, s in taking_part if d == proc.department]
    if proc.lead_section is None:
        if len(taking_part) >= 2:
            names = "、".join(f"{d}/{s}" if d != proc.department else s for d, s in taking_part)
            yield problem(
                codes.LEAD_REQUIRED,
                proc.loc,
                f"本事项涉及两个以上股室（{names}），必须明确{PROCEDURE.lead_section}：填写 lead_section。",
                f"Two or more sections take part ({names}); name the lead section in `lead_section`.",
                key="lead_section",
                label=label_of(Procedure, "lead_section"),
            )
    elif proc.lead_section not in own:
        yield on_field(
            codes.LEAD_NOT_PARTICIPATING,
            proc,
            "lead_section",
            f"{PROCEDURE.lead_section} {proc.lead_section} 没有承办任何环节，请改为参与办理的股室：{'、'.join(own) or '（无）'}。",
            f"The lead section {proc.lead_section} takes no part in the steps; choose one that does.",
        )


def _handlers(proc: Procedure, owner: Department) -> Iterator[Problem]:
    staff = {s.id for s in owner.staff}
    for handler in proc.handlers:
        if handler not in staff:
            yield on_field(
                codes.UNKNOWN_STAFF,
                proc,
                "handlers",
                f"{PROCEDURE.handlers}编号 {handler} 不在{owner.name}的工作人员名单中，请先在 department.yml 中登记。",
                f"No staff member {handler} in {owner.id}; add them to department.yml first.",
            )


def _limits(proc: Procedure) -> Iterator[Problem]:
    if proc.type in APPROVALS and proc.statutory_days is None:
        yield problem(
            codes.STATUTORY_REQUIRED,
            proc.loc,
            "审批事项必须填写法定时限（限时办结制）。",
            "An approval item needs its statutory time limit.",
            key="statutory_days",
            label=label_of(Procedure, "statutory_days"),
        )
    if proc.statutory_days is not None and proc.promised_days > proc.statutory_days:
        yield on_field(
            codes.PROMISE_EXCEEDS_STATUTORY,
            proc,
            "promised_days",
            f"承诺时限 {proc.promised_days} 个工作日超过法定时限 {proc.statutory_days} 个工作日，承诺时限不得超过法定时限。",
            f"The promised limit ({proc.promised_days}) exceeds the statutory one ({proc.statutory_days}).",
        )
    for step in proc.steps:
        if step.days is not None and step.hours is not None:
            yield on_field(
                codes.STEP_LIMIT_TWICE,
                step,
                "hours",
                f"环节时限只能写一种单位：已写 {step.days} 个工作日，又写 {step.hours} 小时；请按来源文件保留一个。",
                f"A step's limit is in working days or in hours, not both ({step.days} days, {step.hours} hours).",
            )


def _approval_basis(proc: Procedure) -> Iterator[Problem]:
    if proc.type in APPROVALS and not any(LAW_RE.search(b.law.strip()) for b in proc.basis):
        yield on_field(
            codes.APPROVAL_WITHOUT_LAW,
            proc,
            "basis",
            f"审批事项必须有法律、法规或规章（名称以“法”“条例”“规定”“办法”等结尾）作为{PROCEDURE.basis}，否则一律不准设立。",
            "An approval item needs a law, regulation or rule as its basis.",
        )
