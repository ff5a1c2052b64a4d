"""Timeliness: the one-week rule and other deadlines, overdue matters, future and backdated dates.

Every deadline message shows its computation: completed date, how the deadline was counted,
the due date, the published date (or the build date) and the days late.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import BackdatingOverride, SiteConfig, Timeliness
from ..content import Content
from ..domain.deadlines import Verdict, judge, period
from ..gitdates import History
from ..ledger import Ledger, key_of
from ..model import Posting
from ..problems import Problem, on_field, problem
from ..schema import Labels, label_of

POSTING = Labels(Posting)
TIMELINESS = Labels(Timeliness)


def _on_published(code: codes.Code, post: Posting, zh: str, en: str) -> Problem:
    """A problem located at the posting's published date (or the posting, when it has none)."""
    return on_field(code, post, "published", zh, en)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    """Dates in order, and every posting bound by a deadline published on time."""
    for post in content.postings:
        yield from _dates(post, config.timeliness, as_of)
        yield from _importance(post, config.timeliness)
        verdict = judge(post, config, as_of)
        if verdict.state == "no-calendar":
            yield _year_missing(post, verdict.missing_year)
        elif verdict.state == "late" and post.late_reason and post.late_approver:
            yield _explained(verdict)
        elif verdict.state in ("late", "overdue"):
            yield _late(verdict, as_of)


def _dates(post: Posting, t: Timeliness, as_of: dt.date) -> Iterator[Problem]:
    if post.completed > as_of:
        yield on_field(
            codes.COMPLETED_IN_FUTURE,
            post,
            "completed",
            f"{POSTING.completed} {post.completed} 晚于今天（{as_of}）：只有已经办结的事项才能填写{POSTING.completed}，请填写实际办结的日期。",
            f"The completion date {post.completed} is after the build date {as_of}; use the real date.",
        )
    if post.published is not None and post.published > as_of:
        yield _on_published(
            codes.PUBLISHED_IN_FUTURE,
            post,
            f"{POSTING.published} {post.published} 晚于今天（{as_of}），不得预填{POSTING.published}，请填写实际公开的日期。",
            f"The published date {post.published} is after the build date {as_of}; use the real date.",
        )
    if post.published is not None and post.published < post.completed and post.category not in t.announce_ahead:
        yield _on_published(
            codes.PUBLISHED_BEFORE_COMPLETED,
            post,
            f"{POSTING.published} {post.published} 早于{POSTING.completed} {post.completed}，请核对两个日期；"
            f"“{post.category}”类如需事前公告，须在 site_config.yml 的 timeliness.announce_ahead 中登记。",
            f"Published {post.published} before completion {post.completed}; check both dates. A category that "
            "announces ahead must be listed in `timeliness.announce_ahead`.",
        )


def _importance(post: Posting, t: Timeliness) -> Iterator[Problem]:
    """An item of a category that is important by default may be ordinary only with a reason and an approver."""
    if post.importance != "一般事项" or post.category not in t.important_categories:
        return
    where = post.where("importance")
    if post.importance_reason and post.importance_approver:
        reason = re.sub(r"[。;;.\s]+$", "", post.importance_reason)
        yield problem(
            codes.IMPORTANCE_LOWERED,
            where,
            f"“{post.category}”默认是重要事项，本条定为一般事项（已说明）：{reason}；批准人：{post.importance_approver}。"
            "本条计入检查考核的“降为一般事项”数。",
            f"{post.category} is important by default; this item is ordinary, explained: {post.importance_reason}; "
            f"approved by {post.importance_approver}. It is counted in the compliance report.",
            key="importance",
            label=label_of(Posting, "importance"),
        )
        return
    yield problem(
        codes.IMPORTANCE_UNEXPLAINED,
        where,
        f"“{post.category}”默认是重要事项（site_config.yml 的 timeliness.important_categories），办结后须按时公开。"
        "确属一般事项的，请在 importance_reason 写明理由，并由负责人在 importance_approver 签批；否则改为重要事项。",
        f"{post.category} is important by default (`timeliness.important_categories`). To make it ordinary, give "
        "`importance_reason` and `importance_approver`; otherwise set `importance` back to important.",
        key="importance",
        label=label_of(Posting, "importance"),
    )


def _late(v: Verdict, as_of: dt.date) -> Problem:
    post, rule, due = v.post, v.rule, v.due
    assert rule is not None and due is not None
    start_zh, start_en = (
        (f"{POSTING.completed}", "completed") if post.counted_from == post.completed else ("最早决定日期", "decided")
    )
    how = f"{start_zh} {post.counted_from} {due.how('zh')} = 最迟{POSTING.published} {due.due}"
    how_en = f"{start_en} {post.counted_from} {due.how('en')} = due {due.due}"
    basis = f"（依据：{rule.basis}）" if rule.basis else ""
    basis_en = f" (basis: {rule.basis})" if rule.basis else ""
    if v.state == "late":
        return _on_published(
            codes.LATE,
            post,
            f"{post.importance}办结后 {period(rule.days, rule.unit)}内必须公开{basis}：{how}，实际{POSTING.published} {post.published}，"
            f"逾期 {v.days_late} 日。请核对日期；确属逾期的，在 late_reason 写明原因和整改措施，并由负责人在 late_approver 签批。",
            f"Published late{basis_en}: {how_en}, published {post.published}, {v.days_late} day(s) late. "
            "Check the dates; if it was late, explain it in `late_reason` with an approver in `late_approver`.",
        )
    return _on_published(
        codes.OVERDUE,
        post,
        f"{post.importance}已办结但尚未公开{basis}：{how}，截至 {as_of} 已逾期 {v.days_late} 日。请立即公开并填写{POSTING.published}。",
        f"Completed but unpublished{basis_en}: {how_en}; {v.days_late} day(s) overdue on {as_of}. "
        "Publish it and fill in `published`.",
    )


def _explained(v: Verdict) -> Problem:
    """A late posting whose delay was explained and approved: listed, no longer blocking."""
    post = v.post
    assert post.late_reason is not None
    reason = re.sub(r"[。;;.\s]+$", "", post.late_reason)
    return _on_published(
        codes.LATE_EXPLAINED,
        post,
        f"逾期 {v.days_late} 日公开（已说明）：{reason}；批准人：{post.late_approver}。本条计入检查考核的逾期公开数。",
        f"Published {v.days_late} day(s) late, explained: {post.late_reason}; approved by {post.late_approver}. "
        "It still counts as late in the compliance report.",
    )


def _year_missing(post: Posting, year: int) -> Problem:
    return on_field(
        codes.CALENDAR_YEAR_MISSING,
        post,
        "completed",
        f"按工作日计算公开时限需要 {year} 年的节假日安排，内置日历没有这一年，不能猜测。请按国务院办公厅通知编写 {year} 年的日历文件，"
        "并在 site_config.yml 的 timeliness.calendar 中登记。",
        f"Counting working days needs the {year} holiday calendar, which is not shipped and is never guessed; "
        f"write a {year} calendar file from the State Council notice and list it in `timeliness.calendar`.",
    )


def backdating(content: Content, config: SiteConfig, history: History) -> Iterator[Problem]:
    """A declared published date well before the item first appeared in git is a faked posting date."""
    t = config.timeliness
    if history.skipped is not None:
        yield _skipped(config, history)
        return
    if history.since_unknown:
        yield problem(
            codes.BACKDATING_SINCE_UNKNOWN,
            t.where("backdating_since"),
            f"找不到提交 {t.backdating_since}；请写日期（YYYY-MM-DD）或本仓库主分支上的提交编号。",
            f"Commit {t.backdating_since} not found; give a date (YYYY-MM-DD) or a commit on the main branch.",
            key="timeliness.backdating_since",
            label=label_of(Timeliness, "backdating_since"),
        )
        return
    overrides = {o.file: o for o in t.backdating_overrides}
    posts = {p.loc.file: p for p in content.postings}
    for name, entry in overrides.items():
        if name not in posts:
            yield problem(
                codes.OVERRIDE_UNKNOWN_FILE,
                entry.where("file"),
                f"{TIMELINESS.backdating_overrides}中的文件 {name} 不是一条公开信息；请写检查结果中显示的路径，如 content/czj/postings/…yml。",
                f"The override names {name}, which is not a posting; use the path shown in check messages.",
                key="timeliness.backdating_overrides.file",
                label=label_of(BackdatingOverride, "file"),
            )
    for post in content.postings:
        if post.published is None:
            continue
        path = (content.root.parent / post.loc.file).resolve()
        value, added = history.introduced.get(path, (None, None))
        if value != post.published.isoformat():
            continue  # not committed yet: this published date is not on the main branch
        assert added is not None
        if added.commit in history.imported or (t.since_date and added.date <= t.since_date):
            continue  # history imported in bulk
        early = (added.date - post.published).days
        if early <= t.backdating_tolerance_days:
            continue
        override = overrides.get(post.loc.file)
        if override is not None:
            yield _overridden(post, override, added.date, early)
            continue
        yield _on_published(
            codes.BACKDATED,
            post,
            f"{POSTING.published} {post.published} 比这一{POSTING.published}提交到主分支的日期 {added.date} 早 {early} 日"
            f"（允许 {t.backdating_tolerance_days} 日）。{POSTING.published}必须是实际公开的日期，倒填日期属于伪造发稿日期；"
            f"请改为实际{POSTING.published}。确属先在公开栏公开、后录入网站的，请在 site_config.yml 的 "
            "timeliness.backdating_overrides 中登记理由和批准人。如果这是从旧网站或旧系统成批导入的历史信息，"
            "请在 site_config.yml 的 timeliness.backdating_since 写上导入那天的日期（或导入提交的编号），"
            "此前提交的信息不再按提交日期核查。",
            f"Published {post.published} is {early} day(s) before this date first reached the main branch on "
            f"{added.date} (tolerance {t.backdating_tolerance_days}); a backdated posting date is a faked date. "
            "Use the real date, or record an approved exception in `timeliness.backdating_overrides`; for history "
            "imported in bulk, set `timeliness.backdating_since` to the day (or commit) of the import.",
        )


def backdating_by_ledger(shown: Content, config: SiteConfig, ledger: Ledger, goes_live: dt.date) -> Iterator[Problem]:
    """A declared published date well before the item first went live on the target is a faked posting date.

    `shown` is what the ledger's target shows (the audience stage's view for the ledger's audience).
    The ledger is the target's own record; an item it does not know yet goes live at the next publish,
    on `goes_live` at the earliest. Items imported when the ledger began are not judged (存量).
    """
    if ledger.problems:
        return
    t = config.timeliness
    overrides = {o.file: o for o in t.backdating_overrides}
    for post in shown.postings:
        if post.published is None:
            continue
        entry = ledger.first.get(key_of(post))
        if entry is not None and entry.event == "import":
            continue
        went_live = entry.at.date() if entry is not None else goes_live
        early = (went_live - post.published).days
        if early <= t.backdating_tolerance_days:
            continue
        override = overrides.get(post.loc.file)
        if override is not None:
            yield _overridden(post, override, went_live, early, "上线")
            continue
        when = f"在发布记录中首次上线的日期 {went_live}" if entry else f"本次发布上线的日期 {went_live}"
        when_en = f"first went live on {went_live} (publication ledger)" if entry else f"goes live on {went_live}"
        yield _on_published(
            codes.BACKDATED,
            post,
            f"{POSTING.published} {post.published} 比本条{when} 早 {early} 日（允许 {t.backdating_tolerance_days} 日）。"
            f"{POSTING.published}必须是实际公开的日期，倒填日期属于伪造发稿日期；请改为实际{POSTING.published}。确属先在公开栏公开、"
            "后录入网站的，请在 site_config.yml 的 timeliness.backdating_overrides 中登记理由和批准人。",
            f"Published {post.published} is {early} day(s) before this item {when_en} "
            f"(tolerance {t.backdating_tolerance_days}); a backdated posting date is a faked date. "
            "Use the real date, or record an approved exception in `timeliness.backdating_overrides`.",
        )


def _overridden(post: Posting, override: BackdatingOverride, added: dt.date, early: int, what: str = "提交") -> Problem:
    return _on_published(
        codes.BACKDATING_OVERRIDE,
        post,
        f"{TIMELINESS.backdating_overrides}（已批准）：{POSTING.published} {post.published} 比{what}日期 {added} 早 {early} 日；"
        f"理由：{override.reason}；批准人：{override.approver}。",
        f"Approved exception: published {post.published} is {early} day(s) before the first commit on {added}; "
        f"reason: {override.reason}; approved by: {override.approver}.",
    )


SKIPPED = {
    "no-git": ("找不到 git 命令", "git is not installed"),
    "not-a-repo": ("内容不在 git 仓库中", "the content is not in a git checkout"),
    "shallow": (
        "这是浅克隆，缺少完整历史（CI 中请设置 fetch-depth: 0）",
        "this is a shallow clone without full history (set fetch-depth: 0 in CI)",
    ),
}


def _skipped(config: SiteConfig, history: History) -> Problem:
    assert history.skipped is not None
    zh, en = SKIPPED[history.skipped]
    return problem(
        codes.BACKDATING_SKIPPED,
        config.timeliness.loc if config.timeliness.loc.file else config.loc,
        f"{zh}，未检查{POSTING.published}是否倒填（伪造发稿日期）。",
        f"Backdated posting dates were not checked: {en}.",
    )
