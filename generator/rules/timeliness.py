"""The one-week rule: important and temporary matters are published within a week of completion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..config import SiteConfig
from ..content import Content
from ..model import Posting
from ..problems import Problem, problem

BOUND = ("重要事项", "临时事项")


def deadline(post: Posting, config: SiteConfig) -> dt.date:
    """The last day on which the posting may be published."""
    return post.completed + dt.timedelta(days=config.deadline_days)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for post in content.postings:
        due = deadline(post, config)
        how = f"办结日期 {post.completed} + {config.deadline_days} 日 = 最迟公开日期 {due}"
        how_en = f"completed {post.completed} + {config.deadline_days} days = due {due}"
        if post.published is not None and post.published > as_of:
            yield problem(
                "published-in-future",
                post.where("published"),
                f"公开日期 {post.published} 晚于今天({as_of}),不得预填公开日期,请填写实际公开的日期。",
                f"The published date {post.published} is after the build date {as_of}; use the real date.",
                key="published",
                label="公开日期",
            )
        if post.published is not None and post.published < post.completed:
            yield problem(
                "published-before-completed",
                post.where("published"),
                f"公开日期 {post.published} 早于办结日期 {post.completed},请核对两个日期。",
                f"Published {post.published} before completion {post.completed}; check both dates.",
                key="published",
                label="公开日期",
            )
        if post.importance not in BOUND:
            continue
        if post.published is not None and post.published > due:
            late = (post.published - due).days
            yield problem(
                "late",
                post.where("published"),
                f"{post.importance}办结后一周内必须公开:{how},实际公开日期 {post.published},逾期 {late} 日。请说明原因并整改。",
                f"Published late: {how_en}, published {post.published}, {late} day(s) late.",
                key="published",
                label="公开日期",
            )
        elif post.published is None and as_of > due:
            late = (as_of - due).days
            yield problem(
                "overdue",
                post.loc,
                f"{post.importance}已办结但尚未公开:{how},截至 {as_of} 已逾期 {late} 日。请立即公开并填写公开日期。",
                f"Completed but unpublished: {how_en}; {late} day(s) overdue on {as_of}. Publish it and fill in `published`.",
                key="published",
                label="公开日期",
            )
