"""Live preview: regenerate the Markdown when YAML changes; mkdocs serve reloads the browser."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from urllib.parse import urlsplit

import click

from . import pipeline, site

POLL_SECONDS = 1.0


def _snapshot(paths: list[Path]) -> dict[Path, int]:
    seen: dict[Path, int] = {}
    for root in paths:
        files = root.rglob("*") if root.is_dir() else [root]
        for f in files:
            if f.is_file():
                seen[f] = f.stat().st_mtime_ns
    return seen


def _regenerate(config_file: Path, only: str | None = None) -> pipeline.Built:
    """Check and write the project again; the Markdown and mkdocs.yml stay as they were when the content has errors."""
    built = pipeline.generate(config_file, dt.date.today(), only=only)
    report = built.checked.report
    if report.problems:
        click.echo(report.render("text"), err=True)
    if report.exit_code:
        click.echo("内容有错误,预览保持上一次的结果。", err=True)
    else:
        click.echo(f"已更新 {built.written} 个页面。")
    return built


def _watch(config_file: Path, watched: list[Path], stop: threading.Event, only: str | None) -> None:
    before = _snapshot(watched)
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(watched)
        if now != before:
            before = now
            _regenerate(config_file, only)


def serve(config_file: Path, host: str, port: int, only: str | None = None) -> None:
    """Serve the site at host:port, rebuilding after every content edit; `only` previews one department's pages."""
    first = _regenerate(config_file, only)
    project, engine = first.checked.project, first.engine
    if project is not None and only is not None and only not in project.content.department_ids:
        known = "、".join(sorted(project.content.department_ids))
        click.echo(f"没有部门 {only}(--only 写部门目录名,可选:{known})。", err=True)
        raise SystemExit(2)
    if project is None or engine is None:
        raise SystemExit(first.checked.report.exit_code or 1)
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(config_file, [project.paths.content, config_file], stop, only), daemon=True
    )
    watcher.start()
    path = urlsplit(project.config.site_url).path
    click.echo(f"预览地址 / preview: http://{host}:{port}{path or '/'}(修改 YAML 后页面自动刷新,按 Ctrl+C 退出)")
    try:
        site.serve_site(engine.mkdocs_yml, host, port)
    finally:
        stop.set()
