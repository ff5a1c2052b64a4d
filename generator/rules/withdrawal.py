"""Withdrawal, not deletion (the item lifecycle): a published matter or posting is withdrawn by a `withdrawn`
block (date, reason, approver, optionally the item that replaces it); its page stays. Deleting or renaming
the file of an item the publication ledger knows as published is refused, with how to withdraw it instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..ledger import Ledger, file_of_key, key_of_file
from ..model import Disclosure, Posting, Procedure, Withdrawal
from ..problems import Loc, Problem, on_field, problem
from ..registers.model import NormativeDocument
from ..schema import Labels

DISCLOSURE = Labels(Disclosure)
NORMATIVE_DOCUMENT = Labels(NormativeDocument)
POSTING = Labels(Posting)
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
        target = item.successor
        if target is not None and ((type(item), *target) not in known or target == (item.department, item.id)):
            yield _unknown_successor(item, w)


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
