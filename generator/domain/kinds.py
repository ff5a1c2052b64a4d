"""The kinds of posting and their own dates, as both the rules and the pages read them.

A posting published after completion (办结公开) dates from its 办结日期; a budget or final account from its
批复日期; a consultation has its 征求意见期 and, later, its 意见采纳情况; a rectification or a notice before a decision
has its 公示期. None of them needs a date it does not have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..config import SiteConfig
from ..model import NOTICE_KINDS, Consultation, Posting
from ..schema import label_of
from ..workdays import Calendar, Deadline, Unit, deadline
from .deadlines import period
from .notices import Notice, notice_of

ConsultationState = Literal["征求意见未开始", "征求意见中", "征求意见已结束", "已反馈"]


@dataclass(frozen=True)
class KeyDate:
    """The date a posting's kind counts by, as a page shows it: its label, and one day or a period."""

    label: str
    start: dt.date
    end: dt.date | None = None


def key_date(post: Posting, calendar: Calendar) -> KeyDate | None:
    """The kind's own date: 办结日期, 批复日期, 征求意见期 or 公示期; None when the posting states none yet."""
    if post.consultation is not None:
        c = post.consultation
        return KeyDate("征求意见期", c.opens, c.closes)
    if post.budget is not None:
        return KeyDate(label_of(type(post.budget), "approved"), post.budget.approved)
    if post.completed is not None:
        return KeyDate(label_of(Posting, "completed"), post.completed)
    notice = notice_of(post, calendar)
    return KeyDate("公示期", notice.start, notice.end) if notice else None


def start_label(post: Posting) -> str:
    """What the day a posting's deadline counts from is called in a message: 办结日期, 批复日期 or 最早决定日期."""
    if post.budget is not None:
        return label_of(type(post.budget), "approved")
    return label_of(Posting, "completed") if post.counted_from == post.completed else "最早决定日期"


def consultation_state(c: Consultation, as_of: dt.date) -> ConsultationState:
    """Where a consultation stands on the build date."""
    if c.feedback is not None and c.feedback.published <= as_of:
        return "已反馈"
    if as_of < c.opens:
        return "征求意见未开始"
    return "征求意见中" if as_of <= c.closes else "征求意见已结束"


def consultation_period(post: Posting) -> Notice | None:
    """The days the public could give opinions: from the later of opening and publication to the closing day."""
    c = post.consultation
    if c is None:
        return None
    return Notice(max(c.opens, post.published or c.opens), c.closes)


def feedback_due(c: Consultation, days: int, unit: Unit, calendar: Calendar) -> Deadline:
    """The last day to publish the 意见采纳情况: `days` after the consultation closed. Raises YearMissing."""
    return deadline(calendar, c.closes, days, unit)


def time_limit_for(post: Posting, config: SiteConfig) -> str | None:
    """The 公开时限 a posting that states none shows in the 公开目录: its category's in the district's 标准目录, else
    its kind's (a budget's counted from its approval, a consultation and a notice from their first day); None for a
    posting published after completion, which keeps the field's own default."""
    category = config.category(post.category)
    if category is not None and category.time_limit:
        return category.time_limit
    if post.budget is not None:
        rule = config.timeliness.rule_for(post)
        return f"批复之日起 {period(rule.days, rule.unit)}内" if rule else "批复后公开"
    if post.consultation is not None:
        return "征求意见开始之日公开，征求意见结束后公开意见采纳情况"
    if post.kind in NOTICE_KINDS:
        return "公示期开始之日公开"
    return None
