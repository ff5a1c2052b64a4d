"""The kinds of posting: one kind each, in one of the district's categories, with the dates and fields its kind has.

A posting published after completion needs its 办结日期; the other kinds have none and must not invent one. A
consultation's period runs forward, no shorter than the law's unless a reason is given, and its 意见采纳情况 follows
within the district's time; a notice (整改公示, 事前公示) states its 公示期 and how to give views; a budget or final
account comes with its tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import FeedbackRule, SiteConfig
from ..content import Content
from ..domain.deadlines import period
from ..domain.kinds import feedback_due
from ..model import KIND_BLOCKS, NOTICE_KINDS, POSTING_KINDS, Budget, Consultation, Feedback, Posting
from ..problems import Problem, on_field, problem
from ..schema import Labels, label_of
from ..workdays import YearMissing

BUDGET = Labels(Budget)
CONSULTATION = Labels(Consultation)
FEEDBACK = Labels(Feedback)
FEEDBACK_RULE = Labels(FeedbackRule)
POSTING = Labels(Posting)
SITE_CONFIG = Labels(SiteConfig)

DONE = POSTING_KINDS[0]
"""The kind published after completion: the only one with a 办结日期."""


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    known = config.category_names
    for post in content.postings:
        yield from _category(post, known)
        blocks = post.blocks()
        if len(blocks) > 1:
            names = "、".join(f"{KIND_BLOCKS[b]}（{b}）" for b in blocks)
            yield on_field(
                codes.KIND_TWICE,
                post,
                blocks[1],
                f"一条公开信息只能是一种：这里同时写了 {names}；请分成几条公开信息，每条只保留一种。",
                f"One posting is one kind; this one has {', '.join(blocks)}. Split it into one posting per kind.",
            )
            continue
        yield from _completion(post)
        yield from _kind_fields(post)
        if post.consultation is not None:
            yield from _consultation(post, post.consultation, config, as_of)


def _category(post: Posting, known: tuple[str, ...]) -> Iterator[Problem]:
    if post.category in known:
        return
    yield on_field(
        codes.CHOICE,
        post,
        "category",
        f"“{post.category}”不是本区的{SITE_CONFIG.categories}；只能填写：{'、'.join(known)}。本区标准目录另有类别的，"
        "在 site_config.yml 的 categories 中增加。",
        f"{post.category} is not one of the district's categories: {', '.join(known)}. A category of the district's "
        "own goes in `categories` of site_config.yml.",
    )


def _completion(post: Posting) -> Iterator[Problem]:
    label = label_of(Posting, "completed")
    if post.kind == DONE and post.completed is None:
        yield problem(
            codes.REQUIRED,
            post.loc,
            f"缺少必填项“{label}”：事项办结后公开的信息要写{POSTING.completed}，公开时限从这天起算。本条是征求意见、预算决算、"
            f"整改公示或事前公示的，写明对应的内容（consultation、budget、rectification 或 proposal），不写{POSTING.completed}。",
            "A posting published after completion needs `completed`; a consultation, budget, rectification or "
            "notice before a decision states its own block instead.",
            key="completed",
            label=label,
        )
    elif post.kind != DONE and post.completed is not None:
        yield on_field(
            codes.COMPLETED_NOT_FOR_KIND,
            post,
            "completed",
            f"{post.kind}没有{POSTING.completed}，请删除 completed 这一行：{_own_dates(post)}",
            f"A posting of this kind has no completion date; remove `completed`. {_own_dates_en(post)}",
        )


def _own_dates(post: Posting) -> str:
    if post.consultation is not None:
        return f"征求意见按征求意见期（opens、closes）计，结束后补写{CONSULTATION.feedback}（feedback）。"
    if post.budget is not None:
        return f"公开时限从{BUDGET.approved}（budget 的 approved）起算。"
    return "公示按公示期（notice_from、notice_until 或 notice_days）计。"


def _own_dates_en(post: Posting) -> str:
    if post.consultation is not None:
        return "A consultation runs from `opens` to `closes`, then states its `feedback`."
    if post.budget is not None:
        return "The deadline counts from the budget's `approved` date."
    return "A notice runs for its notice period."


def _kind_fields(post: Posting) -> Iterator[Problem]:
    """What a kind cannot do without beyond its block: a notice's period and channel, a budget's tables."""
    if post.kind in NOTICE_KINDS:
        block = next(b for b in post.blocks())
        if post.notice_until is None and post.notice_days is None:
            yield _missing(
                post,
                block,
                "notice_until",
                f"{post.kind}必须写明公示期：{POSTING.notice_until}（notice_until）或公示期（工作日，notice_days），{POSTING.notice_from}不写则从{POSTING.published}算起。",
                "A notice states its period: `notice_until` or `notice_days`.",
            )
        if not post.objection:
            yield _missing(
                post,
                block,
                "objection",
                f"{post.kind}必须写明公示期内提出意见或异议的方式（objection）：受理单位、电话、地址。",
                "A notice states how to give views or object (`objection`).",
            )
    if post.budget is not None and not post.attachments:
        yield _missing(
            post,
            "budget",
            "attachments",
            f"{post.budget.kind}公开必须附上预决算表（attachments），如收支总表、财政拨款支出表和“三公”经费表；"
            "说明写在 budget 的 explanation 中。",
            "A budget or final account is published with its tables (`attachments`).",
        )


def _missing(post: Posting, block: str, key: str, zh: str, en: str) -> Problem:
    label = label_of(Posting, key)
    return problem(codes.REQUIRED, post.where(block), _required(label, zh), en, key=key, label=label)


def _required(label: str, why: str) -> str:
    return f"缺少必填项“{label}”：{why}"


def _consultation(post: Posting, c: Consultation, config: SiteConfig, as_of: dt.date) -> Iterator[Problem]:
    if c.closes < c.opens:
        yield on_field(
            codes.CONSULTATION_PERIOD,
            c,
            "closes",
            f"{CONSULTATION.closes} {c.closes} 早于开始日期 {c.opens}，请核对征求意见期。",
            f"The consultation closes on {c.closes}, before it opens on {c.opens}.",
        )
        return
    if post.published is not None and post.published > c.closes:
        yield on_field(
            codes.CONSULTATION_PERIOD,
            post,
            "published",
            f"{POSTING.published} {post.published} 晚于{CONSULTATION.closes} {c.closes}：公众没有机会提出意见。请核对日期；"
            "征求意见必须在截止之前公开。",
            f"Published {post.published}, after the consultation closed on {c.closes}: nobody could comment.",
        )
    f = c.feedback
    if f is not None:
        yield from _feedback_dates(c, f, as_of)
        yield from _figures(f)
    rule = config.timeliness.feedback
    if rule is not None and post.published is not None and (f is None or f.published >= c.closes):
        yield from _feedback_deadline(post, c, rule, config, as_of)


def _feedback_dates(c: Consultation, f: Feedback, as_of: dt.date) -> Iterator[Problem]:
    if f.published < c.closes:
        yield on_field(
            codes.FEEDBACK_BEFORE_CLOSE,
            f,
            "published",
            f"{FEEDBACK.published} {f.published} 早于{CONSULTATION.closes} {c.closes}：征求意见还没有结束，不能公开采纳情况。请核对日期。",
            f"Feedback published {f.published}, before the consultation closed on {c.closes}.",
        )
    if f.published > as_of:
        yield on_field(
            codes.PUBLISHED_IN_FUTURE,
            f,
            "published",
            f"{FEEDBACK.published} {f.published} 晚于今天（{as_of}），不得预填{POSTING.published}，请填写实际公开的日期。",
            f"The feedback date {f.published} is after the build date {as_of}; use the real date.",
        )


def _figures(f: Feedback) -> Iterator[Problem]:
    if f.adopted > f.received:
        yield on_field(
            codes.FEEDBACK_FIGURES,
            f,
            "adopted",
            f"采纳意见 {f.adopted} 条多于收到的意见 {f.received} 条，请核对。",
            f"{f.adopted} opinions adopted out of {f.received} received; check the figures.",
        )
    elif len(f.not_adopted) > f.received - f.adopted:
        yield on_field(
            codes.FEEDBACK_FIGURES,
            f,
            "not_adopted",
            f"列出了 {len(f.not_adopted)} 条未采纳的意见，但收到 {f.received} 条、采纳 {f.adopted} 条，"
            f"未采纳的最多 {f.received - f.adopted} 条；请核对。",
            f"{len(f.not_adopted)} opinions listed as not adopted, but only {f.received - f.adopted} were not adopted.",
        )


def _feedback_deadline(
    post: Posting, c: Consultation, rule: FeedbackRule, config: SiteConfig, as_of: dt.date
) -> Iterator[Problem]:
    """The 意见采纳情况 published within the district's time after closing: late or overdue, with the arithmetic."""
    f = c.feedback
    judged_on = f.published if f is not None else as_of
    try:
        due = feedback_due(c, rule.days, rule.unit, config.calendar)
    except YearMissing as gap:
        if judged_on > c.closes + dt.timedelta(days=rule.days):
            yield on_field(
                codes.CALENDAR_YEAR_MISSING,
                c,
                "closes",
                f"按工作日计算{FEEDBACK_RULE.days}需要 {gap.year} 年的节假日安排，内置日历没有这一年，不能猜测；请在 site_config.yml 的 "
                "timeliness.calendar 中登记该年的日历文件。",
                f"Counting the feedback deadline needs the {gap.year} holiday calendar; list it in `timeliness.calendar`.",
            )
        return
    except OverflowError:
        return
    if judged_on <= due.due:
        return
    late = (judged_on - due.due).days
    basis = f"（依据：{rule.basis}）" if rule.basis else ""
    basis_en = f" (basis: {rule.basis})" if rule.basis else ""
    how = f"{CONSULTATION.closes} {c.closes} {due.how('zh')} = 最迟反馈日期 {due.due}"
    how_en = f"closed {c.closes} {due.how('en')} = due {due.due}"
    if f is not None:
        yield on_field(
            codes.FEEDBACK_LATE,
            f,
            "published",
            f"征求意见结束后 {period(rule.days, rule.unit)}内必须公开{CONSULTATION.feedback}{basis}：{how}，实际反馈日期 {f.published}，"
            f"逾期 {late} 日。请核对日期。",
            f"Feedback published late{basis_en}: {how_en}, published {f.published}, {late} day(s) late.",
        )
        return
    yield on_field(
        codes.FEEDBACK_OVERDUE,
        c,
        "closes",
        f"征求意见已结束，尚未公开{CONSULTATION.feedback}{basis}：{how}，截至 {as_of} 已逾期 {late} 日。请公开收到的意见、"
        "采纳情况和未采纳的理由，填写 consultation 的 feedback。",
        f"The consultation closed and its feedback is overdue{basis_en}: {how_en}; {late} day(s) overdue on {as_of}. "
        "Publish what was received and adopted in `feedback`.",
    )
