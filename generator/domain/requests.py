"""When a request for government information must be answered, and how that is counted.

The answer period is the one of the regulation in force on the day the request was received:
15 working days, extendable by 15, under the 2007 regulation (Art. 24); 20, extendable by 20,
under the 2019 one (Art. 33), in force from 2019-05-15. Counting starts the day after the
request (or its correction) was received, on the working-day calendar. The rules judge requests
by it, the 公开指南 states it and the 依申请公开 register shows each request's due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..registers.model import DisclosureRequest
from ..workdays import Calendar, Deadline, YearMissing, deadline


@dataclass(frozen=True)
class AnswerLimit:
    """The answer period of one version of the regulation."""

    since: dt.date
    days: int
    extension: int
    basis: str


LIMITS = (
    AnswerLimit(dt.date(2008, 5, 1), 15, 15, "《政府信息公开条例》（2007）第二十四条"),
    AnswerLimit(dt.date(2019, 5, 15), 20, 20, "《政府信息公开条例》（2019）第三十三条"),
)


def limit_for(received: dt.date) -> AnswerLimit | None:
    """The answer period in force on the day a request was received (None before the regulation)."""
    return next((lim for lim in reversed(LIMITS) if received >= lim.since), None)


@dataclass(frozen=True)
class Due:
    """When a request must be answered, and how that was counted."""

    limit: AnswerLimit
    start: dt.date
    deadline: Deadline | None
    missing_year: int = 0


def due_of(req: DisclosureRequest, calendar: Calendar) -> Due | None:
    """The answer deadline of a request, extension included; None before the regulation existed."""
    limit = limit_for(req.received)
    if limit is None:
        return None
    start = req.corrected or req.received
    days = limit.days + (req.extension.days if req.extension else 0)
    try:
        return Due(limit, start, deadline(calendar, start, days, "工作日"))
    except YearMissing as gap:
        return Due(limit, start, None, gap.year)


@dataclass(frozen=True)
class RequestRow:
    """One request as the public sees it: no subject, the due date as counted."""

    req: DisclosureRequest
    due: dt.date | None
    how: str


def request_rows(requests: Sequence[DisclosureRequest], calendar: Calendar) -> list[RequestRow]:
    """Every request with its due date and how it was counted, in the order they were received."""
    rows = []
    for req in sorted(requests, key=lambda r: (r.received, r.department, r.id)):
        due = due_of(req, calendar)
        deadline = due.deadline if due else None
        how = f"{due.start} {deadline.how('zh')}（依据：{due.limit.basis}）" if due and deadline else ""
        rows.append(RequestRow(req, deadline.due if deadline else None, how))
    return rows
