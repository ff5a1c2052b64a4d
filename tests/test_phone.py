"""The public site on a phone (390 × 844) and a laptop (1366 × 900), measured in Chromium.

Every page kind: no sideways scrolling, no table cell narrower than two characters, flowchart
text at least 12 px where a chart is shown, and axe-core without serious or critical findings.
A screenshot of each page and size is kept in $DISCLOSE_SCREENSHOTS (default: a temporary folder).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from .browser import chromium, serving

pytestmark = pytest.mark.slow

PAGES = {
    "home": "",
    "department": "departments/czj/",
    "guide": "matters/czj-piao-ju/",
    "posting": "hotspots/czj-2011-05-12-cai-gou/",
    "catalogue": "catalogue/czj/",
    "fees": "fees/",
    "board": "boards/czj/",
    "open-guide": "guide/",
}
SIZES = {"phone": (390, 844), "laptop": (1366, 900)}

# Width of a cell's content box in units of its font size; two characters need 2. Measured unrounded
# (getBoundingClientRect); the tables collapse borders, so each cell owns half of its side borders.
CELL_WIDTHS = """() => [...document.querySelectorAll('.md-content table td, .md-content table th')]
  .filter(c => c.getClientRects().length && c.textContent.trim())
  .map(c => { const s = getComputedStyle(c);
    const inner = c.getBoundingClientRect().width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)
      - (parseFloat(s.borderLeftWidth) + parseFloat(s.borderRightWidth)) / 2;
    return [c.textContent.trim().slice(0, 20), inner / parseFloat(s.fontSize)]; })"""
# Text size of each shown flowchart label in CSS pixels: its font size times the drawing's scale.
CHART_TEXT = """() => [...document.querySelectorAll('.dz-flowchart svg')]
  .filter(svg => svg.getClientRects().length)
  .flatMap(svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(t =>
      [t.textContent, parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize) * scale]); })"""


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture(params=list(SIZES), scope="module")
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    width, height = SIZES[request.param]
    page = browser.new_page(viewport={"width": width, "height": height})
    yield request.param, page
    page.close()


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_fits_and_reads(sized: tuple[str, Page], kind: str, base_url: str, shots: Path) -> None:
    size, page = sized
    page.goto(base_url + PAGES[kind])
    page.screenshot(path=str(shots / f"{kind}-{size}.png"), full_page=True)
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    narrow = [(text, round(w, 2)) for text, w in page.evaluate(CELL_WIDTHS) if w < 2]
    assert narrow == [], "table cells narrower than two characters"
    small = [(text, round(px, 1)) for text, px in page.evaluate(CHART_TEXT) if px < 12]
    assert small == [], "flowchart text under 12 px"
    result = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []


def test_tables_become_labelled_cards_on_a_phone(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + PAGES["catalogue"])
    cell = page.locator("table.dz-cards tbody td").first
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"索引号"' and cell.evaluate("c => getComputedStyle(c).display") == "block"
    page.set_viewport_size({"width": 1366, "height": 900})
    assert cell.evaluate("c => getComputedStyle(c).display") == "table-cell"
    page.close()


def test_home_dates_itself_by_its_newest_posting(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url)
    stamp = page.locator(".dz-updated time").get_attribute("datetime")
    dates = page.locator("table.dz-cards time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert stamp == max(dates)
    page.close()


def test_footer_links_resolve(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + PAGES["guide"])
    sitemap = page.locator(".dz-footer a", has_text="网站地图")
    sitemap.click()
    assert page.locator("h1").inner_text() == "网站地图"
    assert page.locator(".md-content a", has_text="行政事业性收费票据领购").count() >= 1
    assert re.search(r"网站标识码：\d{10}", page.locator(".dz-footer").inner_text())
    page.close()


def test_404_is_chinese_styled_and_searchable_under_the_base_path(browser: Browser, built_site: Path) -> None:
    """Served under site_url's path (/zwgk/ for the fixture), at a missing address three folders deep."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    with serving(built_site, "/zwgk/") as base:
        response = page.goto(base + "no/such/page/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "页面不存在"
        header = page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
        assert header == "rgb(139, 26, 26)", "the theme's styles did not load"
        fees = page.locator(".md-content a", has_text="收费目录")
        assert fees.evaluate("a => a.href") == base + "fees/"
        page.locator(".dz-404-search").click()
        page.locator("[data-dz-search] input[name=query]").fill("票据")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert page.locator(".md-search-result__item a").first.evaluate("a => a.href").startswith(base)
    assert failed == []
    page.close()
