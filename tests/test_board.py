"""The printed 公开栏 sheet: its QR codes lead from the paper to the same pages on the site, and it lists
the department's recent postings as typed (real build of the fixture district)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.config import load_config
from generator.content import load_content
from generator.qr import qr_svg

from .conftest import GOOD

pytestmark = pytest.mark.slow


class Sheet(HTMLParser):
    """The QR codes (label → the SVG as written) and the rows of the 近期公开信息 table."""

    def __init__(self) -> None:
        super().__init__()
        self.codes: dict[str, str] = {}
        self.rows: list[list[str]] = []
        self._heading = ""
        self._in_h2 = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "svg" and ("class", "dz-qr") in attrs:
            self.codes[dict(attrs)["aria-label"] or ""] = self.get_starttag_text() or ""
        self._in_h2 = tag == "h2"
        if tag == "tr" and self._heading == "近期公开信息":
            self.rows.append([])
        if tag == "td" and self._heading == "近期公开信息":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self._heading, self._in_h2 = data.strip(), False
        if self._cell is not None:
            self._cell.append(data)


def test_each_code_encodes_its_page_and_the_sheet_lists_the_recent_postings(built_site: Path) -> None:
    config, _ = load_config(GOOD / "site_config.yml")
    content, _ = load_content(GOOD / "content")
    assert config is not None
    html = (built_site / "boards" / "czj" / "index.html").read_text(encoding="utf-8")
    sheet = Sheet()
    sheet.feed(html)
    dept = next(d for d in content.departments if d.id == "czj")
    matters = [p for p in content.procedures if p.department == "czj" and p.withdrawn is None]
    expected = {dept.name + "网上公开信息": "departments/czj/"}
    expected |= {m.name + "办事指南": f"matters/czj-{m.id}/" for m in matters}
    assert set(sheet.codes) == set(expected)
    for label, page in expected.items():
        url = config.site_url + page
        drawn = re.search(r'<svg role="img"[^>]*>.*?</svg>', html[html.index(f'aria-label="{label}"') - 30 :], re.S)
        assert drawn and drawn.group() == str(qr_svg(url, label))  # the code drawn is the code of that address
        assert (built_site / urlsplit(url).path.removeprefix(urlsplit(config.site_url).path) / "index.html").is_file()
    posts = sorted(
        (p for p in content.postings if p.department == "czj" and p.withdrawn is None and p.published),
        key=lambda p: (p.published, p.id),
        reverse=True,
    )
    shown = [r for r in sheet.rows if r]
    assert shown and shown == [[str(p.published), p.category, p.title] for p in posts][: len(shown)]
