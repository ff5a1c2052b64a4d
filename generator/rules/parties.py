"""The party of a 双公示 decision: what a natural person's record may not carry (domain/parties.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..config import SiteConfig
from ..content import Content
from ..domain.parties import of_posting
from ..problems import Problem


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for post in content.postings:
        yield from of_posting(post)
