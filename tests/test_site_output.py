"""The built site is self-contained and has no broken internal link (real mkdocs build of the fixture)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.config import ICP_SYSTEM
from generator.links import CSS_URL, URL, broken_links, is_external, parse

from .conftest import GOOD

pytestmark = pytest.mark.slow

SITE_URL = "https://example.gov.cn/zwgk/"
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
        # Zensical's bundle only: runnable code blocks (Pyodide, the Ace editor) and image zoom (GLightbox)
        "https://unpkg.com/pyodide@",
        "https://cdn.jsdelivr.net/pyodide/",
        "https://unpkg.com/ace-builds@",
        "https://unpkg.com/glightbox@",
    ),
    "pagefind": ("https://example.com",),  # a placeholder base for parsing relative addresses, never requested
}


def intended() -> set[str]:
    """Links the content and the site's settings (the footer's registration and 找错 links) write, and the ICP
    filing system the footer's ICP number links to."""
    found: set[str] = {ICP_SYSTEM}
    for path in [GOOD / "site_config.yml", *(GOOD / "content").rglob("*.yml")]:
        found.update(URL.findall(path.read_text(encoding="utf-8")))
    return found


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
    scripts = built_site / "assets" / "javascripts"  # the theme's own search is not used: Pagefind's is
    assert [*(scripts / "lunr").rglob("*.js"), *(scripts / "workers").glob("search.*")] == []


def test_every_internal_link_resolves(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) >= 12
    assert [str(b) for b in broken_links(built_site, SITE_URL)] == []


def test_the_link_check_finds_a_missing_page_and_a_missing_id(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">a</h1><a href="../b/">b</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#top">ok</a><a href="a/#gone">x</a><a href="/zwgk/a/">abs</a><a href="mailto:x@example.org">m</a>',
        encoding="utf-8",
    )
    assert [str(b) for b in broken_links(tmp_path, SITE_URL)] == [
        "a/index.html → ../b/",
        "index.html → a/#gone (no id gone)",
    ]


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
