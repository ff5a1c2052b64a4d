"""`disclose serve` as a clerk uses it: the real command on a copy of the example district, a page open in
Chromium, the YAML edited on disk. The open page must show each edit by itself; a new posting must get its
page and reach the department's and the district's lists; a deleted one must lose its page; an edit with
an error must leave the preview as it was and say why."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError, URLError

import pytest
import yaml

from generator.domain.pages import department_page, md_to_url

from .browser import chromium
from .conftest import ROOT

pytestmark = pytest.mark.slow

WAIT = 120.0
"""The longest any step may take here: a loaded test machine, not the figure (bench.preview measures that)."""
DEPT = "czj"


@pytest.fixture
def district(tmp_path: Path) -> Path:
    """A copy of the example district (content and site_config.yml); returns its site_config.yml."""
    dest = tmp_path / "district"
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copy(ROOT / "site_config.yml", dest / "site_config.yml")
    return dest / "site_config.yml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except HTTPError as exc:
        return exc.code, ""


def _until(what: str, ok: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not ok():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {WAIT:.0f} s: {what}")
        time.sleep(0.2)


@contextmanager
def serving(config: Path, *options: str) -> Iterator[tuple[str, Path]]:
    """`disclose serve` running on `config`; yields the site's address and the file its messages go to."""
    port = _free_port()
    log = config.parent / "serve.log"
    mount = yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"].split("/", 3)[3]
    base = f"http://127.0.0.1:{port}/{mount}"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--config", str(config), "--port", str(port), *options],
            cwd=config.parent, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:

        def answers() -> bool:
            assert server.poll() is None, log.read_text(encoding="utf-8")[-3000:]
            try:
                return _get(base)[0] == 200
            except (URLError, OSError):
                return False

        _until("the preview answers", answers)
        yield base, log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _posting(folder: Path, title: str) -> str:
    today = dt.date.today().isoformat()
    return (
        f"title: {title}\ncategory: 群众切身利益事项\n"
        f"summary: {title}的情况通报。\ncompleted: {today}\npublished: {today}\n"
    )


def test_the_whole_site_preview_shows_each_edit_and_the_lists_follow(district: Path) -> None:
    postings = district.parent / "content" / DEPT / "postings"
    edited = sorted(postings.glob("*.yml"))[0]
    with serving(district) as (base, log), chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}hotspots/{DEPT}-{edited.stem}/")

        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("summary: ", "summary: 预览修改甲。", 1), encoding="utf-8")
        page.get_by_text("预览修改甲").first.wait_for(timeout=WAIT * 1000)  # the open page reloads by itself

        title = "预览新增信息乙"
        added = postings / "2026-12-01-yu-lan-xin-zeng.yml"
        added.write_text(_posting(postings, title), encoding="utf-8")
        new_page = f"{base}hotspots/{DEPT}-{added.stem}/"
        _until("the new posting has its page", lambda: title in _get(new_page)[1])
        _until("the department's page lists it", lambda: title in _get(base + md_to_url(department_page(DEPT)))[1])
        _until("the district's hotspot list lists it", lambda: title in _get(f"{base}hotspots/")[1])

        added.unlink()
        _until("the deleted posting's page is gone", lambda: _get(new_page)[0] == 404)
        _until("the district's list no longer has it", lambda: title not in _get(f"{base}hotspots/")[1])

        district_file = district.parent / "content" / "district.yml"  # outside every department's folder
        district_file.write_text(
            district_file.read_text(encoding="utf-8").replace("intro: |\n", "intro: |\n  预览修改丁。\n", 1),
            encoding="utf-8",
        )
        _until("the home page shows a change to district.yml", lambda: "预览修改丁" in _get(base)[1])

        assert page.locator("#dz-preview-problems").count() == 0  # no notice while the content is right
        edited.write_text(text.replace("title: ", "titel: ", 1), encoding="utf-8")
        _until("the error is reported", lambda: "内容有错误" in log.read_text(encoding="utf-8"))
        notice = page.locator("#dz-preview-problems")  # the open page reloads by itself and says why
        notice.wait_for(timeout=WAIT * 1000)
        assert "内容有 " in notice.inner_text() and f"{edited.name}:1:1" in notice.inner_text()
        assert "titel" in notice.inner_text()
        shots = os.environ.get("DISCLOSE_SCREENSHOTS")
        for width, height in ((390, 844), (1366, 900)):
            page.set_viewport_size({"width": width, "height": height})
            assert page.evaluate("document.documentElement.scrollWidth") <= width  # the notice wraps, never scrolls
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(shots) / f"preview-errors-{width}.png"))
        assert page.get_by_text("预览修改甲").count() > 0  # the preview keeps its last good result
        edited.write_text(text.replace("summary: ", "summary: 预览修改戊。", 1), encoding="utf-8")
        page.get_by_text("预览修改戊").first.wait_for(timeout=WAIT * 1000)
        assert page.locator("#dz-preview-problems").count() == 0  # the notice goes once the error is fixed


def test_a_one_department_preview_shows_an_edit(district: Path) -> None:
    postings = district.parent / "content" / DEPT / "postings"
    edited = sorted(postings.glob("*.yml"))[0]
    with serving(district, "--only", DEPT) as (base, _), chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}hotspots/{DEPT}-{edited.stem}/")
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("summary: ", "summary: 预览修改丙。", 1), encoding="utf-8")
        page.get_by_text("预览修改丙").first.wait_for(timeout=WAIT * 1000)
