"""The site's search: a Pagefind index built over the finished HTML, fetched by a visitor only when searching.

Pagefind (Rust, the `pagefind[extended]` wheel ships the binary) reads every built page,
cuts Chinese text into words and writes the index as small chunks under `pagefind/`; the
browser loads only the chunks a query needs. Pages mark what the index keeps: the page body
(`data-pagefind-body`, set by the theme override `main.html`), its kind and date (meta) and
its department (a filter); a title's two-character pieces are indexed with the title's
weight, so 收费 finds 行政事业性收费, which the segmenter keeps as one word.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .problems import Stopped

BUNDLE = "pagefind"
"""The index folder inside the site."""
GLOB = "**/index.html"
"""Pages to index: every page has its own folder (directory URLs); 404.html is left out."""

UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made interfaces: the site has its own search box (assets/search.js)."""

_HAN_RUN = re.compile(r"[\u3400-\u9fff]{3,}")


class SearchIndexError(Stopped):
    """Pagefind could not index the built site."""


class SearchEngineMissing(Stopped):
    """The Pagefind binary is not installed or cannot run: an environment problem, not a content one."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    words: int
    seconds: float


def pieces(title: str) -> str:
    """Every two-character piece of each run of three or more Han characters in `title`, space-separated.

    Pagefind matches a query word against the start of indexed words; a long dictionary word such as
    行政事业性收费 is one indexed word, so a visitor typing 收费 would miss it without its pieces.
    """
    seen: dict[str, None] = {}
    for run in _HAN_RUN.findall(title):
        for i in range(len(run) - 1):
            seen.setdefault(run[i : i + 2], None)
    return " ".join(seen)


def synonyms_script(synonyms: Mapping[str, str]) -> str:
    """The synonym list as the JSON the search box reads (typed word → the word the pages use)."""
    return json.dumps(dict(synonyms), ensure_ascii=False, separators=(",", ":"))


_MISSING = "找不到搜索索引程序 Pagefind：请运行 pip install 'pagefind[extended]' 后重试。"
_MISSING_EN = "The search indexer Pagefind is not installed: run pip install 'pagefind[extended]' and try again."


def executable() -> Path:
    """The Pagefind binary shipped by the pagefind-bin-extended wheel."""
    try:
        from pagefind_bin_extended import get_executable  # type: ignore[import-untyped]

        return Path(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise SearchEngineMissing(f"{_MISSING}({exc})", f"{_MISSING_EN} ({exc})") from None


def index_site(site_dir: Path, language: str) -> IndexStats:
    """Index every page of the built site into `site_dir/pagefind/` (replacing an older index)."""
    shutil.rmtree(site_dir / BUNDLE, ignore_errors=True)
    started = time.perf_counter()
    cmd = [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--glob",
        GLOB,
        "--force-language",
        language,
        "--exclude-selectors",
        "svg",
    ]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError as exc:  # the binary is there but cannot run (not executable, wrong platform)
        raise SearchEngineMissing(f"{_MISSING}({exc})", f"{_MISSING_EN} ({exc})") from None
    if out.returncode != 0:
        said = f"{out.stdout[-2000:]}{out.stderr[-2000:]}"
        raise SearchIndexError(f"Pagefind 建立搜索索引失败：\n{said}", f"Pagefind could not index the site:\n{said}")
    pages = re.search(r"Indexed (\d+) pages", out.stdout)
    words = re.search(r"Indexed (\d+) words", out.stdout)
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    return IndexStats(
        int(pages.group(1)) if pages else 0, int(words.group(1)) if words else 0, time.perf_counter() - started
    )
