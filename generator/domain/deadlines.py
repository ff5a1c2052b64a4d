"""Publication deadlines: how a posting stands against its deadline on the build date (the rules and the
compliance report judge by it), and how a deadline is worded, in messages and on the 公开指南."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..config import DeadlineRule, SiteConfig, Timeliness
from ..model import Posting, table_label
from ..workdays import Deadline, Unit, YearMissing, deadline


def period(days: int, unit: Unit) -> str:
    """'7 日' in calendar days, '5 个工作日' in working days."""
    return f"{days} 日" if unit == "自然日" else f"{days} 个工作日"


def _who(rule: DeadlineRule) -> str:
    kinds = "、".join(f"“{c}”" for c in rule.categories) + "类" if rule.categories else ""
    nature = "和".join(rule.importance)
    who = f"{kinds}的{nature}" if kinds and nature else kinds or nature
    if rule.kinds:
        who = f"{who}的" if who else ""
        who += "、".join(rule.kinds)
    if rule.tables:
        records = "、".join(table_label(key) for key in rule.tables)
        who = f"载有{records}的{who or '公开信息'}"
    return who


def policy_sentences(t: Timeliness) -> list[str]:
    """The publication deadlines of the site configuration, one sentence each, the default first."""
    out = []
    if t.importance:
        out.append(f"{'和'.join(t.importance)}在办结后 {period(t.days, t.unit)}内公开。")
    for rule in t.deadlines:
        basis = f"（依据：{rule.basis}）" if rule.basis else ""
        start = "自决定、定标或成交之日起" if rule.tables else "在批复后" if "预算决算" in rule.kinds else "在办结后"
        out.append(f"{_who(rule)}{start} {period(rule.days, rule.unit)}内公开{basis}。")
    if t.feedback is not None:
        basis = f"（依据：{t.feedback.basis}）" if t.feedback.basis else ""
        out.append(
            f"公开征求意见的，在征求意见结束后 {period(t.feedback.days, t.feedback.unit)}内公开意见采纳情况{basis}。"
        )
    return out


State = Literal["on-time", "late", "overdue", "pending", "unbound", "no-calendar"]


@dataclass(frozen=True)
class Verdict:
    """How one posting stands against its deadline on the build date."""

    post: Posting
    state: State
    rule: DeadlineRule | None = None
    due: Deadline | None = None
    days_late: int = 0
    missing_year: int = 0


def judge(post: Posting, config: SiteConfig, as_of: dt.date) -> Verdict:
    """The one place that decides whether a posting is on time, late, overdue or still pending."""
    rule = config.timeliness.rule_for(post)
    start = post.counted_from
    if rule is None or start is None:
        return Verdict(post, "unbound")
    if start > as_of:  # refused by rules.timeliness; no deadline counts from a day still to come
        return Verdict(post, "pending", rule)
    judged_on = post.published or as_of
    try:
        due = deadline(config.calendar, start, rule.days, rule.unit)
    except YearMissing as gap:
        # A period of n working days ends at least n calendar days after its start.
        if judged_on > start + dt.timedelta(days=rule.days):
            return Verdict(post, "no-calendar", rule, missing_year=gap.year)
        return Verdict(post, "pending" if post.published is None else "on-time", rule)
    except OverflowError:  # a deadline after 9999-12-31 has not passed
        return Verdict(post, "pending" if post.published is None else "on-time", rule)
    if post.published is not None:
        if post.published > due.due:
            return Verdict(post, "late", rule, due, (post.published - due.due).days)
        return Verdict(post, "on-time", rule, due)
    if as_of > due.due:
        return Verdict(post, "overdue", rule, due, (as_of - due.due).days)
    return Verdict(post, "pending", rule, due)
