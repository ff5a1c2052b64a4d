"""Notice periods (公示期): when a posting's notice ends, how long it lasts, and whether it is running."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..model import Posting
from ..workdays import Calendar, Unit, YearMissing, deadline

State = Literal["公示未开始", "公示中", "公示已结束"]
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Notice:
    """A posting's notice period: first and last day, both included."""

    start: dt.date
    end: dt.date

    def state(self, as_of: dt.date) -> State:
        """Where the period stands on the build date."""
        if as_of < self.start:
            return "公示未开始"
        return "公示中" if as_of <= self.end else "公示已结束"

    def length(self, calendar: Calendar, unit: Unit) -> int:
        """Its length in calendar days or working days, both ends counted; raises YearMissing without the calendar."""
        if unit == "自然日":
            return (self.end - self.start).days + 1
        if self.end < self.start:
            return 0
        return workdays_between(calendar, self.start, self.end)


def workdays_between(calendar: Calendar, start: dt.date, end: dt.date) -> int:
    """Working days from `start` to `end`, both included."""
    count, day = 0, start
    while day <= end:
        count += calendar.is_workday(day)
        day += DAY
    return count


def notice_of(post: Posting, calendar: Calendar) -> Notice | None:
    """The notice period a posting states, or None when it states none (or is not yet published to count from).

    “自发布之日起 N 个工作日” counts the first day when it is a working day. Raises YearMissing without the calendar.
    """
    if post.notice_until is None and post.notice_days is None:
        return None
    start = post.notice_from or post.published
    if start is None:
        return None
    if post.notice_until is not None:
        return Notice(start, post.notice_until)
    assert post.notice_days is not None
    return Notice(start, deadline(calendar, start - DAY, post.notice_days, "工作日").due)


def still_current(post: Posting, calendar: Calendar, as_of: dt.date) -> bool:
    """Whether a posting belongs on current lists: it has no notice period, or its period has not ended."""
    try:
        notice = notice_of(post, calendar)
    except YearMissing:  # a missing holiday year is reported by the rules; the posting stays listed
        return True
    return notice is None or notice.state(as_of) != "公示已结束"
