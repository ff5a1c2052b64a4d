"""Typed postings and notice periods: tables in their category, an objection channel where people may object,
a notice period that ends, and one no shorter than the law's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import NoticeRule, SiteConfig
from ..content import Content
from ..domain.kinds import consultation_period
from ..domain.notices import notice_of
from ..model import TABLE_CATEGORIES, Posting
from ..problems import Problem, on_field
from ..schema import Labels
from ..workdays import YearMissing

POSTING = Labels(Posting)

OBJECTABLE = ("candidates", "appointees", "recruits")
"""Tables whose 公示 invites objections: they must say how to object."""


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for post in content.postings:
        yield from _tables(post, builtin=not config.categories)
        yield from _period(post)
        rule = next((r for r in config.timeliness.notices if r.applies_to(post)), None)
        if rule is not None and post.consultation is not None:
            yield from _consultation(post, rule, config)
        elif rule is not None:
            yield from _minimum(post, rule, config)


def _tables(post: Posting, builtin: bool) -> Iterator[Problem]:
    """Typed records sit in their category (the policy's twelve: a district's own categories are its to name)."""
    for key, rows in post.tables():
        allowed = TABLE_CATEGORIES[key]
        if builtin and post.category not in allowed:
            yield on_field(
                codes.TABLE_WRONG_CATEGORY,
                post,
                key,
                f"“{rows[0].label}”属于{'、'.join(allowed)}类，本条类别是“{post.category}”；请改正类别或把记录移到对应的公开信息中。",
                f"These records belong to another category than {post.category}; fix the category or move them.",
            )
        if key in OBJECTABLE and not post.objection:
            yield on_field(
                codes.OBJECTION_MISSING,
                post,
                key,
                f"“{rows[0].label}”的公示必须写明公示期内提出异议或举报的方式（objection）：受理单位、电话、地址。",
                "A notice that invites objections must say how to object (`objection`): who, phone, address.",
            )


def _period(post: Posting) -> Iterator[Problem]:
    if post.notice_until is not None and post.notice_days is not None:
        yield on_field(
            codes.NOTICE_PERIOD_TWICE,
            post,
            "notice_days",
            f"{POSTING.notice_until}和{POSTING.notice_days}只能写一个，请按公告原文保留一个。",
            "Give the notice period's last day or its length in working days, not both.",
        )
    elif post.notice_from is not None and post.notice_until is None and post.notice_days is None:
        yield on_field(
            codes.NOTICE_PERIOD_OPEN,
            post,
            "notice_from",
            f"写了{POSTING.notice_from}，却没有写{POSTING.notice_until}或{POSTING.notice_days}；公示期必须有截止，请按公告原文补上。",
            "The notice period has a start but no end; add `notice_until` or `notice_days`.",
        )
    start = post.notice_from or post.published
    if post.notice_until is not None and start is not None and post.notice_until < start:
        yield on_field(
            codes.NOTICE_PERIOD_REVERSED,
            post,
            "notice_until",
            f"{POSTING.notice_until} {post.notice_until} 早于公示开始日期 {start}，请核对。",
            f"The notice period ends on {post.notice_until}, before it starts on {start}.",
        )


def _consultation(post: Posting, rule: NoticeRule, config: SiteConfig) -> Iterator[Problem]:
    """A consultation runs no shorter than the law's period, or says why (重大行政决策程序暂行条例 第十五条)."""
    c, notice = post.consultation, consultation_period(post)
    if c is None or notice is None or c.short_reason or notice.end < notice.start:
        return
    try:
        length = notice.length(config.calendar, rule.unit)
    except YearMissing:
        return  # a consultation's period is rarely in working days; a missing year is reported for notices
    if length >= rule.days:
        return
    unit = "日" if rule.unit == "自然日" else "个工作日"
    basis = f"（依据：{rule.basis}）" if rule.basis else ""
    late = f"（从{POSTING.published} {post.published} 算起）" if notice.start != c.opens else ""
    yield on_field(
        codes.CONSULTATION_SHORT,
        c,
        "closes",
        f"征求意见期 {notice.start} 至 {notice.end}{late} 共 {length} {unit}，少于规定的 {rule.days} {unit}{basis}。"
        "请延长征求意见期；确需缩短的（如情况紧急），在 short_reason 写明理由。",
        f"The consultation runs {notice.start} to {notice.end}, {length} day(s) ({rule.unit}), shorter than the "
        f"{rule.days} required; extend it, or give the reason in `short_reason`.",
    )


def _minimum(post: Posting, rule: NoticeRule, config: SiteConfig) -> Iterator[Problem]:
    unit = "日" if rule.unit == "自然日" else "个工作日"
    basis = f"（依据：{rule.basis}）" if rule.basis else ""
    if post.notice_until is None and post.notice_days is None:
        yield on_field(
            codes.NOTICE_PERIOD_MISSING,
            post,
            "category",
            f"本条公示的公示期不得少于 {rule.days} {unit}{basis}，请写明公示期（notice_until 或 notice_days）。",
            f"This notice must run at least {rule.days} day(s) ({rule.unit}); state its period.",
        )
        return
    try:
        notice = notice_of(post, config.calendar)
        length = notice.length(config.calendar, rule.unit) if notice else None
    except YearMissing as gap:
        yield on_field(
            codes.CALENDAR_YEAR_MISSING,
            post,
            "notice_until",
            f"按工作日计算公示期需要 {gap.year} 年的节假日安排，内置日历没有这一年，不能猜测；请在 site_config.yml 的 "
            "timeliness.calendar 中登记该年的日历文件。",
            f"Counting the notice period needs the {gap.year} holiday calendar; list it in `timeliness.calendar`.",
        )
        return
    if notice is not None and length is not None and length < rule.days:
        yield on_field(
            codes.NOTICE_PERIOD_SHORT,
            post,
            "notice_until" if post.notice_until else "notice_days",
            f"公示期 {notice.start} 至 {notice.end} 共 {length} {unit}，少于规定的 {rule.days} {unit}{basis}；"
            "请按规定延长公示期。",
            f"The notice runs {notice.start} to {notice.end}, {length} day(s) ({rule.unit}), "
            f"shorter than the {rule.days} required.",
        )
