"""Withdrawal, not deletion (the item lifecycle): a published matter or posting is withdrawn by a `withdrawn`
block (date, reason, approver, optionally the item that replaces it); its page stays. Deleting or renaming
the file of an item the publication ledger knows as published is refused, with how to withdraw it instead;
so is writing another item into its file (ledger.Identity says what makes an item another).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..gitdates import History, identity_of
from ..ledger import IDENTITY, Ledger, file_of_key, items, key_of, key_of_file, same_item
from ..model import Disclosure, Posting, Procedure, Record, Withdrawal
from ..problems import Loc, Problem, on_field, problem
from ..registers.model import NormativeDocument
from ..schema import Labels, label_of
from ..workdays import YearMissing, deadline

DISCLOSURE = Labels(Disclosure)
NORMATIVE_DOCUMENT = Labels(NormativeDocument)
POSTING = Labels(Posting)
PROCEDURE = Labels(Procedure)
WITHDRAWAL = Labels(Withdrawal)


def withdrawable(content: Content) -> Iterator[Procedure | Posting]:
    yield from content.procedures
    yield from content.postings


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    known = {(type(i), i.department, i.id) for i in withdrawable(content)}
    for item in withdrawable(content):
        w = item.withdrawn
        if w is None:
            continue
        published = item.published if isinstance(item, Posting) else w.date
        if w.date > as_of:
            yield on_field(
                codes.WITHDRAWAL_DATE,
                w,
                "date",
                f"{WITHDRAWAL.date} {w.date} 晚于今天（{as_of}）；请在实际撤回的当天写上撤回信息。",
                f"The withdrawal date {w.date} is after the build date {as_of}; withdraw on the day it happens.",
            )
        elif published is None:
            yield on_field(
                codes.WITHDRAWAL_DATE,
                w,
                "date",
                f"本条还没有{POSTING.published}（尚未公开），不需要撤回：没有公开过的信息可以直接删除文件。",
                "This posting was never published, so there is nothing to withdraw: delete its file instead.",
            )
        elif w.date < published:
            yield on_field(
                codes.WITHDRAWAL_DATE,
                w,
                "date",
                f"{WITHDRAWAL.date} {w.date} 早于{POSTING.published} {published}；只能撤回已经公开的信息，请核对两个日期。",
                f"Withdrawn {w.date} before it was published on {published}; check both dates.",
            )
        if w.changed is not None:
            yield from _changed_decision(w, config)
        target = item.successor
        if target is not None and ((type(item), *target) not in known or target == (item.department, item.id)):
            yield _unknown_successor(item, w)


CHANGED_DAYS = 3
"""行政处罚法 (2021) art. 48: a decision changed, revoked or found unlawful or void is withdrawn within three days,
and art. 85 counts such days as working days."""


def _changed_decision(w: Withdrawal, config: SiteConfig) -> Iterator[Problem]:
    """A withdrawal for a changed or revoked decision is made within 3 working days of the change."""
    assert w.changed is not None
    try:
        due = deadline(config.calendar, w.changed, CHANGED_DAYS, "工作日")
    except YearMissing:
        return  # the calendar rule names the missing year
    if w.date > due.due:
        yield on_field(
            codes.PENALTY_WITHDRAWN_LATE,
            w,
            "date",
            f"行政处罚决定被变更或撤销后应当在3个工作日内撤回并说明理由（《行政处罚法》第四十八条、第八十五条）："
            f"变更或撤销日期 {w.changed} {due.how('zh')} = 最迟{WITHDRAWAL.date} {due.due}，实际{WITHDRAWAL.date} {w.date}，"
            f"逾期 {(w.date - due.due).days} 日。请核对两个日期。",
            f"A changed or revoked penalty decision is withdrawn within 3 working days (Law on Administrative Penalties, "
            "art. 48 and 85): "
            f"changed {w.changed} {due.how('en')} = due {due.due}, withdrawn {w.date}.",
        )


def _unknown_successor(item: Procedure | Posting, w: Withdrawal) -> Problem:
    what = "公开信息（postings/）" if isinstance(item, Posting) else "事项（procedures/）"
    return on_field(
        codes.WITHDRAWAL_SUCCESSOR,
        w,
        "successor",
        f"{WITHDRAWAL.successor} {w.successor} 不是本区的另一条{what}：同一部门写文件名（不含 .yml），其他部门写“部门编号/文件名”；"
        f"没有{WITHDRAWAL.successor}就删去这一行。",
        f"The successor {w.successor} names no other item of the same kind; write its file name (without .yml), "
        "or department/file name for another department, or leave it out.",
    )


def deleted(content: Content, ledger: Ledger) -> Iterator[Problem]:
    """Every item the ledger knows as live whose file is gone (deleted, or renamed away)."""
    if ledger.problems:
        return
    present = {key for name in content.files if (key := key_of_file(name)) is not None}
    folder = content.root.name
    for key, entry in ledger.live_items().items():
        if key in present:
            continue
        name = file_of_key(key, folder)
        went_live = ledger.first[key].at.date()
        number = f"，{DISCLOSURE.index_no} {entry.index_no}" if entry.index_no else ""
        number_en = f", index number {entry.index_no}" if entry.index_no else ""
        yield problem(
            codes.PUBLISHED_DELETED,
            Loc(name),
            f"这条信息（{key}{number}）已于 {went_live} 在网站公开（见发布记录 {ledger.path.name} 第 {entry.seq} 行），"
            "不能删除文件或给文件改名。请恢复这个文件（git restore 或从原提交中取回），要停止公开的，在文件中加上撤回信息："
            f"withdrawn: 下写 date（{WITHDRAWAL.date}）、reason（{WITHDRAWAL.reason}）、approver（{WITHDRAWAL.approver}），有{WITHDRAWAL.successor}的写 successor；"
            f"规范性文件则改写{NORMATIVE_DOCUMENT.status}（status、status_date、status_reason、status_approver）。页面会保留并注明已撤回。",
            f"This item ({key}{number_en}) went live on {went_live} (publication ledger, line {entry.seq}); its file "
            "may not be deleted or renamed. Restore the file; to stop publishing it, add a `withdrawn:` block with "
            "`date`, `reason` and `approver` (and `successor` if another item replaces it); for a normative document, "
            "change its `status` instead. Its page stays, marked as withdrawn.",
        )


def replaced(content: Content, ledger: Ledger) -> Iterator[Problem]:
    """Every file the ledger knows as live that now holds another item (ledger.same_item): the item that went live
    from it would be overwritten; it must be withdrawn, and the new item written into a file of its own."""
    if ledger.problems:
        return
    live = ledger.live_items()
    for item in items(content):
        key = key_of(item)
        entry = live.get(key)
        if entry is None or same_item(entry, item):
            continue
        identity = IDENTITY[type(item)]
        labels = "和".join(label_of(type(item), k) for k in identity.together)
        number = f"，{DISCLOSURE.index_no} {entry.index_no}" if entry.index_no else ""
        yield _overwritten(
            item,
            f"这个文件在发布记录中是另一条已公开的信息（{key}{number}，{ledger.first[key].at.date()} 上线，见发布记录 "
            f"{ledger.path.name} 第 {entry.seq} 行），现在的{labels}都与它不同（或所述的决定、项目、宗地、{PROCEDURE.code}全部换了）",
            f"This file went live as another item ({key}{number}, publication ledger line {entry.seq}); its "
            f"{' and '.join(identity.together)} (or the records it describes) are all different now",
        )


def replaced_in_git(content: Content, history: History) -> Iterator[Problem]:
    """`replaced` where no ledger is given: a posting file whose item went live on the main line now holds another
    item (title and category both changed at once, committed or not, as gitdates.identity_of reads them)."""
    if history.skipped is not None or history.since_unknown:
        return
    for post in content.postings:
        path = (content.root.parent / post.loc.file).resolve()
        live = history.live.get(path)
        if live is None or post.title == live.identity[0] or post.category == live.identity[1]:
            continue  # the same item (the file is read again, as written, only when both look different)
        title, category = identity_of(path.read_text(encoding="utf-8"))
        if title == live.identity[0] or category == live.identity[1]:
            continue
        when = f"（{live.replaced_by.date} 的提交 {live.replaced_by.commit[:8]}）" if live.replaced_by else ""
        yield _overwritten(
            post,
            f"这个文件在主分支上公开的是另一条信息（标题“{live.identity[0]}”，类别“{live.identity[1]}”），"
            f"现在标题和类别都换了{when}",
            f"This file went live on the main branch as another item (title {live.identity[0]!r}, category "
            f"{live.identity[1]!r}); its title and category are both different now",
        )


def _overwritten(item: Record, zh: str, en: str) -> Problem:
    return problem(
        codes.ITEM_REPLACED,
        item.loc,
        f"{zh}：这是另一条信息，不能写进原文件把它覆盖。请恢复原文件（git restore 或从原提交中取回），要停止公开的，"
        "在原文件中加上撤回信息（withdrawn: 下写 date、reason、approver，successor 写新信息的文件名）；"
        f"新信息另建一个文件（disclose new posting），它的{POSTING.published}按新信息核查。",
        f"{en}, so this is another item and may not overwrite it. Restore the file and withdraw the old item "
        "(`withdrawn:` with its `successor`); write the new item into a file of its own, whose date is judged as new.",
    )
