"""When each content file first appeared on the checked-out branch, read from git in one pass.

The history follows first parents only, so an item merged into the main branch dates from its
merge, not from the earlier commit on a side branch. Renames carry the first date along.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Skip = Literal["no-git", "not-a-repo", "shallow"]


@dataclass(frozen=True)
class Added:
    """The commit that first brought a file in, and its commit date."""

    date: dt.date
    commit: str


@dataclass(frozen=True)
class History:
    """First appearance of every committed file under a folder, keyed by absolute path."""

    first_seen: Mapping[Path, Added] = field(default_factory=dict)
    imported: frozenset[str] = frozenset()
    """Commits at or before `since_ref`: history imported in bulk."""
    skipped: Skip | None = None
    since_unknown: bool = False


MAIN_LINE = ("log", "--first-parent", "--diff-merges=first-parent", "--reverse")
"""The main branch's own history, oldest first: a merged item dates from its merge."""


class _GitFailed(Exception):
    """git ran and said no."""


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    if done.returncode != 0:
        raise _GitFailed(done.stderr.strip())
    return done.stdout


def read_history(folder: Path, since_ref: str | None = None) -> History:
    """Read the first-appearance dates of every file under `folder` (at most three git processes)."""
    try:
        top, shallow = _git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository").split()
    except FileNotFoundError:
        return History(skipped="no-git")
    except (_GitFailed, ValueError):
        return History(skipped="not-a-repo")
    if shallow == "true":
        return History(skipped="shallow")
    try:
        log = _git(
            folder,
            *MAIN_LINE,
            "-M",
            "--diff-filter=AR",
            "--name-status",
            "-z",
            "--format=%x01%H %cs",
            "--",
            ".",
        )
    except _GitFailed:  # a repository without commits yet
        log = ""
    first_seen = parse_log(log, Path(top))
    if since_ref is None:
        return History(first_seen)
    try:
        imported = frozenset(_git(folder, "rev-list", since_ref, "--").split())
    except _GitFailed:
        return History(first_seen, since_unknown=True)
    return History(first_seen, imported)


def parse_log(log: str, top: Path) -> dict[Path, Added]:
    """Parse `git log --reverse --name-status -z --format=%x01%H %cs` into first appearances."""
    first: dict[Path, Added] = {}  # `top` is already a real path, as git prints it
    for chunk in log.split("\x01")[1:]:
        header, *fields = chunk.split("\x00")
        commit, date = header.split()
        added = Added(dt.date.fromisoformat(date), commit)
        tokens = iter(f.strip() for f in fields)
        for status in tokens:
            if status.startswith("R"):
                old, new = top / next(tokens), top / next(tokens)
                first.setdefault(new, first.get(old, added))
            elif status == "A":
                first.setdefault(top / next(tokens), added)
    return first


@dataclass(frozen=True)
class Change:
    """One change to one content file on the main line: A(dded), M(odified) or D(eleted)."""

    date: dt.date
    status: str
    path: str


def read_changes(folder: Path) -> list[Change] | None:
    """Every add, change and removal of a file under `folder` (paths relative to it), oldest first; None outside git."""
    try:
        log = _git(
            folder,
            *MAIN_LINE,
            "--relative",
            "--no-renames",
            "--name-status",
            "-z",
            "--format=%x01%cs",
            "--",
            ".",
        )
    except (FileNotFoundError, _GitFailed):
        return None
    changes: list[Change] = []
    for chunk in log.split("\x01")[1:]:
        header, *fields = chunk.split("\x00")
        date = dt.date.fromisoformat(header.strip())
        tokens = iter(f.strip() for f in fields if f.strip())
        for status in tokens:
            changes.append(Change(date, status[0], next(tokens)))
    return changes


def last_changed(folder: Path) -> dict[str, dt.date]:
    """When each file under `folder` (path relative to it) was last added or changed on the main line; empty outside git."""
    dates: dict[str, dt.date] = {}
    for change in read_changes(folder) or ():
        if change.status == "D":
            dates.pop(change.path, None)
        else:
            dates[change.path] = change.date
    return dates
