"""The published site served by Debian's nginx with ci-templates/nginx/zwgk.conf, at a host's root and under /zwgk/
(the example's own site_url): status codes, headers, internal files, every link of every page and of the 404 page,
and Chromium with the Content-Security-Policy in force — nothing blocked, no console error, search works."""

from __future__ import annotations

import gzip
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser

from generator.publish import CURRENT, MANIFEST, RELEASES, TARGET, live, publish

from .browser import chromium
from .conftest import AS_OF, ROOT
from .nginx import CONF, SUB_PATH, Client, free_port, nginx, site_conf

pytestmark = pytest.mark.slow

ROOT_URL = "https://www.juchao.gov.cn/"
CSP = re.search(r'Content-Security-Policy "([^"]+)"', CONF.read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
IMMUTABLE = "public, max-age=31536000, immutable"
PAGES = {
    "home": "",
    "department": "departments/czj/",
    "guide": "matters/zjj-shang-pin-fang-yu-shou-xu-ke/",
    "chart": "matters/zjj-shang-pin-fang-yu-shou-xu-ke/flowchart.svg",
    "hotspots": "hotspots/",
    "posting": "hotspots/czj-2011-04-15-ke-zhuo-yi-cai-gou-zhong-biao/",
    "catalogue": "catalogue/czj/",
    "fees": "fees/",
    "board": "boards/czj/",
    "open-guide": "guide/",
    "registers": "registers/",
    "sitemap": "sitemap/",
    "missing": "no/such/deep/page/",
}


@dataclass(frozen=True)
class Served:
    """One published target behind nginx: the site's address, its target folder and nginx's working folder."""

    base: str
    prefix: str
    target: Path
    work: Path

    @property
    def client(self) -> Client:
        return Client(self.base.removesuffix(self.prefix))

    def access_log(self) -> list[tuple[int, str]]:
        """(status, path) of every request nginx answered so far."""
        found = []
        for line in (self.work / "access.log").read_text(encoding="utf-8").splitlines():
            m = re.search(r'"(?:GET|HEAD|POST) (\S+) HTTP/[\d.]+" (\d{3})', line)
            if m:
                found.append((int(m.group(2)), m.group(1)))
        return found


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example district published for real twice: with its own site_url (under /zwgk/) and at a host's root."""
    targets = {}
    for name, site_url in (("zwgk", None), ("root", ROOT_URL)):
        dest = tmp_path_factory.mktemp(f"district-{name}")
        shutil.copytree(ROOT / "content", dest / "content")
        config = dest / "site_config.yml"
        text = (ROOT / "site_config.yml").read_text(encoding="utf-8")
        assert "site_url: https://www.juchao.gov.cn/zwgk/\n" in text
        if site_url is not None:
            text = text.replace("site_url: https://www.juchao.gov.cn/zwgk/\n", f"site_url: {site_url}\n")
        config.write_text(text, encoding="utf-8")
        target = dest / "www"
        done = publish(config, target, AS_OF)
        assert done.release is not None, done.report.render()
        targets[name] = target
    return targets


@pytest.fixture(scope="module", params=["zwgk", "root"])
def served(
    request: pytest.FixtureRequest, published: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    name = request.param
    port = free_port()
    work = tmp_path_factory.mktemp(f"nginx-{name}")
    prefix = SUB_PATH if name == "zwgk" else "/"
    with nginx(work, site_conf(published[name], port, root=name == "root"), port) as address:
        yield Served(address + prefix, prefix, published[name], work)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def test_statuses_and_headers(served: Served) -> None:
    c, p = served.client, served.prefix
    home = c.get(p, **{"Accept-Encoding": "gzip"})
    assert home.status == 200 and home.headers["Content-Type"] == "text/html; charset=utf-8"
    assert home.headers["Content-Security-Policy"] == CSP and "frame-ancestors 'self'" in CSP
    assert "script-src 'self' 'wasm-unsafe-eval'" in CSP and "unsafe-inline" not in CSP
    assert home.headers["X-Content-Type-Options"] == "nosniff"
    assert home.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert home.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert home.headers["Cache-Control"] == "no-cache" and home.headers["ETag"]  # HTML is revalidated
    assert home.headers["Content-Encoding"] == "gzip" and b"<html" in gzip.decompress(home.body)
    assert "nginx/" not in home.headers["Server"]  # no version shown
    moved = c.get(p + "fees")
    assert moved.status == 301 and moved.location == p + "fees/"  # relative, right behind a proxy too
    site = served.target / CURRENT
    [bundle] = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    [fragment, *_] = (site / "pagefind" / "fragment").iterdir()
    for path in (f"assets/javascripts/{bundle.name}", f"pagefind/fragment/{fragment.name}"):
        assert c.get(p + path).headers["Cache-Control"] == IMMUTABLE, path
    for path in ("assets/search.js", "pagefind/pagefind.js", "data/fees.json", "fees/"):
        assert c.get(p + path).headers["Cache-Control"] == "no-cache", path
    assert c.get(p + "data/fees.csv").headers["Content-Type"] == "text/csv; charset=utf-8"
    assert c.get(p + "data/hotspots.atom.xml").headers["Content-Type"] == "text/xml; charset=utf-8"
    css = c.get(p + "assets/disclose.css", **{"Accept-Encoding": "gzip"})
    assert css.headers["Content-Encoding"] == "gzip"
    missing = c.get(p + "no/such/page/")
    assert missing.status == 404 and "页面不存在" in missing.body.decode("utf-8")
    assert missing.headers["Content-Security-Policy"] == CSP and missing.headers["Cache-Control"] == "no-cache"
    assert c.get(p, method="POST").status == 405


def test_no_internal_file_of_the_target_is_served(served: Served) -> None:
    c, p = served.client, served.prefix
    [release] = [r for r in (served.target / RELEASES).iterdir() if r.is_dir()]
    for path in (TARGET, ".lock", "releases/", f"releases/{release.name}/", f"releases/{release.name}{MANIFEST}"):
        answer = c.get(p + path)
        assert answer.status == 404 and "页面不存在" in answer.body.decode("utf-8"), path
    assert c.get(p + "../" + TARGET).status in (400, 404)


def test_internal_files_stay_hidden_when_the_root_points_at_the_target_itself(
    published: dict[str, Path], tmp_path: Path
) -> None:
    """A web team that points the site at /srv/zwgk instead of /srv/zwgk/current still shows no internal file."""
    target, port = published["zwgk"], free_port()
    conf = site_conf(target, port).replace(f"{target}/current/", f"{target}/")
    with nginx(tmp_path / "nginx", conf, port) as address:
        c = Client(address)
        assert c.get(SUB_PATH + "ledger.jsonl").status == 200  # the target itself is what is served here
        assert c.get(SUB_PATH + "current/").status == 200
        [release] = [r for r in (target / RELEASES).iterdir() if r.is_dir()]
        for path in (TARGET, ".lock", "releases/", f"releases/{release.name}/", f"releases/{release.name}{MANIFEST}"):
            assert c.get(SUB_PATH + path).status == 404, path


class _Links(HTMLParser):
    """Every address an HTML page links to or loads."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and key in ("href", "src", "data-root"):
                self.found.append(value)


def links_of(html: str, page: str) -> set[str]:
    """The internal addresses a page names, made absolute against the page's own address, fragments dropped."""
    parser = _Links()
    parser.feed(html)
    here = urlsplit(page)
    out = set()
    for link in parser.found:
        url = urljoin(page, link)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == here.netloc:
            out.add(url.split("#", 1)[0])
    return out


def test_every_link_on_every_page_resolves_under_the_base_path(served: Served) -> None:
    """From the home page, every page reached and every address each one names answers 200 under the base path."""
    c, origin = served.client, served.base.removesuffix(served.prefix)
    todo, seen, broken = [served.base], {served.base}, []
    pages = 0
    while todo:
        url = todo.pop()
        answer = c.get(url.removeprefix(origin))
        if answer.status != 200 or not url.startswith(served.base):
            broken.append((answer.status, url))
            continue
        if answer.headers["Content-Type"].startswith("text/html"):
            pages += 1
            for link in links_of(answer.body.decode("utf-8"), url) - seen:
                seen.add(link)
                todo.append(link)
    assert broken == []
    built = [p for p in (served.target / CURRENT).rglob("index.html")]
    assert pages >= len(built) * 0.9, (pages, len(built))  # the crawl reached (nearly) every page


def test_every_link_of_the_404_page_resolves(served: Served) -> None:
    c, origin = served.client, served.base.removesuffix(served.prefix)
    for missing in ("nope", "no/such/deep/page/", "matters/gone/x.svg"):
        answer = c.get(served.prefix + missing)
        assert answer.status == 404
        links = links_of(answer.body.decode("utf-8"), served.base + missing)
        assert len(links) > 15  # styles, scripts, the sections, the sitemap, search
        for link in sorted(links):
            assert link.startswith(served.base), link
            assert c.get(link.removeprefix(origin)).status == 200, link


CSP_EVENTS = """document.addEventListener('securitypolicyviolation', e =>
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));"""


def test_in_chromium_nothing_is_blocked_and_search_works(served: Served, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(CSP_EVENTS)
    before = len(served.access_log())
    for name, path in PAGES.items():
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda x, e=errors: e.append(str(x)))
        response = page.goto(served.base + path)
        page.wait_for_load_state("networkidle")
        assert response is not None and response.status == (404 if name == "missing" else 200), name
        violations = page.evaluate("window.__csp || []")
        assert violations == [], (name, violations)
        own_status = "the server responded with a status of 404"
        assert [e for e in errors if not (name in ("missing", "chart") and own_status in e)] == [], (name, errors)
        page.close()
    # the only answers other than 200/301/304 are the missing page and the host's /favicon.ico a bare SVG asks for
    odd = {(s, path) for s, path in served.access_log()[before:] if s not in (200, 301, 304)}
    assert odd <= {(404, served.prefix + PAGES["missing"]), (404, "/favicon.ico")}, odd

    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served.base)
    page.locator(".md-search__input").click()
    page.locator("[data-dz-search] input[name=query]").fill("票据")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    first = page.locator(".md-search-result__item a").first
    target = str(first.get_attribute("href"))
    first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == urljoin(served.base, target) and page.url.startswith(served.base)
    assert page.evaluate("window.__csp || []") == [] and errors == []
    page.close()

    page = context.new_page()  # the 404 page's own search, three folders deep
    page.goto(served.base + PAGES["missing"])
    page.locator(".dz-404-search").click()
    page.locator("[data-dz-search] input[name=query]").fill("收费")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.locator(".md-search-result__item a").first.evaluate("a => a.href").startswith(served.base)
    assert page.evaluate("window.__csp || []") == []
    context.close()


def test_the_check_sees_a_blocked_inline_script(served: Served, browser: Browser) -> None:
    """The checks above can fail: an inline script in a served page is reported as a CSP violation."""
    live_release = live(served.target)
    assert live_release is not None
    probe = live_release / "csp-probe.html"
    probe.write_text("<!doctype html><title>x</title><script>document.title = 'ran'</script>", encoding="utf-8")
    try:
        context = browser.new_context()
        context.add_init_script(CSP_EVENTS)
        page = context.new_page()
        page.goto(served.base + "csp-probe.html")
        page.wait_for_load_state("networkidle")
        assert page.title() == "x" and page.evaluate("window.__csp") == ["script-src-elem inline"]
        context.close()
    finally:
        probe.unlink()


def test_the_404_page_at_phone_and_laptop_width(served: Served, browser: Browser) -> None:
    shots = Path(os.environ.get("DISCLOSE_SCREENSHOTS") or served.work / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    for name, (width, height) in {"phone": (390, 844), "laptop": (1366, 900)}.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(served.base + PAGES["missing"])
        assert page.locator("h1").inner_text() == "页面不存在"
        header = page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
        assert header == "rgb(139, 26, 26)", "the theme's styles did not load"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.screenshot(path=str(shots / f"nginx-{served.prefix.strip('/') or 'root'}-404-{name}.png"), full_page=True)
        page.close()
