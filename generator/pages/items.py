"""Each item's own page: a department's page and its bulletin-board sheet (公开栏), a matter's guide with its
flowchart, a posting. Pure: the context in, Markdown out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from markupsafe import Markup

from ..domain.pages import board_of, chart_of, page_of
from .context import Context
from .environment import page


def item_pages(site: Context, svgs: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(path, Markdown) of every department's, matter's and posting's page; `svgs` are the flowcharts by
    `department/id`."""
    for dept in site.departments:
        yield page_of(dept), page(site, page_of(dept), "department.md.j2", dept=dept)
        yield board_of(dept), page(site, board_of(dept), "board.md.j2", dept=dept)
    for proc in site.procedures:
        svg = Markup(svgs.get(f"{proc.department}/{proc.id}", ""))
        yield page_of(proc), page(site, page_of(proc), "matter.md.j2", m=proc, svg=svg, chart=chart_of(proc))
    for post in site.postings:
        yield page_of(post), page(site, page_of(post), "posting.md.j2", p=post, notice=site.notice(post))
