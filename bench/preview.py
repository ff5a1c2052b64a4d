"""Preview edit-to-refresh: `disclose serve` running, a posting's page open in Chromium, its YAML edited.

python -m bench.preview SITE_CONFIG [DEPARTMENT]   prints {"start_seconds": …, "refresh_seconds": …, "whole_site_seconds": …} as JSON

start: from launching `disclose serve` until the page answers; refresh: from saving the edit until
the open page shows the new text (the watcher regenerates the Markdown, mkdocs rebuilds, the
page reloads itself); whole_site: until the open data (`data/hotspots.json`, made with the
district's lists) holds it too, which for the whole site's preview is its second step. With
DEPARTMENT, `serve --only DEPARTMENT`.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.error import URLError

import yaml

from tests.browser import chromium

MARK = "预览刷新测试"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {limit:.0f} s")


def _text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return str(answer.read().decode("utf-8"))


def measure(config: Path, department: str | None) -> dict[str, float]:
    root = config.parent
    folder = root / "content" / (department or sorted(p.name for p in (root / "content").iterdir() if p.is_dir())[0])
    posting = sorted((folder / "postings").glob("*.yml"))[0]
    base = yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"].split("/", 3)[3]
    port = _free_port()
    page_url = f"http://127.0.0.1:{port}/{base}hotspots/{folder.name}-{posting.stem}/"
    cmd = [sys.executable, "-m", "generator", "serve", "--config", str(config), "--port", str(port)]
    if department:
        cmd += ["--only", department]
    started = time.perf_counter()
    server = subprocess.Popen(
        cmd, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        _wait_for(page_url, 900)
        figures = {"start_seconds": round(time.perf_counter() - started, 3)}
        with chromium() as browser:
            page = browser.new_page()
            page.goto(page_url)  # the page keeps a request open for the reload signal: never idle
            text = posting.read_text(encoding="utf-8")
            edited = time.perf_counter()
            posting.write_text(text.replace("summary: ", f"summary: {MARK}。", 1), encoding="utf-8")
            page.get_by_text(MARK).first.wait_for(timeout=900_000)
            figures["refresh_seconds"] = round(time.perf_counter() - edited, 3)
            data = f"http://127.0.0.1:{port}/{base}data/hotspots.json"  # the open data: regenerated with every page
            while MARK not in _text(data):
                if time.perf_counter() - edited > 900:
                    raise SystemExit(f"{data} did not show the edit within 900 s")
                time.sleep(0.2)
            figures["whole_site_seconds"] = round(time.perf_counter() - edited, 3)
            posting.write_text(text, encoding="utf-8")
        return figures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(measure(Path(args[0]).resolve(), args[1] if len(args) > 1 else None)))
