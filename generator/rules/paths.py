"""Every item has its own page: two matters or postings may not map to one address
(department gt + matter zy-x and department gt-zy + matter x both give matters/gt-zy-x/)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..domain.pages import md_to_url, page_of
from ..model import Posting, Procedure
from ..problems import Problem, problem


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    return _clashes([*content.procedures, *content.postings])


def _clashes(items: list[Procedure | Posting]) -> Iterator[Problem]:
    by_page: dict[str, list[Procedure | Posting]] = {}
    for item in items:
        by_page.setdefault(page_of(item), []).append(item)
    for page, same in by_page.items():
        if len(same) < 2:
            continue
        for item in same:
            others = "、".join(o.loc.file for o in same if o is not item)
            yield problem(
                codes.PAGE_CLASH,
                item.loc,
                f"本文件与 {others} 会生成同一个网页（{md_to_url(page)}），其中一个会丢失；"
                "请改名其中一个文件（部门目录名和文件名中的连字符会连在一起）。",
                f"This file and {others} would both be published at {md_to_url(page)}; rename one of them.",
            )
