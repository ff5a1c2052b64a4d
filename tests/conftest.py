"""Shared fixtures: a small valid district to copy and break."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from generator import pipeline

HERE = Path(__file__).parent
GOOD = HERE / "fixtures" / "good"
FLOW = HERE / "fixtures" / "flow"
ROOT = HERE.parent
AS_OF = dt.date(2011, 12, 31)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the valid fixture district; returns its site_config.yml."""
    dest = tmp_path / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    return dest / "site_config.yml"


OUTSIDE_GIT = "backdating-skipped"
"""The fixture copy lives outside git, so the backdating check says it was skipped (tested in test_timeliness)."""


def problems_of(config_file: Path, as_of: dt.date = AS_OF) -> list[tuple[str, str, int]]:
    """(code, file, line) for every problem `check` finds, sorted; the outside-git notice left out."""
    report = pipeline.check(config_file, as_of).report
    return sorted((p.code, p.loc.file, p.loc.line) for p in report.problems if p.code != OUTSIDE_GIT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture district built once by the real pipeline (real dot, real mkdocs); returns its site/ folder."""
    dest = tmp_path_factory.mktemp("built") / "district"
    shutil.copytree(GOOD, dest, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
    built = pipeline.build(dest / "site_config.yml", AS_OF)
    assert not built.checked.report.errors
    return dest / "site"


CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` on a loopback HTTP server started by the test itself; yields its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-deps.sh test")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
