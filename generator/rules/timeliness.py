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
from ..domain.kinds import start_label
from ..gitdates import History, identity_of
from ..ledger import Ledger, key_of, same_item, short_hash
from ..model import CATEGORIES, Posting
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
    if post.budget is not None:
        yield from _approval_dates(post, post.budget.approved, as_of)
    if post.completed is None or post.blocks():
        return  # a kind with dates of its own has no completion: rules.kinds refuses one written
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


def _approval_dates(post: Posting, approved: dt.date, as_of: dt.date) -> Iterator[Problem]:
    """A budget's 批复日期 is a day that has come, and no publication precedes it."""
    assert post.budget is not None
    label = start_label(post)
    if approved > as_of:
        yield on_field(
            codes.COMPLETED_IN_FUTURE,
            post.budget,
            "approved",
            f"{label} {approved} 晚于今天（{as_of}）：只有已经批复的预决算才能公开，请填写实际批复的日期。",
            f"The approval date {approved} is after the build date {as_of}; use the real date.",
        )
    if post.published is not None and post.published < approved:
        yield _on_published(
            codes.PUBLISHED_BEFORE_COMPLETED,
            post,
            f"{POSTING.published} {post.published} 早于{label} {approved}：预决算经批复后才能公开，请核对两个日期。",
            f"Published {post.published} before the approval on {approved}; check both dates.",
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
    start_zh = start_label(post)
    start_en = "approved" if post.budget else "completed" if post.counted_from == post.completed else "decided"
    how = f"{start_zh} {post.counted_from} {due.how('zh')} = 最迟{POSTING.published} {due.due}"
    how_en = f"{start_en} {post.counted_from} {due.how('en')} = due {due.due}"
    basis = f"（依据：{rule.basis}）" if rule.basis else ""
    basis_en = f" (basis: {rule.basis})" if rule.basis else ""
    if v.state == "late":
        return _on_published(
            codes.LATE,
            post,
            f"{_whose(post)}{_after(post)} {period(rule.days, rule.unit)}内必须公开{basis}：{how}，实际{POSTING.published} {post.published}，"
            f"逾期 {v.days_late} 日。请核对日期；确属逾期的，在 late_reason 写明原因和整改措施，并由负责人在 late_approver 签批。",
            f"Published late{basis_en}: {how_en}, published {post.published}, {v.days_late} day(s) late. "
            "Check the dates; if it was late, explain it in `late_reason` with an approver in `late_approver`.",
        )
    return _on_published(
        codes.OVERDUE,
        post,
        f"{_whose(post)}{'已批复' if post.budget else '已办结'}但尚未公开{basis}：{how}，截至 {as_of} 已逾期 {v.days_late} 日。"
        f"请立即公开并填写{POSTING.published}。",
        f"Completed but unpublished{basis_en}: {how_en}; {v.days_late} day(s) overdue on {as_of}. "
        "Publish it and fill in `published`.",
    )


def _whose(post: Posting) -> str:
    """Who the deadline binds, as a message names it: a budget's kind, else the item's importance."""
    return post.budget.kind if post.budget else post.importance


def _after(post: Posting) -> str:
    return "批复后" if post.budget else "办结后"


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
    """A declared published date well before what the ledger vouches for is a faked posting date, whatever git says.

    `shown` is what the ledger's target shows (the audience stage's view for the ledger's audience). The ledger
    is the target's own record. An item that went live through it (`live`) may not date itself
    before that day; one imported when the ledger began (`import`, the 存量) may not move its date earlier than
    the date it was imported with. An item the ledger does not know yet, or whose file now holds another item
    (ledger.same_item), goes live at the next publish, on `goes_live` at the earliest.
    """
    if ledger.problems:
        return
    t = config.timeliness
    overrides = {o.file: o for o in t.backdating_overrides}
    live = ledger.live_items()
    for post in shown.postings:
        if post.published is None:
            continue
        key = key_of(post)
        entry = ledger.first.get(key)
        if entry is not None and key in live and not same_item(live[key], post):
            entry = None  # another item in the old file: judged as new
        if entry is None:
            floor = goes_live
            when, when_en = f"本条本次发布上线的日期 {floor}", f"this item goes live on {floor}"
        elif entry.event == "import":
            if entry.published is None:
                continue
            floor = entry.published
            when = f"本条首次发布时（发布记录第 {entry.seq} 行，{entry.at.date()}）记录的{POSTING.published} {floor}"
            when_en = f"the date this item was first published with ({floor}, publication ledger line {entry.seq})"
        else:
            floor = entry.at.date()
            when = f"本条在发布记录中首次上线的日期 {floor}"
            when_en = f"this item first went live on {floor} (publication ledger)"
        early = (floor - post.published).days
        if early <= t.backdating_tolerance_days:
            continue
        override = overrides.get(post.loc.file)
        if override is not None:
            yield _overridden(
                post,
                override,
                floor,
                early,
                "上线" if entry is None or entry.event != "import" else "首次发布时记录的公开",
            )
            continue
        yield _on_published(
            codes.BACKDATED,
            post,
            f"{POSTING.published} {post.published} 比{when} 早 {early} 日（允许 {t.backdating_tolerance_days} 日）。"
            f"{POSTING.published}必须是实际公开的日期，公开后只能改晚、不能改早，倒填日期属于伪造发稿日期；"
            f"请改为实际{POSTING.published}。确属先在公开栏公开、后录入网站的，或原日期确有错误的，请在 site_config.yml 的 "
            "timeliness.backdating_overrides 中登记理由和批准人，更正会列入修订记录。",
            f"Published {post.published} is {early} day(s) before {when_en} "
            f"(tolerance {t.backdating_tolerance_days}); once published, a date may move later, never earlier: a "
            "backdated posting date is a faked date. Use the real date, or record an approved correction in "
            "`timeliness.backdating_overrides`.",
        )


def relabelled_by_ledger(content: Content, config: SiteConfig, ledger: Ledger) -> Iterator[Problem]:
    """A posting whose category differs from the one it first went live with (per the ledger) needs a reason and an
    approver, as lowering its importance does: a new category can change its deadline and how it is counted."""
    if ledger.problems:
        return
    live = ledger.live_items()
    named = {short_hash(c): c for c in CATEGORIES}
    for post in content.postings:
        key = key_of(post)
        first = ledger.first.get(key)
        was = first.fields.get("category") if first is not None else None
        if was is None or key not in live or not same_item(live[key], post) or was == short_hash(post.category):
            continue  # unknown, not live, another item (item-replaced), or unchanged
        yield _relabelled(post, named.get(was))


def relabelled(content: Content, history: History) -> Iterator[Problem]:
    """relabelled_by_ledger where no ledger is given: the category the file had when its `published` date first
    reached the main line (or at the end of history imported in bulk), as written there."""
    if history.skipped is not None or history.since_unknown:
        return
    for post in content.postings:
        path = (content.root.parent / post.loc.file).resolve()
        live = history.live.get(path)
        if live is None or live.category is None or post.category == live.category:
            continue  # the parsed value is as written for a category: the file is read again only to be sure
        title, category = identity_of(path.read_text(encoding="utf-8"))
        if title != live.identity[0] and category != live.identity[1]:
            continue  # another item: item-replaced
        if category is not None and category != live.category:
            yield _relabelled(post, live.category)


def _relabelled(post: Posting, before: str | None) -> Problem:
    was = f"“{before}”" if before else "原类别"
    if post.category_reason and post.category_approver:
        reason = re.sub(r"[。;；.\s]+$", "", post.category_reason)
        return on_field(
            codes.CATEGORY_CHANGE_APPROVED,
            post,
            "category",
            f"本条公开后类别由{was}改为“{post.category}”（已说明）：{reason}；批准人：{post.category_approver}。"
            "本条列入检查考核报告。",
            f"The category changed after publication from {before or 'the original'} to {post.category}, explained: "
            f"{post.category_reason}; approved by {post.category_approver}.",
        )
    return on_field(
        codes.CATEGORY_CHANGED,
        post,
        "category",
        f"本条公开时的类别是{was}，公开后改为“{post.category}”。改类别会改变公开时限和统计口径，与把重要事项定为一般事项一样："
        "确需改的，请在 category_reason 写明理由，并由负责人在 category_approver 签批；否则请改回原类别。",
        f"This item went live as {before or 'another category'} and is now {post.category}. A category changed after "
        "publication needs `category_reason` and `category_approver`, as lowering its importance does; otherwise "
        "change it back.",
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
