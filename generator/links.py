"""Links in a built site: every URL a page loads or links to, and the internal ones that lead nowhere."""

from __future__ import annotations

import html.parser
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL = re.compile(r"""https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'<>`)\\]*""")
LINK_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "content", "cite"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
NOT_PAGES = ("mailto:", "tel:", "data:", "javascript:")


class Links(html.parser.HTMLParser):
    """Every URL an HTML page would load or link to, and every id it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Collect the element's id and every address in its attributes."""
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
        """Collect addresses in a <style> element."""
        if self._style:
            self.urls += [("style", a or b) for a, b in CSS_URL.findall(data)]


def parse(page: Path) -> Links:
    """The links and ids of one HTML file."""
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


def is_external(url: str) -> bool:
    """True for an address on another host (scheme or protocol-relative), never for data: URLs."""
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I)) and not url.startswith("data:")


def target_file(site: Path, page: Path, href: str, base_path: str = "/") -> tuple[Path, str]:
    """The file an internal link points to, and its fragment; `base_path` is the path of the site's URL."""
    parts = urlsplit(href)
    base = "/" + page.relative_to(site).parent.as_posix() + "/"
    link = unquote(parts.path)
    if link.startswith("/"):  # absolute on the published host, as the 404 page writes them
        link = "/" + link.removeprefix(base_path)
    path = posixpath.normpath(posixpath.join(base, link)) if link else "/" + page.relative_to(site).as_posix()
    if href.split("#")[0].endswith("/") or (site / path.lstrip("/")).is_dir():
        path = path.rstrip("/") + "/index.html"
    return site / path.lstrip("/"), parts.fragment


@dataclass(frozen=True)
class Broken:
    """An internal link that leads nowhere: the page (relative to the site) and the address it gives."""

    page: str
    href: str
    missing_id: str = ""

    def __str__(self) -> str:
        return f"{self.page} → {self.href}" + (f" (no id {self.missing_id})" if self.missing_id else "")


def broken_links(site: Path, site_url: str = "/") -> Iterator[Broken]:
    """Every internal link of every HTML page in `site` whose file, or whose #fragment on it, does not exist."""
    base_path = urlsplit(site_url).path or "/"
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for tag, href in parse(page).urls:
            if is_external(href) or href.startswith(NOT_PAGES) or tag == "meta":
                continue
            target, fragment = target_file(site, page, href, base_path)
            where = page.relative_to(site).as_posix()
            if not target.is_file():
                yield Broken(where, href)
            elif fragment and target.suffix == ".html":
                known = ids.setdefault(target, parse(target).ids)
                if fragment not in known:
                    yield Broken(where, href, fragment)
