"""Requests for government information: answered within the statutory working days (see
domain.requests for how the period is counted), results recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..domain.requests import Due, due_of
from ..problems import Problem, on_field
from ..registers.model import DisclosureRequest
from ..schema import Labels
from ..workdays import Calendar, Deadline

DISCLOSURE_REQUEST = Labels(DisclosureRequest)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for req in content.registers.requests:
        yield from _request(req, config.calendar, as_of)


def _request(req: DisclosureRequest, calendar: Calendar, as_of: dt.date) -> Iterator[Problem]:
    if req.received > as_of:
        yield on_field(
            codes.REQUEST_DATES,
            req,
            "received",
            f"{DISCLOSURE_REQUEST.received} {req.received} 晚于今天（{as_of}），请核对。",
            f"Received {req.received} is after the build date {as_of}.",
        )
    if req.corrected is not None and req.corrected < req.received:
        yield on_field(
            codes.REQUEST_DATES,
            req,
            "corrected",
            f"{DISCLOSURE_REQUEST.corrected} {req.corrected} 早于{DISCLOSURE_REQUEST.received} {req.received}，请核对。",
            f"The correction ({req.corrected}) was received before the request ({req.received}).",
        )
    if req.answered is not None and req.answered < req.received:
        yield on_field(
            codes.REQUEST_DATES,
            req,
            "answered",
            f"{DISCLOSURE_REQUEST.answered} {req.answered} 早于{DISCLOSURE_REQUEST.received} {req.received}，请核对。",
            f"Answered {req.answered} before it was received ({req.received}).",
        )
    if (req.answered is None) != (req.result is None):
        missing = "result" if req.result is None else "answered"
        yield on_field(
            codes.REQUEST_RESULT,
            req,
            missing,
            f"{DISCLOSURE_REQUEST.answered}和{DISCLOSURE_REQUEST.result}要一起填写：已答复的两项都写，尚未答复的两项都不写。",
            "Give both the answer date and the result once answered, neither before.",
        )
    due = due_of(req, calendar)
    if due is None:
        return
    if req.extension is not None and req.extension.days > due.limit.extension:
        yield on_field(
            codes.REQUEST_EXTENSION,
            req.extension,
            "days",
            f"{DISCLOSURE_REQUEST.extension}最长不得超过 {due.limit.extension} 个工作日（{due.limit.basis}），这里写了 {req.extension.days} 个。",
            f"An extension may not exceed {due.limit.extension} working days ({due.limit.basis}).",
        )
    if due.deadline is None:
        yield on_field(
            codes.REQUEST_NO_CALENDAR,
            req,
            "received",
            f"工作日历中没有 {due.missing_year} 年，无法计算答复期限；请在 site_config.yml 的 timeliness.calendar "
            f"中加入 {due.missing_year} 年的节假日安排。",
            f"The working-day calendar has no year {due.missing_year}; add it to compute the answer deadline.",
        )
        return
    yield from _overdue(req, due, due.deadline, as_of)


def _overdue(req: DisclosureRequest, due: Due, d: Deadline, as_of: dt.date) -> Iterator[Problem]:
    what = f"{DISCLOSURE_REQUEST.corrected}" if req.corrected else f"{DISCLOSURE_REQUEST.received}"
    ext = f"（含延长 {req.extension.days} 个工作日）" if req.extension else ""
    how = (
        f"{what} {due.start} {d.how('zh')}{ext} = 最迟{DISCLOSURE_REQUEST.answered} {d.due}（依据：{due.limit.basis}）"
    )
    how_en = f"{due.start} {d.how('en')} = due {d.due} ({due.limit.basis})"
    if req.answered is not None and req.answered > d.due:
        yield on_field(
            codes.REQUEST_OVERDUE,
            req,
            "answered",
            f"逾期答复：{how}，实际{DISCLOSURE_REQUEST.answered} {req.answered}，逾期 {(req.answered - d.due).days} 日。",
            f"Answered late: {how_en}, answered {req.answered}.",
        )
    elif req.answered is None and as_of > d.due:
        yield on_field(
            codes.REQUEST_OVERDUE,
            req,
            "received",
            f"逾期未答复：{how}，截至 {as_of} 已逾期 {(as_of - d.due).days} 日。请立即答复并填写{DISCLOSURE_REQUEST.answered}和{DISCLOSURE_REQUEST.result}。",
            f"Unanswered past its deadline: {how_en}; {(as_of - d.due).days} day(s) overdue on {as_of}.",
        )
