"""The site's lists: the home page, departments, matters, hotspots (by category, long ones in pages, and by
department), withdrawn items, the fee catalogue, the 公开目录, the 公开指南 and the site map. Pure: the context
in, Markdown out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from ..domain import pages as urls
from ..domain.deadlines import policy_sentences
from ..domain.pages import catalogue_of, page_numbered
from .context import Context, newest_first
from .environment import page
from .opendata import FEED

T = TypeVar("T")

LATEST = 8
"""Newest postings on the home page."""
PAGE_ROWS = 200
"""Rows on one page of a long list (公开目录, 热点公开 by category): a page no longer grows with the district."""


def paged(first: str, items: list[T]) -> list[tuple[str, list[T]]]:
    """`items` cut into pages of PAGE_ROWS (see domain.pages.page_numbered for their paths); always at least one page."""
    chunks = [items[i : i + PAGE_ROWS] for i in range(0, len(items), PAGE_ROWS)] or [[]]
    return [(page_numbered(first, n), chunk) for n, chunk in enumerate(chunks, start=1)]


def list_pages(site: Context) -> Iterator[tuple[str, str]]:
    """(path, Markdown) of every list page."""
    latest = site.current(newest_first(list(site.postings)))[:LATEST]
    yield urls.HOME, page(site, urls.HOME, "index.md.j2", latest=latest)
    yield urls.DEPARTMENTS, page(site, urls.DEPARTMENTS, "departments.md.j2")
    yield urls.MATTERS, page(site, urls.MATTERS, "matters.md.j2")
    by_category = [
        (cat, site.current(newest_first([p for p in site.postings if p.category == cat])))
        for cat in site.config.category_names
    ]
    by_category = [(cat, posts) for cat, posts in by_category if posts]
    yield urls.HOTSPOTS, page(site, urls.HOTSPOTS, "hotspots.md.j2", by_category=by_category)
    for cat, posts in by_category:
        listed = paged(site.category_page(cat), posts)
        numbered = [p for p, _ in listed]
        for path, chunk in listed:
            yield path, page(site, path, "hotspots_category.md.j2", category=cat, postings=chunk, numbered=numbered)
    yield urls.HOTSPOTS_BY_DEPARTMENT, page(site, urls.HOTSPOTS_BY_DEPARTMENT, "hotspots_by_department.md.j2")
    yield urls.WITHDRAWN, page(site, urls.WITHDRAWN, "withdrawn.md.j2", items=site.withdrawn())
    yield urls.FEES, page(site, urls.FEES, "fees.md.j2")
    yield urls.CATALOGUE, page(site, urls.CATALOGUE, "catalogue.md.j2")
    for dept in site.departments:
        listed = paged(catalogue_of(dept), site.postings_of(dept.id))
        numbered = [p for p, _ in listed]
        for n, (path, chunk) in enumerate(listed):
            matters = site.own_matters(dept.id) if n == 0 else []
            yield (
                path,
                page(
                    site,
                    path,
                    "catalogue_department.md.j2",
                    dept=dept,
                    matters=matters,
                    postings=chunk,
                    numbered=numbered,
                ),
            )
    yield (
        urls.GUIDE,
        page(
            site,
            urls.GUIDE,
            "guide.md.j2",
            datasets=site.datasets(),
            feed=FEED,
            deadline_sentences=policy_sentences(site.config.timeliness),
        ),
    )
    yield urls.SITEMAP, page(site, urls.SITEMAP, "sitemap.md.j2")
