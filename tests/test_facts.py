"""Nothing invented: what a clerk did not give is shown as not given, never as a guess."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from generator import pipeline
from generator.model import Procedure
from generator.render import Site, page_of, render_pages
from generator.template import template_for
from generator.text import NOT_GIVEN

from .conftest import AS_OF, GOOD


class Cells(HTMLParser):
    """The text of every table row on a page, row by row."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def rows_of(page: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(page)
    return parser.rows


@pytest.fixture(scope="module")
def view() -> Site:
    checked = pipeline.check(GOOD / "site_config.yml", AS_OF)
    assert checked.content is not None and checked.config is not None
    return Site(checked.content, checked.config, AS_OF)


def page_with(view: Site, proc: Procedure) -> str:
    content = dataclasses.replace(view.content, procedures=(proc,))
    return render_pages(Site(content, view.config, AS_OF), {})[page_of(proc)]


def test_a_material_without_form_copies_or_source_shows_them_as_not_given(view: Site) -> None:
    proc = view.procedures[0]
    material = dataclasses.replace(proc.materials[0], form=None, copies=None, source=None)
    page = page_with(view, dataclasses.replace(proc, materials=(material,)))
    row = next(r for r in rows_of(page) if material.name in r)
    assert row[2:] == [NOT_GIVEN, NOT_GIVEN, NOT_GIVEN]
    assert "申请人自备" not in page and "原件" not in row


def test_a_material_with_its_facts_shows_them(view: Site) -> None:
    proc = view.procedures[0]
    material = dataclasses.replace(proc.materials[0], form="复印件", copies=2, source="发证机关")
    page = page_with(view, dataclasses.replace(proc, materials=(material,)))
    assert next(r for r in rows_of(page) if material.name in r)[2:] == ["复印件", "2", "发证机关"]


def test_charged_without_a_published_standard_is_never_shown_as_free(view: Site) -> None:
    proc = view.procedures[0]
    steps = tuple(dataclasses.replace(s, fee=None) for s in proc.steps)
    page = page_with(view, dataclasses.replace(proc, charged="收费", fees=(), steps=steps))
    assert "收费标准和依据未公布" in page
    assert "不收费" not in page


def test_not_charged_says_so(view: Site) -> None:
    proc = view.procedures[0]
    steps = tuple(dataclasses.replace(s, fee=None) for s in proc.steps)
    page = page_with(view, dataclasses.replace(proc, charged="不收费", fees=(), steps=steps))
    assert "本事项不收费" in page


def test_a_statutory_limit_not_given_is_not_shown_as_none(view: Site) -> None:
    page = page_with(view, dataclasses.replace(view.procedures[0], statutory_days=None))
    assert ["法定时限", NOT_GIVEN] in rows_of(page)


def test_the_procedure_template_leaves_choices_blank_and_marks_samples() -> None:
    text = template_for("procedure")
    assert re.search(r"^charged: *$", text, re.M), "whether a matter charges is the clerk's to state"
    assert re.search(r"^name: 〔示例〕", text, re.M)
    assert re.search(r"^ +copies: *$", text, re.M), "a number of copies is never pre-filled"
