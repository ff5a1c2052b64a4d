"""What a visitor downloads and waits for, measured in Chromium on a built site served on loopback.

python -m bench.visit SITE_DIR [QUERY]   prints {"first_visit_bytes": …, …} as JSON

Bytes are the bodies the browser received (no compression: what a server without gzip sends);
a first visit is the home page until the network is idle; the query is typed into the header's
search box as an input method commits it, and timed until the results are shown.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from playwright.sync_api import Page, Response

from tests.browser import chromium, serving

QUERY = "许可"
SECOND = "收费"
"""A second query, once the search is loaded."""


def _bytes(responses: list[Response]) -> int:
    total = 0
    for r in responses:
        try:
            total += len(r.body())
        except Exception:  # a redirect or an aborted request has no body
            continue
    return total


def _ask(page: Page, query: str, shown: str, key_up: bool) -> float:
    """Type `query` as an input method commits it; seconds until `shown` (a selector) appears.

    The stock theme searches on a key event only, so for it a key is pressed after the text.
    """
    box = page.locator(".md-search__input")
    box.click()
    page.wait_for_timeout(300)
    started = time.perf_counter()
    page.keyboard.insert_text(query)
    if key_up:
        box.press("End")
    page.locator(shown).first.wait_for(state="visible", timeout=120_000)
    return time.perf_counter() - started


def measure(site: Path, query: str = QUERY) -> dict[str, float]:
    """First-visit bytes, bytes after one query, query latency (first and second query), largest HTML page."""
    ours = (site / "pagefind").is_dir()
    shown = ".md-search-result__list a" if ours else ".md-search-result__item"
    figures: dict[str, float] = {}
    with serving(site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        responses: list[Response] = []
        page.on("response", lambda r: responses.append(r))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if not ours:  # the stock theme's worker fetches the whole index at start-up
            page.wait_for_function(
                "() => !document.querySelector('.md-search-result__meta')?.textContent.includes('Initializing')"
                " && !document.querySelector('.md-search-result__meta')?.textContent.includes('正在初始化')",
                timeout=300_000,
            )
            page.wait_for_load_state("networkidle")
        figures["first_visit_bytes"] = _bytes(responses)
        figures["query_seconds"] = _ask(page, query, shown, not ours)
        page.wait_for_load_state("networkidle")
        figures["with_query_bytes"] = _bytes(responses)
        if ours:
            page.locator(".md-search__input").fill("")
            page.locator(".md-search-result__list a").first.wait_for(state="detached")
            figures["second_query_seconds"] = _ask(page, SECOND, shown, False)
    largest = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    figures["largest_html_bytes"] = largest.stat().st_size
    figures["largest_html"] = str(largest.relative_to(site))  # type: ignore[assignment]
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), *sys.argv[2:3]), ensure_ascii=False))
