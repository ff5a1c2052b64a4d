"""Live preview: regenerate the Markdown when the content changes, rebuild only the pages that changed, reload the browser.

    edit saved → (inotify) content watcher → pipeline.generate → the files that changed rewritten
    → the live-reload server's build of the changed pages (mkdocs) → the open page reloads itself

mkdocs builds only the pages whose Markdown changed (`engines.mkdocs_material.LivePreview` says why that is exact here).

Previewing the whole site of a city, regenerating every page takes most of a minute, so an edit inside
department folders is shown in two steps: first those departments' own pages (regenerated as `--only`
does, the whole content still checked), then every page, regenerated in a process of its own so the
server and the next edit never wait for it; a further edit stops that process and starts from the newer
content. Files of the engine's folder are written only under its lock (`LOCK`), which each build holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import multiprocessing
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import click
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from . import pipeline, site
from .config import EngineName
from .domain.pages import owned_by
from .engines.mkdocs_material import LivePreview, MkdocsMaterial
from .model import Posting, Procedure
from .problems import Report
from .progress import Progress
from .registers.model import ASSESSMENTS, NormativeDocument

ENGINE = MkdocsMaterial.name
"""The preview's engine: mkdocs builds only the pages an edit changed, under the preview's lock (LivePreview)."""
QUIET_SECONDS = 0.1
"""How long the content must stay untouched after a change before it is regenerated (an editor saves in several writes)."""
LOCK = ".preview-lock"
"""In the engine's folder: held while its files are written and while mkdocs builds them, so no page is built half written."""
CHANGES = [
    FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirModifiedEvent, DirDeletedEvent, DirMovedEvent,
]  # fmt: skip
"""What the content watcher asks the kernel for: writes, never reads (generate opens every file; at city scale
reports of those reads would take the processor from the regeneration)."""
FIRST_STEP_AT_MOST = 3
"""An edit touching more department folders than this (a bulk change) goes straight to the whole site."""


@contextlib.contextmanager
def _locked(lock: Path) -> Iterator[None]:
    """Hold the engine folder's lock: between processes, and between threads (each opens the file anew)."""
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


class _WritesLocked(Progress):
    """Holds the engine folder's lock through generate's writing stage."""

    def __init__(self, lock: Path) -> None:
        super().__init__()
        self.lock, self.held = lock, contextlib.ExitStack()

    def _started(self, name: str, total: int | None) -> None:
        if name == pipeline.WRITE:
            self.held.enter_context(_locked(self.lock))

    def _finished(self) -> None:
        self.held.close()


PROBLEMS = "__disclose/problems.json"
"""Where, beside the preview's pages, the current errors are for its pages to show (assets/preview.js)."""


def errors_of(report: Report) -> list[str]:
    """The content's errors, one line each, as `check` prints them."""
    return [p.text() for p in report.sorted() if p.severity == "error"]


def _regenerate(
    config_file: Path,
    only: str | None = None,
    progress: Progress | None = None,
    quiet: bool = False,
) -> pipeline.Generated | pipeline.Stopped:
    """Check and write the project again (for the preview's engine); the Markdown and mkdocs.yml stay as they were
    when the content has errors, which the preview's pages then show (see _Regenerating.say). `quiet`: the
    content's problems were just printed by the first step, so only errors are."""
    built = pipeline.generate(config_file, dt.date.today(), only=only, progress=progress, engine=ENGINE)
    report = built.report
    if report.problems and not (quiet and not report.exit_code):
        click.echo(report.render("text"), err=True)
    if isinstance(built, pipeline.Generated):
        click.echo(f"已更新 {built.written} 个文件。")
    else:
        click.echo("内容有错误，预览保持上一次的结果，打开的网页上方列出了这些错误。", err=True)
    return built


def _whole_site(config_file: Path, lock: Path, quiet: bool, answer: Connection) -> None:
    """The second step, in a process of its own: every page regenerated; answers how many files were written."""
    built = _regenerate(config_file, None, _WritesLocked(lock), quiet)
    answer.send((built.written if isinstance(built, pipeline.Generated) else 0, errors_of(built.report)))


class _Edits:
    """The paths changed since the last regeneration began, shared by the watcher and the regenerating thread."""

    def __init__(self) -> None:
        self.changed = threading.Event()
        self._paths: set[Path] = set()
        self._lock = threading.Lock()

    def add(self, paths: list[Path]) -> None:
        with self._lock:
            self._paths.update(paths)
        self.changed.set()

    def take(self) -> set[Path]:
        """The paths changed so far, once the content has stayed untouched for QUIET_SECONDS."""
        while self.changed.wait(QUIET_SECONDS):  # still being written
            self.changed.clear()
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


class _Changes(FileSystemEventHandler):
    """Keeps every changed path under a watched folder (only the file `only`, when given)."""

    def __init__(self, edits: _Edits, only: Path | None = None) -> None:
        self.edits, self.only = edits, only

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [Path(str(p)) for p in (event.src_path, event.dest_path) if p]
        if self.only is None or self.only in paths:
            self.edits.add(paths)


def _departments(paths: set[Path], content: Path) -> set[str] | None:
    """The department folders the changed paths lie in; None when one lies outside them all (district.yml,
    fees.yml, the assessments, site_config.yml): only the whole site shows such a change."""
    found = set()
    for path in paths:
        parts = path.relative_to(content).parts if path.is_relative_to(content) else ()
        if len(parts) < 2 or parts[0] == ASSESSMENTS:
            return None
        found.add(parts[0])
    return found


@dataclass
class _Regenerating:
    """The thread that regenerates the project after every edit and asks the server to build when a file changed.

    `content` is the content folder as the watcher names its files; `docs`, the Markdown the engine builds."""

    config_file: Path
    only: str | None
    content: Path
    docs: Path
    server: LivePreview
    edits: _Edits = field(default_factory=_Edits)
    stop: threading.Event = field(default_factory=threading.Event)
    child: multiprocessing.process.BaseProcess | None = None
    guard: threading.Lock = field(default_factory=threading.Lock)

    def halt(self) -> None:
        """Stop regenerating, and end the whole site's regeneration if one runs."""
        with self.guard:
            self.stop.set()
            if self.child is not None:
                self.child.kill()

    @property
    def lock(self) -> Path:
        return self.docs.parent / LOCK

    def run(self) -> None:
        while not self.stop.is_set():
            if self.edits.changed.wait(0.5):
                self.once(self.edits.take())

    def say(self, errors: list[str]) -> bool:
        """Put the content's current errors where the preview's pages show them; True when that changed."""
        return self.server.keep(PROBLEMS, json.dumps({"errors": errors}, ensure_ascii=False).encode("utf-8"))

    def once(self, paths: set[Path]) -> None:
        if self.only is not None:
            built = _regenerate(self.config_file, self.only, _WritesLocked(self.lock))
            told = self.say(errors_of(built.report))
            if told or (isinstance(built, pipeline.Generated) and built.written):
                self.server.rebuild()
            return
        departments = _departments(paths, self.content)
        if departments and len(departments) <= FIRST_STEP_AT_MOST:
            first = self.own_pages_first(departments)
            if first is None:
                self.server.rebuild()  # the open pages reload and show the errors
                return
            if first:
                self.server.rebuild(wait=True)  # before the whole site's regeneration takes a core
            click.echo("本部门页面已更新，正在更新全区页面……")
        if self.whole_site(quiet=bool(departments)):
            self.server.rebuild()

    def own_pages_first(self, departments: set[str]) -> bool | None:
        """Write the departments' own pages into the whole site's Markdown, each regenerated as `--only` does.
        True when a file changed; None when the content has errors (the preview keeps its last result)."""
        written = False
        for n, dept_id in enumerate(sorted(departments)):
            built = _regenerate(self.config_file, dept_id, quiet=n > 0)  # the same content's problems, said once
            self.say(errors_of(built.report))
            if not isinstance(built, pipeline.Generated):
                return None
            shown, engine = built.shown, built.engine
            dept = shown.department(dept_id)
            if dept is None:
                continue  # a department folder without a valid department.yml: the whole site will say so
            items: list[Procedure | Posting | NormativeDocument] = [*shown.procedures, *shown.postings]
            items += shown.registers.documents
            own = owned_by(dept, [item for item in items if item.department == dept_id])
            source = engine.mkdocs_yml.parent / "docs"
            with _locked(self.lock):
                for path in source.rglob("*"):
                    rel = path.relative_to(source).as_posix()
                    if path.is_file() and own(rel):
                        written |= site.write_if_changed(self.docs / rel, path.read_bytes())
        return written

    def whole_site(self, quiet: bool) -> bool:
        """Regenerate every page in a process of its own, stopped as soon as the content changes again; True when
        it wrote a file or the errors the pages show changed."""
        context = multiprocessing.get_context("spawn")  # a fork would copy this process's threads' locks
        receiver, sender = context.Pipe(duplex=False)
        # not a daemon: reading an attachment takes a process of its own (privacy.bounded_reading); halt() ends it
        child = context.Process(target=_whole_site, args=(self.config_file, self.lock, quiet, sender))
        with self.guard:
            if not self.stop.is_set():
                child.start()
                self.child = child
        sender.close()
        if self.child is not child:
            receiver.close()
            return False
        try:
            while not receiver.poll(0.1):
                if self.stop.is_set():
                    return False
                if self.edits.changed.is_set():
                    child.kill()
                    click.echo("内容又有修改，从新的内容重新开始。")
                    return False
                if not child.is_alive():
                    return False
            written, errors = receiver.recv()
            return bool(written) | self.say(errors)
        except EOFError:  # the process ended without an answer: it printed why
            return False
        finally:
            receiver.close()
            child.join()


def _port_free(host: str, port: int) -> None:
    """Stop with a message before the first build when another program already listens on the port."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        click.echo(
            f"无法在 {host}:{port} 上预览（{exc.strerror}）：端口可能已被占用，请用 --port 换一个端口。", err=True
        )
        raise SystemExit(2) from None


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


@contextlib.contextmanager
def _watching(content: Path, config_file: Path, edits: _Edits) -> Iterator[None]:
    """Note every change in the content folder and to site_config.yml (not in the folders generate writes)."""
    observer = Observer()
    observer.schedule(_Changes(edits), str(content), recursive=True, event_filter=CHANGES)
    observer.schedule(_Changes(edits, config_file), str(config_file.parent), recursive=False, event_filter=CHANGES)
    observer.start()
    try:
        yield
    finally:
        observer.stop()
        observer.join()


def serve(config_file: Path, host: str, port: int, only: str | None = None, engine: EngineName | None = None) -> None:
    """Serve the site at host:port, rebuilding after every content edit; `only` previews one department's pages.

    The preview is built by mkdocs-material whatever `engine` (else site_config.yml) names: it says so when that
    is another engine."""
    first = _regenerate(config_file, only)
    checked = first.checked if isinstance(first, pipeline.Generated) else first
    if isinstance(checked, pipeline.Checked) and only is not None and only not in checked.content.department_ids:
        known = "、".join(sorted(checked.content.department_ids))
        click.echo(f"没有部门 {only}（--only 写部门目录名，可选：{known}）。", err=True)
        raise SystemExit(2)
    if not isinstance(first, pipeline.Generated):
        raise SystemExit(first.report.exit_code or 1)
    project, written = first.checked.project, first.engine
    if (engine or project.config.engine) != ENGINE:
        click.echo(
            f"预览总是用 {ENGINE} 生成页面；disclose build 仍用 {engine or project.config.engine}。"
            "两者的页面内容相同，外观略有不同。",
            err=True,
        )
    _port_free(host, port)
    site_dir = Path(tempfile.mkdtemp(prefix="disclose-preview-"))
    docs = written.mkdocs_yml.parent / "docs"
    server = LivePreview(written.mkdocs_yml, host, port, site_dir, lambda: _locked(docs.parent / LOCK))
    regenerating = _Regenerating(config_file, only, project.paths.content.absolute(), docs, server)
    signal.signal(signal.SIGTERM, _stop)  # stopped by a service manager or a test: the temporary site goes too
    try:
        with _watching(regenerating.content, config_file.absolute(), regenerating.edits):
            regenerating.say(errors_of(first.report))
            threading.Thread(target=regenerating.run, daemon=True).start()  # edits during the first build count
            server.build()
            click.echo(f"预览地址 / preview: {server.url}（修改 YAML 后页面自动刷新，按 Ctrl+C 退出）")
            server.serve()
    finally:
        regenerating.halt()
        shutil.rmtree(site_dir, ignore_errors=True)
