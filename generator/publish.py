"""Atomic publishing: build a new release, verify it, then switch the live link in one rename.

    DIR/releases/<time>/   one folder per release, never changed after it is verified
    DIR/current            a symbolic link to the live release (point the web server here)

A release is built in a hidden folder and only renamed into releases/ once it is verified,
so neither a failed build nor a half-written one ever becomes, or touches, the live site.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import codes, pipeline
from .problems import Loc, Problem, Report, problem
from .rules.audience import Scope

RELEASES = "releases"
CURRENT = "current"
BUILDING = ".building-"


class PublishError(Exception):
    """The publish folder is not in a state we can switch safely."""


@dataclass
class Published:
    """The outcome of one publish: the report, the release now live, and releases removed."""

    report: Report
    release: Path | None = None
    removed: list[Path] = field(default_factory=list)
    built: pipeline.Built | None = None


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
            raise PublishError(f"{link} 不是符号链接,无法原子切换。请先把它移走 / {link} is not a symbolic link.")
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


def verify(site_dir: Path) -> list[Problem]:
    """A release is usable: it has a home page (privacy and leak scans ran in the build)."""
    if (site_dir / "index.html").is_file():
        return []
    return [
        problem(
            codes.RELEASE_INCOMPLETE,
            Loc(site_dir.name),
            "新版本缺少首页 index.html,未切换上线。",
            "The new release has no index.html; the live site was not switched.",
        )
    ]


def prune(to: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` releases; the live one always stays."""
    current = live(to)
    old = releases(to)[: -keep or None] if keep > 0 else []
    removed = [r for r in old if r.resolve() != current]
    for release in removed:
        shutil.rmtree(release)
    return removed


def _stamp(to: Path) -> str:
    base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name, n = base, 1
    while (to / RELEASES / name).exists():
        n += 1
        name = f"{base}-{n:03d}"
    return name


def publish(config_file: Path, to: Path, as_of: dt.date, *, keep: int = 5, scope: Scope = "public") -> Published:
    """Build into a new release, verify it, switch `current` to it, keep the newest `keep` releases."""
    live(to)
    (to / RELEASES).mkdir(parents=True, exist_ok=True)
    name = _stamp(to)
    building = to / RELEASES / f"{BUILDING}{name}"
    try:
        built = pipeline.build(config_file, as_of, building, scope)
        report = built.checked.report
        if not report.exit_code:
            report.extend(verify(building))
        if report.exit_code:
            return Published(report, built=built)
        release = building.rename(to / RELEASES / name)
    finally:
        if building.exists():
            shutil.rmtree(building)
    switch(to, release)
    return Published(report, release, prune(to, keep), built)


def rollback(to: Path) -> Path:
    """Point `current` back at the release before the live one; return it."""
    current = live(to)
    done = releases(to)
    if current is None or current not in [r.resolve() for r in done]:
        raise PublishError(f"{to} 没有正在使用的版本,无法回退 / nothing is live under {to}.")
    index = [r.resolve() for r in done].index(current)
    if index == 0:
        raise PublishError("没有更早的版本可以回退 / there is no earlier release to go back to.")
    previous = done[index - 1]
    switch(to, previous)
    return previous
