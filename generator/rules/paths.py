"""Every address on the site is claimed once: two items may not map to one page or one published file, whatever
their kind or register (department gt + matter zy-x and department gt-zy + matter x both give matters/gt-zy-x/;
a normative document czj + piao-ju-x and czj-piao + ju-x both give registers/documents/czj-piao-ju-x/).

Addresses come from domain/pages.py, the one place that gives them; pages are compared by the URL mkdocs
gives them (a.md and a/index.md are one address). Checked with the other rules, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..domain.pages import (
    attachment_of,
    board_of,
    catalogue_of,
    chart_of,
    inspections_page,
    md_to_url,
    page_of,
)
from ..model import Attachment, Posting, Procedure, Record, files_of
from ..problems import Problem, problem


def claims(content: Content) -> Iterator[tuple[str, Record]]:
    """(address, the record that claims it) for every page and published file an item of the content has."""
    for dept in content.departments:
        for page in (page_of(dept), board_of(dept), catalogue_of(dept), inspections_page(dept.id)):
            yield md_to_url(page), dept
    for item in (*content.procedures, *content.postings, *content.registers.documents):
        yield md_to_url(page_of(item)), item
    for proc in content.procedures:
        yield chart_of(proc), proc
    owners: tuple[Procedure | Posting, ...] = (*content.procedures, *content.postings)
    for owner in owners:
        for att in files_of(owner):
            yield attachment_of(owner, att), att


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    by_address: dict[str, list[Record]] = {}
    for address, record in claims(content):
        by_address.setdefault(address, []).append(record)
    told: set[frozenset[int]] = set()  # a matter's page and its flowchart clash together: one problem per pair
    for address, same in by_address.items():
        group = frozenset(map(id, same))
        if len(same) > 1 and group not in told:
            told.add(group)
            yield from _clash(address, same)


def _clash(address: str, same: list[Record]) -> Iterator[Problem]:
    for record in same:
        others = "、".join(_named(o) for o in same if o is not record)
        yield problem(
            codes.PAGE_CLASH,
            record.where("path") if isinstance(record, Attachment) else record.loc,
            f"本项与 {others} 会发布到同一个地址（{address}），其中一个会被另一个覆盖；请改名其中一个文件"
            "（部门目录名和文件名中的连字符会连在一起，附件以文件名发布）。",
            f"This and {others} would both be published at {address}; one would replace the other. Rename one.",
            key="path" if isinstance(record, Attachment) else "",
        )


def _named(record: Record) -> str:
    """How a clashing item is named in a message: its file (and line, for an attachment)."""
    if isinstance(record, Attachment):
        where = record.where("path")
        return f"{where.file} 第 {where.line} 行的附件 {record.path}"
    return record.loc.file
