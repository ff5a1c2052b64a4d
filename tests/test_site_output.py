"""The built site is self-contained and has no broken internal link (real mkdocs build of the fixture)."""

from __future__ import annotations

import html.parser
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import GOOD

pytestmark = pytest.mark.slow

SITE_URL = "https://example.gov.cn/zwgk/"
URL = re.compile(r"""https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'<>`)\\]*""")
LINK_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "content", "cite"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
# Names, not addresses: XML namespaces and the JSON Schema dialect are never fetched.
NAMES = ("http://www.w3.org/", "http://www.sitemaps.org/schemas/", "http://json-schema.org/draft-07/schema#")
# Addresses written in the theme's JavaScript that this site's configuration never uses: no
# Mermaid diagrams, no repository link (GitHub/GitLab facts), and a polyfill only for browsers
# without ResizeObserver; the rest are license and documentation comments. The browser tests
# check that no page requests another host.
THEME_JS = {
    "bundle.": (
        "https://unpkg.com/mermaid@",
        "https://unpkg.com/resize-observer-polyfill",
        "https://api.github.com/",
        "https://${",
        "https://clipboardjs.com/",
    ),
    "search.": ("https://bit.ly/", "http://tartarus.org/", "http://lunrjs.com", "https://lunrjs.com"),
    "lunr.": (
        "https://github.com/MihaiValentin/lunr-languages",
        "http://www.mozilla.org/MPL/",
        "http://snowball.tartarus.org/",
        "http://code.google.com/p/urim/",
    ),
}


def intended() -> set[str]:
    """Links the content itself writes."""
    found: set[str] = set()
    for path in (GOOD / "content").rglob("*.yml"):
        found.update(URL.findall(path.read_text(encoding="utf-8")))
    return found


class Links(html.parser.HTMLParser):
    """Every URL an HTML page would load or link to, and every id it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        self._style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                self.urls += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]
            elif name == "content" and tag == "meta":
                self.urls += [(tag, u) for u in URL.findall(value)]
            elif name in LINK_ATTRS:
                self.urls.append((tag, value))
            elif name == "style":
                self.urls += [(tag, a or b) for a, b in CSS_URL.findall(value)]

    def handle_data(self, data: str) -> None:
        if self._style:
            self.urls += [("style", a or b) for a, b in CSS_URL.findall(data)]


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def is_external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith("data:")


def external_urls(path: Path, site: Path) -> list[str]:
    """The addresses of other hosts that one output file refers to."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".html":
        return [u for _, u in parse(path).urls if is_external(u)]
    if path.suffix == ".css":
        return [a or b for a, b in CSS_URL.findall(text) if is_external(a or b)]
    found = URL.findall(text)
    if path.suffix == ".js":
        allowed = next((v for k, v in THEME_JS.items() if path.name.startswith(k)), ())
        return [u for u in found if not u.startswith(allowed)]
    return found


def test_no_file_refers_to_another_host(built_site: Path) -> None:
    ok = intended()
    bad = []
    for path in sorted(built_site.rglob("*")):
        if path.is_file() and path.suffix not in {".png", ".gz", ".ico", ".woff2", ".pdf"}:
            for url in external_urls(path, built_site):
                if url.startswith(SITE_URL) or url.startswith(NAMES) or url in ok:
                    continue
                bad.append(f"{path.relative_to(built_site)}: {url}")
    assert bad == []


def test_the_scan_finds_a_font_from_another_host(built_site: Path, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"><div style="background:url(//cdn.example.com/x.png)">',
        encoding="utf-8",
    )
    assert external_urls(page, tmp_path) == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.com/x.png",
    ]


def test_no_theme_analytics_fonts_or_source_maps(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "googletagmanager" not in home and "fonts.googleapis" not in home and 'class="mermaid"' not in home
    assert not list(built_site.rglob("*.map"))
    lunr = sorted(p.name for p in (built_site / "assets" / "javascripts" / "lunr").rglob("*.js"))
    assert lunr == ["lunr.stemmer.support.min.js", "lunr.zh.min.js"]


def target_file(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The file an internal link points to, and its fragment."""
    parts = urlsplit(href)
    base = "/" + page.relative_to(site).parent.as_posix() + "/"
    link = unquote(parts.path)
    if link.startswith("/"):  # absolute on the published host, as the 404 page writes them
        link = "/" + link.removeprefix(urlsplit(SITE_URL).path)
    path = posixpath.normpath(posixpath.join(base, link)) if link else "/" + page.relative_to(site).as_posix()
    if href.split("#")[0].endswith("/") or (site / path.lstrip("/")).is_dir():
        path = path.rstrip("/") + "/index.html"
    return site / path.lstrip("/"), parts.fragment


def test_every_internal_link_resolves(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 12
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in pages:
        for tag, href in parse(page).urls:
            if is_external(href) or href.startswith(("mailto:", "tel:", "data:", "javascript:")) or tag == "meta":
                continue
            target, fragment = target_file(built_site, page, href)
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)} → {href}")
            elif fragment and target.suffix == ".html":
                known = ids.setdefault(target, parse(target).ids)
                if fragment not in known:
                    broken.append(f"{page.relative_to(built_site)} → {href} (no id {fragment})")
    assert broken == []


def test_open_data_is_published_and_linked(built_site: Path) -> None:
    guide = (built_site / "guide" / "index.html").read_text(encoding="utf-8")
    for name in ("departments", "matters", "hotspots", "fees"):
        for suffix in (".json", ".csv", ".schema.json"):
            assert (built_site / "data" / f"{name}{suffix}").is_file()
            assert f'href="../data/{name}{suffix}"' in guide
    assert 'href="../data/hotspots.atom.xml"' in guide


def test_pages_declare_language_and_table_header_scope(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in text, page
        assert not re.search(r"<th(?=[\s>])(?![^>]*\bscope=)[^>]*>", text), page
