"""The built site in a real browser: Debian's Chromium driven by Playwright, served on loopback."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Request, Route
from pypdf import PdfReader

from .browser import chromium, serving

pytestmark = pytest.mark.slow

HOME = ""
DEPARTMENT = "departments/czj/"
GUIDE = "matters/czj-piao-ju/"
POSTING = "hotspots/czj-2011-05-12-cai-gou/"
BOARD = "boards/czj/"
A4_POINTS = (595.28, 841.89)
GUIDE_ELEMENTS = (
    "事项名称",
    "设定依据",
    "申请条件",
    "申请材料",
    "办理流程",
    "法定时限",
    "承诺时限",
    "收费标准及依据",
    "办理地点",
    "办理时间",
    "咨询电话",
    "监督投诉方式",
)


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site on a loopback HTTP server started by the test itself."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@dataclass
class Visit:
    """A page, and what it asked of the network and printed to the console."""

    page: Page
    base: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page


@pytest.fixture
def visit(browser: Browser, base_url: str) -> Iterator[Visit]:
    """A fresh page whose requests to any other host are recorded and refused."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    v = Visit(page, base_url)

    def route(r: Route, request: Request) -> None:
        if request.url.startswith(base_url) or request.url.startswith("data:"):
            r.continue_()
        else:
            v.foreign.append(request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: v.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: v.errors.append(str(e)))
    yield v
    page.close()


def test_home_loads_without_console_errors_or_other_hosts(visit: Visit) -> None:
    page = visit.open(HOME)
    assert page.locator("h1").first.inner_text() == "测试区政务公开"
    assert page.locator("time").first.is_visible()
    for path in (DEPARTMENT, GUIDE, POSTING, BOARD, "guide/", "catalogue/"):
        visit.open(path)
    assert visit.errors == []
    assert visit.foreign == []


def search(page: Page, query: str) -> list[str]:
    """Type a query into the site's search box; the URLs of the results."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # an input method ends with a key event; fill() alone sends none, and the search waits for one
    page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=10_000)
    links = page.locator(".md-search-result__item a.md-search-result__link")
    return [str(links.nth(i).get_attribute("href")) for i in range(links.count())]


def test_search_finds_fees_and_a_department_in_chinese(visit: Visit) -> None:
    page = visit.open(HOME)
    fees = search(page, "收费")
    assert any("fees/" in u for u in fees), fees
    assert any("matters/czj-piao-ju/" in u for u in fees), fees
    page = visit.open(HOME)
    dept = search(page, "测试区财政局")
    assert any(u.rstrip("/").endswith("departments/czj") or "departments/czj/" in u for u in dept), dept
    assert visit.errors == [] and visit.foreign == []


def test_service_guide_shows_its_flowchart_and_text_equivalent(visit: Visit) -> None:
    page = visit.open(GUIDE)
    chart = page.locator("figure.dz-flowchart svg[role='img']")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    assert "办事流程图" in str(
        chart.get_attribute("aria-labelledby") and page.locator("figure.dz-flowchart title").first.text_content()
    )
    steps = page.locator("ol.dz-steps > li")
    assert steps.count() == 4 and "受理申请" in steps.first.inner_text()


@pytest.mark.parametrize("path", [HOME, DEPARTMENT, GUIDE, POSTING, BOARD, "guide/", "catalogue/"])
def test_axe_finds_nothing_serious(visit: Visit, path: str) -> None:
    page = visit.open(path)
    result = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []


def test_keyboard_focus_is_visible(visit: Visit) -> None:
    page = visit.open(GUIDE)
    link = page.locator("article a[href]").first
    link.focus()
    outline = link.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert outline.startswith("solid") and not outline.endswith(" 0px"), outline


def pdf_of(page: Page) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True, prefer_css_page_size=True)))


@pytest.mark.parametrize(
    ("path", "must"), [(GUIDE, GUIDE_ELEMENTS), (BOARD, ("主要职能", "工作人员", "CZ-01", "服务承诺", "监督投诉"))]
)
def test_prints_on_a4_with_every_element_and_no_site_chrome(visit: Visit, path: str, must: tuple[str, ...]) -> None:
    pdf = pdf_of(visit.open(path))
    for p in pdf.pages:
        width, height = float(p.mediabox.width), float(p.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
    # The CJK font maps some characters to their Kangxi-radical twins (⽅ for 方); NFKC folds them back.
    text = "".join("".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in pdf.pages)
    missing = [m for m in must if m not in text]
    assert missing == []
    assert "公开指南" not in text  # the navigation tabs are not printed
    assert len(pdf.pages) <= 4
