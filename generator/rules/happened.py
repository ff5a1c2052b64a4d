"""Dates that record what has already happened (a decision, an award, a deal, an approval, an inspection, an
answer) are never after the build date, in any typed row or register record; nor is the start of a notice
period that is already published. A posting's own completion and publication dates are judged in timeliness.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content, records
from ..model import DATED, Posting, Record
from ..problems import Problem, on_field
from ..registers.model import DisclosureRequest, Extension, Filing, Inspection, InspectionPlan, LegalityReview
from ..schema import fields_of, label_of

HAPPENED: dict[type, tuple[str, ...]] = {
    **{kind: (key,) for kind, key in DATED.items()},
    Inspection: ("date",),
    InspectionPlan: ("approved",),
    LegalityReview: ("date",),
    Filing: ("date",),
    Extension: ("notified",),
    DisclosureRequest: ("corrected", "answered"),
}
"""Each record kind's dates of things done (typed rows: the date their deadline counts from, model.DATED)."""


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for record in records(content):
        yield from _nested(record, as_of)
        started = record.notice_from if isinstance(record, Posting) and record.published is not None else None
        if started is not None and started > as_of:
            assert isinstance(record, Posting)
            yield _future(record, "notice_from", started, as_of, "已公开的公示从公开之日起算，")


def _nested(record: Record, as_of: dt.date) -> Iterator[Problem]:
    """The record's dates of things done, and those of every record inside it."""
    for key in HAPPENED.get(type(record), ()):
        day = getattr(record, key)
        if day is not None and day > as_of:
            yield _future(record, key, day, as_of)
    for info in fields_of(type(record)):
        value = getattr(record, info.key)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Record):
                yield from _nested(item, as_of)


def _future(record: Record, key: str, day: dt.date, as_of: dt.date, why: str = "") -> Problem:
    label = label_of(type(record), key)
    return on_field(
        codes.DATE_IN_FUTURE,
        record,
        key,
        f"{label} {day} 晚于今天（{as_of}）：{why}只能填写已经发生的日期，不得预填；请填写实际日期，尚未发生的不要登记。",
        f"{key} {day} is after the build date {as_of}: only a date that has passed may be given; use the real date.",
    )
