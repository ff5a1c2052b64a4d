"""Enforcement inspections (policy 二(三)3): approved in advance, by certified staff, within the plan.

Every inspection of an enterprise needs the 纠风办's prior approval; no department may go beyond the
approved items, content, frequency or schedule; inspectors are certified (持证上岗) and, as the
行政处罚法 requires of any inspection, at least two.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..problems import Problem, on_field
from ..registers.model import Inspection, InspectionPlan, Inspector
from ..schema import Labels
from .structure import duplicates

INSPECTION = Labels(Inspection)
INSPECTION_PLAN = Labels(InspectionPlan)
INSPECTOR = Labels(Inspector)

MIN_INSPECTORS = 2
"""《行政处罚法》(1996) 第三十七条、(2021) 第四十二条:调查或者进行检查时,执法人员不得少于两人。"""


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    staff = {d.id: {s.id for s in d.staff} for d in content.departments}
    office = content.district.jiufeng_office if content.district else None
    for plan in content.registers.inspections:
        yield from _plan(plan, staff.get(plan.department))
        if plan.approval_no is not None and content.district is not None:
            yield from _approver(plan, office)


def _approver(plan: InspectionPlan, office: str | None) -> Iterator[Problem]:
    """The approval is the 纠风办's: a plan approved by anyone else (its own bureau's document) is not approved."""
    if office is None:
        yield on_field(
            codes.INSPECTION_APPROVER,
            plan,
            "approval_no",
            "执法检查计划须经区纠风办批准，但 district.yml 没有写区纠风办（jiufeng_office）；请在 district.yml 写明纠风办全称，"
            f"计划的{INSPECTION_PLAN.approved_by}（approved_by）与它相同。",
            "Inspection plans are approved by the district's anti-malpractice office, but district.yml names none (`jiufeng_office`).",
        )
    elif plan.approved_by is None:
        yield on_field(
            codes.INSPECTION_APPROVER,
            plan,
            "approval_no",
            f"写了{INSPECTION_PLAN.approval_no} {plan.approval_no}，没有写{INSPECTION_PLAN.approved_by}（approved_by）；"
            f"执法检查计划须经{office}批准，请写明{INSPECTION_PLAN.approved_by}。",
            f"The approval {plan.approval_no} names no approving body (`approved_by`); it must be {office}.",
        )
    elif plan.approved_by != office:
        yield on_field(
            codes.INSPECTION_APPROVER,
            plan,
            "approved_by",
            f"{INSPECTION_PLAN.approved_by}“{plan.approved_by}”不是区纠风办（{office}）：部门自己的文件不是批准，到企业检查必须事先经{office}"
            "批准。请报纠风办批准后填写它的文号、日期和名称；尚未批准的，三项都不写，也不得到企业检查。",
            f"{plan.approved_by} is not the district's anti-malpractice office ({office}); a bureau's own document does not approve an inspection.",
        )


def _plan(plan: InspectionPlan, staff: set[str] | None) -> Iterator[Problem]:
    if (plan.approval_no is None) != (plan.approved is None):
        yield on_field(
            codes.INSPECTION_APPROVAL_INCOMPLETE,
            plan,
            "approved" if plan.approval_no is None else "approval_no",
            f"{INSPECTION_PLAN.approval_no}和{INSPECTION_PLAN.approved}要一起填写：已经区纠风办批准的两项都写，尚未批准的两项都不写。",
            "Give both the approval number and date, or neither while the plan is not approved.",
        )
    if plan.end < plan.start:
        yield on_field(
            codes.INSPECTION_SCHEDULE,
            plan,
            "end",
            f"{INSPECTION_PLAN.end} {plan.end} 早于开始日期 {plan.start}，请核对时间安排。",
            f"The schedule ends ({plan.end}) before it starts ({plan.start}).",
        )
    yield from duplicates(plan.inspectors, "staff", "人员编号", f"{INSPECTION_PLAN.inspectors}")
    certified = {i.staff for i in plan.inspectors}
    if staff is not None:
        for person in plan.inspectors:
            if person.staff not in staff:
                yield on_field(
                    codes.INSPECTOR_NOT_STAFF,
                    person,
                    "staff",
                    f"人员编号 {person.staff} 不是本部门的工作人员；{INSPECTION_PLAN.inspectors}必须是本部门持证的工作人员，"
                    "请填写 department.yml 中 staff 的编号。",
                    f"{person.staff} is not on this department's staff; inspectors are its certified staff.",
                )
    visits: Counter[str] = Counter()
    for visit in sorted(plan.inspections, key=lambda v: v.date):
        yield from _visit(plan, visit, certified)
        visits[visit.target] += 1
        if visits[visit.target] > plan.frequency:
            yield on_field(
                codes.INSPECTION_FREQUENCY,
                visit,
                "target",
                f"批准的检查频次是同一单位每年 {plan.frequency} 次，这是按本计划对该单位的第 {visits[visit.target]} 次检查，"
                "超出批准的频次，企业有权拒查。",
                f"Inspection number {visits[visit.target]} of the same enterprise; the approved frequency is "
                f"{plan.frequency} a year.",
            )


def _visit(plan: InspectionPlan, visit: Inspection, certified: set[str]) -> Iterator[Problem]:
    if plan.approved is None or visit.date < plan.approved:
        when = "尚未批准" if plan.approved is None else f"在 {plan.approved} 才批准"
        yield on_field(
            codes.INSPECTION_UNAPPROVED,
            visit,
            "date",
            f"{visit.date} 的检查没有经批准的检查计划（本计划{when}）；到企业检查必须事先报区纠风办批准。",
            f"The inspection on {visit.date} had no approved plan; inspections of enterprises need prior approval.",
        )
    elif not plan.start <= visit.date <= plan.end:
        yield on_field(
            codes.INSPECTION_OUT_OF_SCHEDULE,
            visit,
            "date",
            f"{INSPECTION.date} {visit.date} 不在批准的时间安排 {plan.start} 至 {plan.end} 内，不得超出批准的时间安排检查。",
            f"The inspection on {visit.date} is outside the approved schedule {plan.start} to {plan.end}.",
        )
    for item in visit.items:
        if item not in plan.items:
            yield on_field(
                codes.INSPECTION_ITEM_UNAPPROVED,
                visit,
                "items",
                f"{INSPECTION_PLAN.items}“{item}”不在批准的{INSPECTION_PLAN.items}中（{'、'.join(plan.items)}），不得超出批准的项目检查。",
                f"The item “{item}” is not among the approved items.",
            )
    for person in visit.inspectors:
        if person not in certified:
            yield on_field(
                codes.INSPECTOR_UNCERTIFIED,
                visit,
                "inspectors",
                f"{INSPECTION_PLAN.inspectors} {person} 没有在计划中登记{INSPECTOR.certificate}；没有执法证的人员不得参加检查（持证上岗）。",
                f"Inspector {person} has no certificate in the plan; only certified staff may inspect.",
            )
    if len(set(visit.inspectors)) < MIN_INSPECTORS:
        yield on_field(
            codes.INSPECTION_TOO_FEW_INSPECTORS,
            visit,
            "inspectors",
            f"{INSPECTION_PLAN.inspectors}只有 {len(set(visit.inspectors))} 人；检查时执法人员不得少于 {MIN_INSPECTORS} 人（《行政处罚法》）。",
            f"Only {len(set(visit.inspectors))} inspector(s); an inspection needs at least {MIN_INSPECTORS}.",
        )
