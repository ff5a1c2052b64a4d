"""Search on the example district in a real browser: what a visitor downloads, and what a query finds first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .browser import chromium, serving
from .test_typography import marks

pytestmark = pytest.mark.slow

QUERIES = [
    # (typed, where the expected page must rank, the page)
    ("施工许可", 1, "matters/zjj-jian-zhu-gong-cheng-shi-gong-xu-ke/"),
    ("预售", 1, "matters/zjj-shang-pin-fang-yu-shou-xu-ke/"),
    ("收费", 1, "fees/"),
    ("收费目录", 1, "fees/"),
    ("施工证", 3, "matters/zjj-jian-zhu-gong-cheng-shi-gong-xu-ke/"),  # a synonym in site_config.yml
    ("居巢区财政局", 1, "departments/czj/"),
    ("商品房预售许可", 1, "matters/zjj-shang-pin-fang-yu-shou-xu-ke/"),
    ("依申请公开", 1, "matters/qzfb-zheng-fu-xin-xi-yi-shen-qing-gong-kai/"),
    ("依申请公开", 3, "guide/"),
]
READ = ["施工许可", "收费", "依申请公开", "预售", "社会公开", "主动公开", "公开方式"]
"""Queries whose excerpts are read: the last three are words of the 公开目录 boilerplate every item page repeats."""
HELPER = re.compile(r"([\u3400-\u9fff])([\u3400-\u9fff])\s+\2([\u3400-\u9fff])\s+\3[\u3400-\u9fff]")
"""Three overlapping two-character pieces in a row (「建筑 筑工 工程」): the hidden text that makes titles findable."""
BOILERPLATE = re.compile(r"公开目录信息|公开对象\s*社会公开|公开方式\s*主动公开|公开渠道和载体")
SIZES = {"phone": (390, 844), "laptop": (1366, 900)}


@pytest.fixture(scope="module")
def base_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


class Visitor:
    """A page that records every request it makes."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str = "") -> Page:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def search_data(self) -> list[str]:
        return [u for u in self.requests if "/pagefind/" in u]

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base) and not u.startswith("data:")]

    def results(self) -> list[str]:
        """The result links shown, as site paths, once the status line has the count."""
        self.page.locator(".md-search-result__meta").filter(has_text="找到").wait_for(timeout=15_000)
        links = self.page.locator(".md-search-result__list a.md-search-result__link")
        return [str(links.nth(i).get_attribute("href")).removeprefix("/") for i in range(links.count())]

    def type_like_an_input_method(self, text: str) -> None:
        """Text committed by an input method: composition events and an input event, no key-up."""
        box = self.page.locator(".md-search__input")
        box.focus()
        box.dispatch_event("compositionstart")
        self.page.keyboard.insert_text(text)
        box.dispatch_event("compositionend")


@pytest.fixture
def visitor(browser: Browser, base_url: str) -> Iterator[Visitor]:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    yield Visitor(page, base_url)
    page.close()


def test_a_first_visit_requests_no_search_data_and_a_search_loads_it_from_this_host(visitor: Visitor) -> None:
    visitor.open()
    visitor.open("matters/zjj-shang-pin-fang-yu-shou-xu-ke/")
    assert visitor.search_data() == []
    visitor.type_like_an_input_method("预售")
    assert visitor.results()
    assert any(u.endswith(".pf_fragment") for u in visitor.search_data())
    assert visitor.foreign() == [] and visitor.errors == []


@pytest.mark.parametrize(("query", "within", "page"), QUERIES)
def test_query_set(visitor: Visitor, query: str, within: int, page: str) -> None:
    visitor.open()
    visitor.type_like_an_input_method(query)
    found = visitor.results()
    assert page in found[:within], found[:5]


def test_results_show_kind_date_and_department_and_filter_by_department(visitor: Visitor) -> None:
    page = visitor.open()
    visitor.type_like_an_input_method("收费")
    found = visitor.results()
    facts = page.locator(".md-search-result__list .dz-search-facts")
    posting = found.index(next(u for u in found if u.startswith("hotspots/")))
    text = facts.nth(posting).inner_text()
    assert text.startswith("热点公开 · 2011-") and "居巢区" in text, text
    page.locator("select[name=department]").select_option("居巢区财政局")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__list .dz-search-facts')]"
        ".every(p => p.textContent.endsWith('居巢区财政局'))"
    )
    assert visitor.results()


def test_paste_and_typing_without_key_events_search(visitor: Visitor) -> None:
    page = visitor.open()
    box = page.locator(".md-search__input")
    box.focus()
    box.evaluate(
        "(e, t) => { e.value = t; e.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste'})); }", "收费"
    )
    assert "fees/" in visitor.results()


def test_on_a_phone_the_search_button_opens_the_box_and_a_tap_opens_a_result(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    phone = Visitor(context.new_page(), base_url)
    page = phone.open()
    box = page.locator(".md-search__input")
    expect(box).not_to_be_in_viewport()
    page.locator("label.md-header__button[for=__search]").tap()
    expect(box).to_be_in_viewport()
    expect(box).to_be_focused()
    page.keyboard.insert_text("预售")
    found = phone.results()
    page.locator(".md-search-result__list a").first.tap()
    page.wait_for_url(f"**/{found[0]}")
    assert phone.foreign() == [] and phone.errors == []
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("query", READ)
def test_excerpts_are_the_pages_own_words(browser: Browser, base_url: str, shots: Path, size: str, query: str) -> None:
    """No excerpt shows the hidden title pieces or the 公开目录 boilerplate, which is not indexed: every result
    shown was found by its own text (a highlighted word) or by its title; marks beside Chinese are full-width."""
    width, height = SIZES[size]
    phone = width < 500
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    visitor = Visitor(context.new_page(), base_url)
    page = visitor.open()
    if phone:
        page.locator("label.md-header__button[for=__search]").tap()
    visitor.type_like_an_input_method(query)
    found = visitor.results()
    page.screenshot(path=str(shots / f"search-{query}-{size}.png"))
    items = page.locator(".md-search-result__list .md-search-result__article")
    shown = items.evaluate_all(
        "as => as.map(a => [a.querySelector('h1').textContent, a.querySelector('p:last-child').textContent,"
        " a.querySelectorAll('p:last-child mark').length])"
    )
    assert len(shown) == len(found)
    for title, excerpt, marked in shown:
        assert not HELPER.search(excerpt), (title, excerpt)
        assert not BOILERPLATE.search(excerpt), (title, excerpt)
        assert marks(excerpt) == [], (title, excerpt)
        assert marked or query in title.replace(" ", ""), f"{title}: found by neither its text nor its title"
    context.close()
