"""A department's 公开目录: each entry's catalogue metadata in its row, and filters that work in a browser
and are not needed without one (the page lists everything; the filter form stays hidden)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.domain.pages import catalogue_of, page_of, relative_url
from generator.model import Disclosure, Posting, Procedure, table_label
from generator.pages.context import Context
from generator.pages.tree import site_pages

from . import test_typed
from .browser import chromium, serving


class Rows(HTMLParser):
    """Each table row of a page: its attributes and its cells' text (and the first link's address)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[dict[str, str | None], list[str], str]] = []
        self._cell: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((dict(attrs), [], ""))
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and self.rows and not self.rows[-1][2]:
            attrs_, cells, _ = self.rows[-1]
            self.rows[-1] = (attrs_, cells, dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1][1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rows_of(page: str) -> list[tuple[dict[str, str | None], list[str], str]]:
    parser = Rows()
    parser.feed(page)
    return parser.rows


example = test_typed.example
"""The example district, checked once per module."""


def entries(site: Context) -> Iterator[tuple[str, str, Disclosure]]:
    for dept in site.departments:
        for item in [*site.own_matters(dept.id), *site.postings_of(dept.id)]:
            yield catalogue_of(dept), dept.name, item


def test_each_row_carries_the_entrys_catalogue_metadata_and_facets(example: Context) -> None:
    pages = site_pages(example, {})
    seen = 0
    for path, subject, item in entries(example):
        page = pages[path]
        assert f"公开主体均为{subject}" in page
        link = relative_url(page_of(item), path)
        rows = rows_of(page)
        at = next(i for i, row in enumerate(rows) if row[2] == link)
        head = next(cells for _, cells, _ in reversed(rows[:at]) if cells[:1] == ["索引号"])
        attrs, cells, _ = rows[at]
        shown = dict(zip(head, cells, strict=True))
        assert shown["索引号"] == example.index_no(item)
        assert shown["公开时限"] == item.time_limit
        assert shown["公开渠道和载体"] == "、".join(item.channels_shown)
        assert (shown["公开对象"], shown["公开方式"]) == (item.audience, item.mode)
        assert attrs["data-audience"] == item.audience and attrs["data-mode"] == item.mode
        assert attrs["data-channel"] == "|".join(item.channels)
        if isinstance(item, Posting):
            assert shown["类别"] == attrs["data-category"] == item.category
            assert attrs["data-year"] == str((item.published or item.completed).year)
            typed = [table_label(key) for key, _ in item.tables()]
            assert attrs["data-type"] == "|".join(["热点公开信息", *typed])
        else:
            assert isinstance(item, Procedure)
            assert attrs["data-category"] == item.type and attrs["data-type"] == "办事指南"
        seen += 1
    assert seen >= len(example.postings)


@pytest.mark.slow
def test_the_filters_narrow_the_rows_in_a_browser_and_the_page_is_complete_without_script(built_site: Path) -> None:
    with serving(built_site) as base, chromium() as browser:
        plain = browser.new_context(java_script_enabled=False).new_page()
        plain.goto(base + "catalogue/czj/")
        assert plain.locator("form[data-dz-filter]").is_hidden()
        everything = plain.locator("tr[data-dz-row]")
        assert everything.count() == 3 and all(everything.nth(i).is_visible() for i in range(3))

        for width in (390, 1366):
            page = browser.new_page(viewport={"width": width, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e, found=errors: found.append(str(e)))
            page.goto(base + "catalogue/czj/")
            form = page.locator("form[data-dz-filter]")
            assert form.is_visible()
            assert page.locator("[data-dz-count]").inner_text() == "显示 3 条，共 3 条。"
            category = page.locator("select[data-key=category]")
            assert category.locator("option").all_inner_texts() == ["全部", "公共服务", "其他审批", "政府采购"]
            category.select_option("政府采购")
            assert page.locator("[data-dz-count]").inner_text() == "显示 1 条，共 3 条。"
            visible = page.locator("tr[data-dz-row]:visible")
            assert visible.count() == 1 and "政府采购中标公告" in visible.inner_text()
            assert page.locator("table.dz-catalogue").first.is_hidden()  # the guides' list, now empty
            page.locator("select[data-key=type]").select_option("办事指南")
            assert page.locator("[data-dz-count]").inner_text() == "显示 0 条，共 3 条。"
            form.locator("button[type=reset]").click()
            page.wait_for_function("document.querySelector('[data-dz-count]').textContent.startsWith('显示 3')")
            assert page.locator("tr[data-dz-row]:visible").count() == 3
            box = form.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width  # the form fits the screen
            assert errors == []
            page.close()
