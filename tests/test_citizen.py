"""The citizen's last mile, on the example district in Chromium at 390 × 844 and 1366 × 900.

Each promise is looked at as a visitor meets it: one truth about 依申请公开 on the two pages that state it,
full-width marks on every page, targets a finger can hit, a 公示 badge that covers nothing, short tables that
stay tables, long lists that open with their groups, a wide flowchart that says it scrolls, and a home page
that starts a task. A screenshot of each page and size is kept in $DISCLOSE_SCREENSHOTS (see test_phone.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from .browser import chromium, serving
from .test_typography import marks

pytestmark = pytest.mark.slow

SIZES = {"phone": (390, 844), "laptop": (1366, 900)}
HOME = ""
ON_REQUEST = "matters/qzfb-zheng-fu-xin-xi-yi-shen-qing-gong-kai/"
OPEN_GUIDE = "guide/"
WIDE_CHART = "matters/zjj-jian-zhu-gong-cheng-shi-gong-xu-ke/"
NOTICE = "hotspots/zjj-2011-04-26-jian-kang-lu-zhong-biao-hou-xuan-ren/"
LISTS = ["", "hotspots/", "hotspots/departments/", "matters/", "departments/", "catalogue/czj/", "fees/"]
PAGES = [HOME, ON_REQUEST, OPEN_GUIDE, WIDE_CHART, NOTICE, "hotspots/", "registers/complaints/"]
COMMON = [  # content/district.yml: common_matters, in order
    "matters/zjj-jian-zhu-gong-cheng-shi-gong-xu-ke/",
    "matters/zjj-shang-pin-fang-yu-shou-xu-ke/",
    "matters/gtzyj-guo-you-jian-she-yong-di-shi-yong-quan-deng-ji/",
    "matters/rsj-chu-ji-zhi-cheng-ping-shen/",
    "matters/wgj-wang-ba-she-li-shen-pi/",
    "matters/qzfb-zheng-fu-xin-xi-yi-shen-qing-gong-kai/",
]

# WCAG 2.2, 2.5.8 Target Size (Minimum): a target is at least 24 × 24 px, or a 24 px circle centred on it touches
# no other target; a link inside a sentence is exempt. Our content and the footer are measured.
SMALL_TARGETS = """() => {
  const seen = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden]'); };
  const inSentence = el => {
    const block = el.closest('p, li, td, th, dd, dt, figcaption, h1, h2, h3, h4, caption');
    if (!block || getComputedStyle(el).display !== 'inline') return false;
    const own = [...block.querySelectorAll('a, button')].map(a => a.textContent).join('').replace(/\\s+/g, '');
    return block.textContent.replace(/\\s+/g, '').length > own.length;
  };
  const targets = [...document.querySelectorAll(
    '.md-content a[href], .md-content button, .md-content input, .md-content select, .md-footer a[href]')]
    .filter(seen).map(el => ({el, r: el.getBoundingClientRect()}));
  const near = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  const small = targets.filter(t => (t.r.width < 24 || t.r.height < 24) && !inSentence(t.el));
  return small.filter(t => {
    const x = t.r.left + t.r.width / 2, y = t.r.top + t.r.height / 2;
    return targets.some(o => o.el !== t.el && !o.el.contains(t.el) && !t.el.contains(o.el) && near(x, y, o.r) < 12)
      || small.some(o => o !== t && Math.hypot(x - o.r.left - o.r.width / 2, y - o.r.top - o.r.height / 2) < 24);
  }).map(t => [t.el.textContent.trim().slice(0, 16) || t.el.tagName, Math.round(t.r.width), Math.round(t.r.height)]);
}"""
# Each piece of text in the posting's facts line that the 公示 badge's box overlaps.
UNDER_BADGE = """() => {
  const badge = document.querySelector('.dz-notice').getBoundingClientRect();
  const overlap = r => r.left < badge.right - 1 && badge.left < r.right - 1 && r.top < badge.bottom - 1 && badge.top < r.bottom - 1;
  return [...document.querySelectorAll('.dz-meta .dz-date')].filter(d => [...d.getClientRects()].some(overlap))
    .map(d => d.textContent.trim());
}"""
# Where the first useful thing of a list is: a link to a matter, posting, department or catalogue, or a table's first row.
FIRST_ITEM = """() => { const items = [
    ...[...document.querySelectorAll('.md-content a[href]')].filter(a =>
      /\\/(matters|hotspots|departments|catalogue)\\/./.test(new URL(a.href).pathname)),
    ...document.querySelectorAll('.md-content table tbody tr')].filter(e => e.getClientRects().length);
  const tops = items.map(e => e.getBoundingClientRect().top + scrollY);
  return tops.length ? Math.min(...tops) : null; }"""
COLUMNS = """() => [...document.querySelectorAll('.md-content table.dz-table')].filter(t => t.querySelector('thead'))
  .map(t => [t.querySelectorAll('thead th').length, t.classList.contains('dz-cards'),
             t.classList.contains('dz-postings'), getComputedStyle(t.querySelector('tbody td')).display])"""


@pytest.fixture(scope="module")
def base_url(example_site: Path) -> Iterator[str]:
    with serving(example_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture(params=list(SIZES), scope="module")
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[str, Page]]:
    width, height = SIZES[request.param]
    phone = width < 500
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    yield request.param, context.new_page()
    context.close()


def visit(page: Page, url: str) -> Page:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def shot(page: Page, shots: Path, name: str, size: str) -> None:
    page.screenshot(path=str(shots / f"citizen-{name}-{size}.png"), full_page=True)


def slug(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


# One truth per fact ---------------------------------------------------------------------------------------------


def test_the_guide_and_the_open_guide_state_one_answer_period_fee_and_remedy(
    sized: tuple[str, Page], base_url: str, shots: Path
) -> None:
    size, page = sized
    said = {}
    for path in (OPEN_GUIDE, ON_REQUEST):
        visit(page, base_url + path)
        shot(page, shots, f"one-truth-{slug(path)}", size)
        said[path] = {
            part: page.locator(f".md-content .{part}").inner_text()
            for part in ("dz-answer-limit", "dz-request-fees", "dz-remedies")
        }
    assert said[OPEN_GUIDE] == said[ON_REQUEST]
    days = re.search(r"自收到申请之日起 (\d+) 个工作日内答复", said[OPEN_GUIDE]["dz-answer-limit"])
    promised = re.search(r"本区承诺自收到申请之日起 (\d+) 个工作日内答复", said[OPEN_GUIDE]["dz-answer-limit"])
    assert days and promised
    glance = page.locator(".dz-glance").inner_text()  # the guide's first screen says the same
    assert f"承诺 {promised.group(1)} 个工作日" in glance and f"法定 {days.group(1)} 个工作日" in glance
    assert (
        "不收费" in said[OPEN_GUIDE]["dz-request-fees"]  # the regulation in force charges nothing
        and "居巢区人民政府申请行政复议" in said[OPEN_GUIDE]["dz-remedies"]
    )
    fee = glance.split("收费", 1)[1].split("办理时限", 1)[0].strip()
    assert fee in said[OPEN_GUIDE]["dz-request-fees"], "the glance's charge and the 收费 section differ"
    assert "收费 收费" not in glance and not re.search(r"收费\s*收费", glance)
    visit(page, base_url + OPEN_GUIDE)
    desk = page.locator(".dz-request-desk").inner_text()
    phone = re.search(r"咨询电话\s*(\S+)", desk)
    assert phone and phone.group(1) in glance


def test_a_charging_matter_says_what_and_for_what_in_one_sentence(sized: tuple[str, Page], base_url: str) -> None:
    _, page = sized
    visit(page, base_url + WIDE_CHART)
    fee = page.locator(".dz-glance dd").first.inner_text()
    assert fee.startswith("收取 2 项费用：") and fee.endswith("。") and fee.count("。") == 1
    assert "城市基础设施配套费，每平方米（按建筑面积） 60 元" in fee and "新建房屋白蚁预防费" in fee
    assert "不收取任何费用" not in page.locator(".md-content").inner_text()


# Typography on every page ---------------------------------------------------------------------------------------


class _Visible(HTMLParser):
    """A page's text as a reader meets it: text nodes outside scripts and styles, and the words of title,
    placeholder, aria-label and alt attributes."""

    SAID = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [v for k, v in attrs if k in self.SAID and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def test_no_built_page_has_a_half_width_mark_beside_chinese(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 100
    found = {}
    for path in pages:
        reader = _Visible()
        reader.feed(path.read_text(encoding="utf-8"))
        hits = [hit for part in reader.parts for hit in marks(part)]
        if hits:
            found[str(path.relative_to(example_site))] = hits[:3]
    assert found == {}


def test_search_status_and_results_read_in_full_width_marks(sized: tuple[str, Page], base_url: str) -> None:
    _, page = sized
    visit(page, base_url + "?q=施工许可")
    status = page.locator(".dz-home-search-status").filter(has_text="找到")
    status.wait_for(timeout=15_000)
    text = page.locator(".dz-home-search").inner_text()
    assert marks(text) == [], marks(text)


# Phone details --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES, ids=slug)
def test_targets_are_24_px_or_spaced_and_axe_is_clean(
    sized: tuple[str, Page], path: str, base_url: str, shots: Path
) -> None:
    size, page = sized
    visit(page, base_url + path)
    shot(page, shots, slug(path), size)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")
    assert page.evaluate(SMALL_TARGETS) == [], "targets under 24 px with another target within reach"
    result = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []


def test_footer_links_are_at_least_24_px_tall(sized: tuple[str, Page], base_url: str) -> None:
    _, page = sized
    visit(page, base_url)
    heights = page.locator(".dz-footer a").evaluate_all("as => as.map(a => a.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24, heights


def test_the_notice_badge_covers_no_text(sized: tuple[str, Page], base_url: str, shots: Path) -> None:
    size, page = sized
    visit(page, base_url + NOTICE)
    shot(page, shots, "notice", size)
    assert page.locator(".dz-notice").inner_text() == "公示已结束"
    assert page.evaluate(UNDER_BADGE) == []


@pytest.mark.parametrize("path", [HOME, "fees/", "registers/complaints/", "catalogue/czj/", WIDE_CHART], ids=slug)
def test_short_tables_stay_tables_and_wide_ones_become_cards(sized: tuple[str, Page], path: str, base_url: str) -> None:
    size, page = sized
    visit(page, base_url + path)
    tables = page.evaluate(COLUMNS)
    assert tables
    for columns, cards, postings, display in tables:
        assert cards or columns <= 4 or path == "registers/complaints/" or postings, (path, columns)
        if columns <= 4 and not postings:
            assert not cards, f"{path}: a table of {columns} columns became cards"
        if size == "laptop" or not cards:
            assert display == "table-cell", (path, columns, display)
        else:
            assert display in ("block", "inline-block"), (path, columns, display)


@pytest.mark.parametrize("path", LISTS, ids=slug)
def test_a_list_shows_something_to_open_on_its_first_screen(sized: tuple[str, Page], path: str, base_url: str) -> None:
    _, page = sized
    visit(page, base_url + path)
    height = page.evaluate("window.innerHeight")
    first = page.evaluate(FIRST_ITEM)
    assert first is not None and first < height, f"{path}: the first item is at {first} px"
    screens = page.evaluate("document.documentElement.scrollHeight") / height
    assert screens <= 10, f"{path}: {screens:.1f} screens"


def test_a_wide_flowchart_says_it_scrolls(browser: Browser, base_url: str, shots: Path) -> None:
    laptop = browser.new_page(viewport={"width": 1366, "height": 900})
    visit(laptop, base_url + WIDE_CHART)
    box = laptop.locator(".dz-flowchart")
    frame = laptop.locator(".dz-scroll-frame")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the example chart is wider than the column"
    cue = laptop.locator(".dz-scroll-cue")
    assert cue.is_visible() and "左右滑动" in cue.inner_text()
    assert box.get_attribute("tabindex") == "0"
    assert "dz-more-right" in str(frame.get_attribute("class"))
    box.scroll_into_view_if_needed()
    laptop.screenshot(path=str(shots / "citizen-wide-chart-laptop.png"))
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; b.dispatchEvent(new Event('scroll')); }")
    classes = str(frame.get_attribute("class"))
    assert "dz-more-left" in classes and "dz-more-right" not in classes
    laptop.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    visit(phone, base_url + WIDE_CHART)
    assert not phone.locator(".dz-scroll-cue").is_visible(), "on a phone the steps as cards take the chart's place"
    phone.close()


# A home page that starts a task ---------------------------------------------------------------------------------


def test_home_starts_a_task(sized: tuple[str, Page], base_url: str, shots: Path) -> None:
    size, page = sized
    visit(page, base_url)
    box = page.locator(".dz-home-search input[name=q]")
    assert box.is_visible() and box.bounding_box()["y"] < page.evaluate("window.innerHeight")  # type: ignore[index]
    tasks = page.locator(".dz-tasks a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert tasks == COMMON
    everything = page.locator(".md-content a", has_text="全部办事指南")
    assert re.fullmatch(r"全部办事指南（\d+ 项）", everything.inner_text())
    assert everything.get_attribute("href") == "matters/"
    newest = page.locator(".dz-postings tbody tr")
    assert 0 < newest.count() <= 8
    published = newest.locator("td:last-child time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert published == sorted(published, reverse=True), "newest first"
    assert str(page.locator(".dz-updated time").get_attribute("datetime")) >= published[0]
    icp = page.locator(".dz-footer a", has_text="ICP备")
    assert icp.get_attribute("href") == "https://beian.miit.gov.cn/"
    box.click()
    page.keyboard.insert_text("施工许可")
    page.locator(".dz-home-search-status").filter(has_text="找到").wait_for(timeout=15_000)
    results = page.locator(".dz-home-search-results a")
    assert results.first.get_attribute("href", timeout=5_000) is not None
    assert str(results.first.get_attribute("href")).endswith(COMMON[0])
    shot(page, shots, "home-searched", size)
    results.first.click()
    page.wait_for_url(f"**/{COMMON[0]}")


def test_home_answers_a_query_in_its_address(sized: tuple[str, Page], base_url: str) -> None:
    _, page = sized
    visit(page, base_url + "?q=预售")
    page.locator(".dz-home-search-status").filter(has_text="找到").wait_for(timeout=15_000)
    assert page.locator(".dz-home-search input[name=q]").input_value() == "预售"
    assert str(page.locator(".dz-home-search-results a").first.get_attribute("href")).endswith(COMMON[1])
