"""Audiences (policy 二(二)5): anything not for the whole public says why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..config import SiteConfig
from ..content import Content
from ..model import Disclosure
from ..problems import Problem, problem


def disclosed_items(content: Content) -> Iterator[Disclosure]:
    yield from content.departments
    yield from content.procedures
    yield from content.postings


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for item in disclosed_items(content):
        if item.audience != "社会公开" and not item.exemption:
            yield problem(
                "exemption-required",
                item.where("audience"),
                f"公开对象为“{item.audience}”时,必须填写不予社会公开的理由及依据(exemption)。",
                f"Audience {item.audience} needs an exemption reason.",
                key="exemption",
                label="不予社会公开理由",
            )
