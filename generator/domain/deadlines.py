"""How a publication deadline is worded, in messages and on the 公开指南."""

from __future__ import annotations

from ..config import DeadlineRule, Timeliness
from ..model import table_label
from ..workdays import Unit


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
