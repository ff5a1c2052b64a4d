"""The 公开指南's 依申请公开 section: where and how to apply as district.yml gives it, the answer
period, fees and remedies of the regulation in force on the build date."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.domain.applying import BY_REGULATION
from generator.domain.requests import LIMITS, limit_for
from generator.pages.context import Context
from generator.pages.tree import site_pages

from .conftest import AS_OF, GOOD

TYPED = yaml.safe_load((GOOD / "content" / "district.yml").read_text(encoding="utf-8"))["on_request"]


class Section(HTMLParser):
    """The text of the guide's 依申请公开 section (from its heading to the next h2), and its desk table as label → value."""

    def __init__(self, page: str, inside: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = inside
        self.heading = False
        self.text: list[str] = []
        self.rows: dict[str, str] = {}
        self.cell: list[str] | None = None
        self.label = ""
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self.heading = True
            self.inside = False
        if self.inside and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self.heading = False
        if self.cell is not None and tag == "th":
            self.label, self.cell = "".join(self.cell), None
        elif self.cell is not None and tag == "td":
            self.rows[self.label], self.cell = "".join(self.cell), None

    def handle_data(self, data: str) -> None:
        if self.heading and data.strip() == "依申请公开":
            self.inside = True
        elif self.inside:
            self.text.append(data)
            if self.cell is not None:
                self.cell.append(data)


def guide(as_of: dt.date) -> str:
    """The Markdown of the section (its raw HTML and text), from its heading to the next one."""
    checked = pipeline.check(GOOD / "site_config.yml", as_of)
    assert checked.content is not None and checked.config is not None
    page = site_pages(Context.of(checked.content, checked.config, as_of), {})["guide.md"]
    return page.split("\n## 依申请公开\n", 1)[1].split("\n## ", 1)[0]


def test_every_version_of_the_regulation_says_how_to_apply() -> None:
    assert sorted(BY_REGULATION) == sorted(lim.since for lim in LIMITS)


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2020, 6, 30)])
def test_the_section_shows_the_desk_as_typed_and_the_regulation_in_force(as_of: dt.date) -> None:
    section = Section(guide(as_of), inside=True)
    assert section.rows == {
        "受理机构": TYPED["office"],
        "受理地址": TYPED["address"],
        "受理时间": TYPED["hours"],
        "咨询电话": TYPED["phone"],
    }
    text = "".join(section.text)
    limit = limit_for(as_of)
    assert limit is not None
    assert f"自收到申请之日起 {limit.days} 个工作日内答复" in text
    assert f"最长不超过 {limit.extension} 个工作日（依据：{limit.basis}）" in text
    for channel in TYPED["channels"]:
        assert channel in text
    assert f"依法向{TYPED['review_body']}申请行政复议，或者向人民法院提起行政诉讼" in text
    other = next(lim for lim in LIMITS if lim is not limit)
    assert BY_REGULATION[limit.since].fees in text and BY_REGULATION[other.since].fees not in text


@pytest.mark.slow
def test_the_built_guide_shows_the_section(built_site: Path) -> None:
    section = Section((built_site / "guide" / "index.html").read_text(encoding="utf-8"))
    assert section.rows["受理机构"] == TYPED["office"] and section.rows["咨询电话"] == TYPED["phone"]
    text = "".join(section.text)
    assert "15 个工作日内答复" in text and "行政复议" in text and "行政诉讼" in text
