"""The 404 page, which a web server shows at any missing address: every link on it is made absolute under the
site's base path (site_url's path), so it resolves however deep the missing address was.

Nothing is worked out in the browser: no script finds the base, so the page works under a Content-Security-Policy
that allows no inline script, and with scripts off.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

PAGE = "404.html"
_LINK = re.compile(r'\b(href|src|data-root)="([^"]*)"')
_CONFIG = re.compile(r'(<script id="__config"[^>]*>)(.*?)(</script>)', re.S)


def base_path(site_url: str) -> str:
    """The path the site is served under, with its final slash: '/zwgk/' for https://host/zwgk/, '/' for the root."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def absolute(link: str, base: str) -> str:
    """A link of the 404 page as an absolute path under `base`: a relative one is read from the page's own place
    (`base` + 404.html); links to other hosts, fragments, mail and phone links stay as they are."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return link
    path = parts.path if parts.path.startswith("/") else base + parts.path
    resolved = posixpath.normpath(re.sub("/{2,}", "/", path))
    if path.endswith(("/", "/.", "/..")) and resolved != "/":
        resolved += "/"  # a folder's address keeps its slash: /zwgk/. is /zwgk/
    return resolved + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def relocatable_404(site_dir: Path, site_url: str) -> None:
    """Make every link, stylesheet, script and the search root of 404.html an absolute path under site_url's path."""
    page = site_dir / PAGE
    base = base_path(site_url)
    text = page.read_text(encoding="utf-8")
    text = _LINK.sub(lambda m: f'{m.group(1)}="{absolute(m.group(2), base)}"', text)

    def config(m: re.Match[str]) -> str:
        settings = json.loads(m.group(2))
        settings["base"] = absolute(settings.get("base") or ".", base)
        return m.group(1) + json.dumps(settings, ensure_ascii=False).replace("</", "<\\/") + m.group(3)

    text = _CONFIG.sub(config, text, count=1)
    page.write_text(text, encoding="utf-8")
