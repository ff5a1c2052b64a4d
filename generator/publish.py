"""Atomic publishing: build a new release, verify it, then switch the live link in one rename.

    DIR/current                       a symbolic link to the live release (point the web server here)
    DIR/releases/<time>/              one folder per release, never changed after it is verified
    DIR/releases/<time>.manifest.json every file of that release and its SHA-256
    DIR/target.json                   the audience this target serves, fixed by its first publish,
                                      and the last line of its ledger
    DIR/ledger.jsonl                  what went live and when (see ledger.py), kept across releases
    DIR/.lock                         held by the one publish or rollback running on this target

A release is built in a hidden folder and only renamed into releases/ once it is verified,
so neither a failed build nor a half-written one ever becomes, or touches, the live site.
A build whose files are those of the live release (the search index aside, which Pagefind
writes in a varying order from the same pages) makes no new release. The manifest also
keeps what the publish did (`Summary`), which `--list` shows; `rollback` switches to any
verified release, older or newer than the live one.
One publish at a time: the others wait for the lock (or give up with exit 2). A publish that
was killed leaves a hidden folder that the next one removes. An OS error (disk full,
permission denied) stops the publish with `current` untouched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import codes, ledger, pipeline
from .config import EngineName
from .domain.recipients import Scope
from .problems import Loc, Problem, Report, Stopped, problem
from .progress import Progress

RELEASES = "releases"
CURRENT = "current"
BUILDING = ".building-"
MANIFEST = ".manifest.json"
TARGET = "target.json"
LOCK = ".lock"
WAIT = 600
"""Seconds a publish waits for another one on the same target before giving up."""
VERIFY = "核对"
"""The publish's own stage after the build: hash the new release and check it against its manifest."""


class PublishError(Stopped):
    """The publish folder is not in a state we can switch safely, or the system refused a write."""


DERIVED = ("pagefind/",)
"""Folders of a release made from its pages, left out when a build is compared with the live release: Pagefind
writes the same index with its filter file in a varying order."""
EVENTS = {"import": "live", "live": "live", "change": "changed", "withdrawn": "withdrawn", "removed": "removed"}
"""The ledger's events, as a publish's summary counts them: an item imported by the first publish went live then."""


@dataclass(frozen=True)
class Summary:
    """What one publish did, kept in its release's manifest: when, how many pages, and the items that went live,
    changed, were withdrawn or left the site (by ledger key)."""

    published: str = ""
    pages: int = 0
    live: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @classmethod
    def of(cls, published: dt.datetime, pages: int, entries: list[ledger.Entry]) -> Summary:
        """The summary of a publish that added these ledger lines."""
        grouped: dict[str, list[str]] = {kind: [] for kind in EVENTS.values()}
        for entry in entries:
            if entry.event in EVENTS:
                grouped[EVENTS[entry.event]].append(entry.item)
        return cls(
            published.isoformat(), pages, *(tuple(grouped[k]) for k in ("live", "changed", "withdrawn", "removed"))
        )

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def read(cls, raw: object) -> Summary | None:
        """The summary kept in a manifest; None for a release made before manifests kept one."""
        if not isinstance(raw, dict):
            return None
        try:
            lists = {k: tuple(str(i) for i in raw.get(k) or ()) for k in ("live", "changed", "withdrawn", "removed")}
            return cls(str(raw.get("published", "")), int(raw.get("pages") or 0), **lists)
        except (TypeError, ValueError):  # a manifest edited by hand: its files are checked, its summary not shown
            return None


@dataclass
class Published:
    """The outcome of one publish: the report, the release now live, and releases removed; with `unchanged`, the live
    release that the build was identical to (no release was made)."""

    report: Report
    release: Path | None = None
    removed: list[Path] = field(default_factory=list)
    built: pipeline.Built | pipeline.Stopped | None = None
    cleaned: list[Path] = field(default_factory=list)
    summary: Summary | None = None
    unchanged: Path | None = None


def releases(to: Path) -> list[Path]:
    """Finished releases, oldest first."""
    folder = to / RELEASES
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def live(to: Path) -> Path | None:
    """The release `current` points to, if any."""
    link = to / CURRENT
    if not link.is_symlink():
        if link.exists():
            raise PublishError(
                f"{link} 不是符号链接，无法原子切换。请先把它移走。",
                f"{link} is not a symbolic link, so it cannot be switched atomically; move it away first.",
            )
        return None
    return (to / os.readlink(link)).resolve()


def switch(to: Path, release: Path) -> None:
    """Point `current` at `release` atomically: a new link under a temporary name, renamed over the old one."""
    live(to)  # refuses a `current` that is a real folder
    tmp = to / f".{CURRENT}-{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(release.relative_to(to).as_posix(), tmp)
    os.replace(tmp, to / CURRENT)


def manifest_of(release: Path) -> Path:
    return release.with_name(release.name + MANIFEST)


def hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (path relative to it) and its SHA-256."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            if path.is_symlink():
                found[path.relative_to(folder).as_posix()] = "symlink"
            continue
        h = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        found[path.relative_to(folder).as_posix()] = h.hexdigest()
    return found


def write_manifest(release: Path, files: dict[str, str], summary: Summary | None = None) -> None:
    """Record the release's files and hashes beside it, and what its publish did; written whole or not at all."""
    kept: dict[str, object] = {"files": files}
    if summary is not None:
        kept["release"] = summary.as_dict()
    _write_atomic(manifest_of(release), json.dumps(kept, ensure_ascii=False, indent=0, sort_keys=True))


def read_manifest(release: Path) -> dict[str, object] | None:
    """A release's manifest, or None when it is missing or unreadable."""
    try:
        kept = json.loads(manifest_of(release).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return kept if isinstance(kept, dict) and isinstance(kept.get("files"), dict) else None


def same_site(files: dict[str, str], other: dict[str, str]) -> bool:
    """Whether two releases hold the same files with the same content, the derived search index aside."""

    def kept(found: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in found.items() if not k.startswith(DERIVED)}

    return kept(files) == kept(other)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _incomplete(release: Path, zh: str, en: str) -> Problem:
    return problem(
        codes.RELEASE_INCOMPLETE, Loc(release.name), f"{zh}未切换上线。", f"{en} The live site was not switched."
    )


def verify(release: Path, expected: dict[str, str] | None = None) -> list[Problem]:
    """The release holds exactly the files of its manifest, each with its hash, and a home page.

    A release made before manifests were kept (no manifest beside it) can only be checked for its home page.
    """
    if expected is None and not manifest_of(release).exists():
        expected = {"index.html": ""} if (release / "index.html").is_file() else {}
        if "index.html" in expected:
            return []
    if expected is None:
        try:
            expected = json.loads(manifest_of(release).read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return [
                _incomplete(release, "新版本的文件清单（manifest）无法读取，", "The release's manifest is unreadable.")
            ]
    assert expected is not None
    if "index.html" not in expected:
        return [_incomplete(release, "新版本缺少首页 index.html,", "The new release has no index.html.")]
    found = hashes(release)
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(k for k in set(expected) & set(found) if expected[k] != found[k])
    problems = []
    for what, names, en in (
        ("缺少", missing, "missing"),
        ("多出", extra, "unexpected"),
        ("内容不符", changed, "changed"),
    ):
        if names:
            shown = "、".join(names[:5]) + (f" 等 {len(names)} 个" if len(names) > 5 else "")
            problems.append(
                _incomplete(
                    release,
                    f"新版本与文件清单不一致，{what}文件：{shown}。",
                    f"The release does not match its manifest: {len(names)} file(s) {en}, e.g. {names[0]}.",
                )
            )
    return problems


def prune(to: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` releases; the live one always stays."""
    current = live(to)
    old = releases(to)[: -keep or None] if keep > 0 else []
    removed = [r for r in old if r.resolve() != current]
    for release in removed:
        manifest_of(release).unlink(missing_ok=True)
        shutil.rmtree(release)
    return removed


def clean_abandoned(to: Path) -> list[Path]:
    """Remove what a killed publish left: hidden build folders, temporary files, manifests without a release."""
    folder = to / RELEASES
    gone: list[Path] = []
    if not folder.is_dir():
        return gone
    for path in sorted(folder.iterdir()):
        orphan = path.name.endswith(MANIFEST) and not path.with_name(path.name[: -len(MANIFEST)]).is_dir()
        if path.name.startswith(".") or orphan:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            gone.append(path)
    for path in to.glob(f".{CURRENT}-*.tmp"):
        path.unlink()
        gone.append(path)
    return gone


@contextlib.contextmanager
def locked(to: Path, wait: float = WAIT) -> Iterator[None]:
    """Hold the target's exclusive lock, waiting up to `wait` seconds for another publish to finish.

    The lock is an flock on DIR/.lock: the system releases it when its holder exits, even when killed.
    """
    to.mkdir(parents=True, exist_ok=True)
    with (to / LOCK).open("a+", encoding="utf-8") as f:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    f.seek(0)
                    holder = f.read().strip() or "?"
                    raise PublishError(
                        f"另一个发布正在使用 {to}（{holder}），等待 {wait:g} 秒后仍未结束，本次未发布，线上网站未改动。"
                        "请等它结束后重试，或用 --wait 加长等待时间。",
                        f"Another publish holds the lock on {to} ({holder}); gave up after {wait:g} s. The live site "
                        "is unchanged. Try again once it is done, or wait longer with --wait.",
                    ) from None
                time.sleep(0.2)
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}, {dt.datetime.now().isoformat(timespec='seconds')}")
        f.flush()
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _target(to: Path) -> dict[str, object]:
    try:
        found = json.loads((to / TARGET).read_text(encoding="utf-8"))
        if not isinstance(found, dict):
            raise TypeError("not an object")
        return found
    except FileNotFoundError:
        return {}
    except (ValueError, TypeError) as exc:
        raise PublishError(
            f"{to / TARGET} 无法读取（{exc}），请恢复该文件。", f"{to / TARGET} is unreadable ({exc}); restore it."
        ) from None


def target_audience(to: Path) -> str | None:
    """The audience this target was first published for, if it has been."""
    audience = _target(to).get("audience")
    return None if audience is None else str(audience)


def target_ledger(to: Path) -> ledger.Ledger:
    """The target's ledger, verified against its chain and against the last line target.json recorded."""
    kept = _target(to).get("ledger")
    head = kept.get("head") if isinstance(kept, dict) else None
    lines = kept.get("lines") if isinstance(kept, dict) else None
    return ledger.read(to / ledger.LEDGER, str(head) if head else None, int(lines) if lines is not None else None)


def check_audience(to: Path, scope: str) -> None:
    """Refuse to switch a build for one audience onto a target that serves another."""
    kept = target_audience(to)
    if kept is not None and kept != scope:
        raise PublishError(
            f"发布目录 {to} 首次发布时记录的公开对象是 {kept}，本次生成的是 {scope}，不能发布到这里；线上网站未改动。"
            "请核对 --to 和 --audience。",
            f"{to} serves the {kept} audience; a {scope} build is never switched live on it. The live site is "
            "unchanged; check --to and --audience.",
        )


def _stamp(to: Path) -> str:
    base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name, n = base, 1
    while (to / RELEASES / name).exists() or manifest_of(to / RELEASES / name).exists():
        n += 1
        name = f"{base}-{n:03d}"
    return name


@contextlib.contextmanager
def os_errors(to: Path) -> Iterator[None]:
    """Turn a refused write (disk full, permission denied…) into a clear message; `current` is never touched."""
    try:
        yield
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            what = "磁盘已满"
        elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            what = "没有写入权限"
        else:
            what = "系统拒绝了文件操作"
        raise PublishError(
            f"发布到 {to} 失败：{what}（{exc.strerror}:{exc.filename or to}）。线上网站未改动；请腾出空间或检查权限后重试。",
            f"Publishing to {to} failed: {exc.strerror} ({exc.filename or to}). The live site is unchanged; free some "
            "space or check the permissions, then try again.",
        ) from exc


def publish(
    config_file: Path,
    to: Path,
    as_of: dt.date,
    *,
    keep: int = 5,
    scope: Scope = "public",
    wait: float = WAIT,
    progress: Progress | None = None,
    engine: EngineName | None = None,
) -> Published:
    """Build into a new release (with `engine`, else the one site_config.yml names), verify it, switch `current`
    to it, keep the newest `keep` releases.

    A build identical to the live release is removed again and nothing changes (`Published.unchanged`)."""
    with os_errors(to):
        live(to)
        with locked(to, wait):
            return _publish(config_file, to, as_of, keep, scope, progress or Progress(), engine)


def _publish(
    config_file: Path,
    to: Path,
    as_of: dt.date,
    keep: int,
    scope: Scope,
    progress: Progress,
    engine: EngineName | None,
) -> Published:
    current = live(to)
    check_audience(to, scope)
    cleaned = clean_abandoned(to)
    (to / RELEASES).mkdir(parents=True, exist_ok=True)
    name = _stamp(to)
    building = to / RELEASES / f"{BUILDING}{name}"
    release = to / RELEASES / name
    led = dataclasses.replace(target_ledger(to), goes_live=dt.date.today())
    try:
        built = pipeline.build(config_file, as_of, building, scope, led, progress=progress, engine=engine)
        report = built.report
        if report.exit_code or not isinstance(built, pipeline.Built):
            return Published(report, built=built, cleaned=cleaned)
        now = dt.datetime.now().astimezone().replace(microsecond=0)
        new = ledger.changes(led, built.generated.shown, built.generated.numbers, now, scope)
        so_far = led.path.read_text(encoding="utf-8") if led.entries else ""
        (building / ledger.LEDGER).write_text(so_far + ledger.render(new, led.head), encoding="utf-8")
        with progress.stage(VERIFY) as advance:
            files = hashes(building)
            kept = read_manifest(current) if current is not None else None
            if current is not None and kept is not None and same_site(files, kept["files"]):  # type: ignore[arg-type]
                advance(len(files))
                return Published(report, built=built, cleaned=cleaned, unchanged=current)
            summary = Summary.of(now, built.generated.pages, new)
            write_manifest(release, files, summary)
            building.rename(release)
            report.extend(verify(release, files))
            advance(len(files))
        if report.exit_code:
            manifest_of(release).unlink(missing_ok=True)
            shutil.rmtree(release)
            return Published(report, built=built, cleaned=cleaned)
    except BaseException:
        manifest_of(release).unlink(missing_ok=True)
        if release.is_dir():
            shutil.rmtree(release)
        raise
    finally:
        if building.exists():
            shutil.rmtree(building)
    head, lines = ledger.append(led.path, led, new)
    target = {"audience": scope, "ledger": {"lines": lines, "head": head}}
    _write_atomic(to / TARGET, json.dumps(target, ensure_ascii=False) + "\n")
    switch(to, release)
    return Published(report, release, prune(to, keep), built, cleaned, summary)


def rollback(to: Path, wait: float = WAIT, name: str | None = None) -> Path:
    """Point `current` at the release called `name` (by default the one before the live one), older or newer, once it
    is verified against its manifest; return it."""
    with os_errors(to), locked(to, wait):
        current = live(to)
        done = releases(to)
        if name is not None:
            chosen = next((r for r in done if r.name == name), None)
            if chosen is None:
                raise PublishError(
                    f"{to} 中没有这个版本，线上网站未改动；用 disclose publish --to {to} --list 查看现有的版本。",
                    f"{to} has no release {name}; nothing was switched. See the releases with --list.",
                )
        else:
            if current is None or current not in [r.resolve() for r in done]:
                raise PublishError(
                    f"{to} 没有正在使用的版本，无法回退。",
                    f"Nothing is live under {to}, so there is nothing to roll back.",
                )
            index = [r.resolve() for r in done].index(current)
            if index == 0:
                raise PublishError("没有更早的版本可以回退。", "There is no earlier release to go back to.")
            chosen = done[index - 1]
        broken = verify(chosen)
        if broken:
            raise PublishError(
                "\n".join(p.zh for p in broken) + f"\n版本 {chosen.name} 与它的文件清单不符，未切换。",
                "\n".join(p.en for p in broken)
                + f"\nRelease {chosen.name} does not match its manifest; not rolled back.",
            )
        switch(to, chosen)
        return chosen


@dataclass(frozen=True)
class Release:
    """A finished release as `--list` shows it: what its publish did, whether it is live, what its check found."""

    path: Path
    summary: Summary | None
    current: bool
    problems: tuple[Problem, ...]


def listing(to: Path, advance: Callable[[int], None] | None = None) -> list[Release]:
    """Every finished release, oldest first, each checked against its manifest (every file hashed)."""
    current = live(to)
    found = []
    for release in releases(to):
        kept = read_manifest(release)
        summary = Summary.read(kept.get("release")) if kept is not None else None
        found.append(Release(release, summary, release.resolve() == current, tuple(verify(release))))
        if advance is not None:
            advance(1)
    return found
