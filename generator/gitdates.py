"""When each content file first appeared on the checked-out branch, and when its `published` value did,
read from git in one pass.

The history follows first parents only, so an item merged into the main branch dates from its
merge, not from the earlier commit on a side branch. A rename carries the dates along only when
the content kept its identity (git's rename detection, 50% similar); a file rewritten in place
(half or more of its bytes replaced) is a new item from that commit on. The date that counts for a
posting's `published` value is the commit that introduced that value, not the file's first commit.

What git cannot tell: its dates are written by whoever makes the commit. A commit that reaches the
main branch as a fast-forward keeps the date its author set (GIT_COMMITTER_DATE), so a forged
date passes here. The publication ledger (ledger.py), written by the publish target's own clock,
closes that hole; git stays the signal where no ledger is given.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Skip = Literal["no-git", "not-a-repo", "shallow"]


@dataclass(frozen=True)
class Added:
    """The commit that first brought a file in, and its commit date."""

    date: dt.date
    commit: str


Identity = tuple[str | None, str | None]
"""A posting's title and category as written at the top of its file: what makes it the item it is (ledger.IDENTITY
says the same of the ledger's items; the records it describes are judged by the ledger only)."""


@dataclass(frozen=True)
class Live:
    """What git says of the item that went live from a posting file: its identity, its category when it first went
    live, and the commit that wrote another item over it, while the file still holds that other item."""

    identity: Identity
    category: str | None
    replaced_by: Added | None = None


@dataclass(frozen=True)
class History:
    """First appearance of every committed file under a folder, keyed by absolute path."""

    first_seen: Mapping[Path, Added] = field(default_factory=dict)
    introduced: Mapping[Path, tuple[str | None, Added]] = field(default_factory=dict)
    """The file's last `published` value in history, and the commit that introduced it (or that last rewrote
    the file, whichever is later)."""
    imported: frozenset[str] = frozenset()
    """Commits at or before `since_ref`: history imported in bulk."""
    live: Mapping[Path, Live] = field(default_factory=dict)
    """Each posting file whose item went live on the main line (had a `published` date), by absolute path."""
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


def read_history(folder: Path, since_ref: str | None = None, since_date: dt.date | None = None) -> History:
    """Read the first-appearance dates of every posting file under `folder` (at most three git processes).

    Commits at or before `since_ref` (a commit) or `since_date` are history imported in bulk: what they did to an
    item's identity or category is accepted as it is.
    """
    try:
        top, shallow = _git(folder, "rev-parse", "--show-toplevel", "--is-shallow-repository").split()
    except FileNotFoundError:
        return History(skipped="no-git")
    except (_GitFailed, ValueError):
        return History(skipped="not-a-repo")
    if shallow == "true":
        return History(skipped="shallow")
    imported: frozenset[str] = frozenset()
    if since_ref is not None:
        try:
            imported = frozenset(_git(folder, "rev-list", since_ref, "--").split())
        except _GitFailed:
            return History(since_unknown=True)
    try:
        log = _git(folder, "-c", "core.quotepath=off", *MAIN_LINE, *PATCH_LOG, "--", POSTINGS)
    except _GitFailed:  # a repository without commits yet
        log = ""

    def bulk(added: Added) -> bool:
        return added.commit in imported or (since_date is not None and added.date <= since_date)

    first_seen, introduced, live = parse_patch_log(log, Path(top), bulk)
    return History(first_seen, introduced, imported, live=live)


POSTINGS = "*/postings/*.yml"
"""Only postings have a published date: reading the changed lines of other files would cost time for nothing."""
PATCH_LOG = ("-M", "--raw", "-p", "-U0", "--no-color", "--no-ext-diff", "--format=%x01%H %cs")
"""Each commit's changed files (with renames) and only the changed lines of each."""
PUBLISHED_LINE = re.compile(r"^published:\s*['\"]?(\d{4}-\d{2}-\d{2})")
IDENTITY_LINE = re.compile(r"^(title|category):[ \t]*(.*?)[ \t]*$")


def _scalar(raw: str) -> str:
    """A one-line YAML value as written, without its quotes or a trailing comment."""
    if raw[:1] in "'\"" and raw[-1:] == raw[:1] and len(raw) > 1:
        return raw[1:-1]
    return re.sub(r"\s+#.*$", "", raw)


def identity_of(text: str) -> Identity:
    """A posting file's title and category as written at the top level (the same reading as the history's)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        m = IDENTITY_LINE.match(line)
        if m:
            found.setdefault(m.group(1), _scalar(m.group(2)))
    return found.get("title"), found.get("category")


@dataclass
class _Track:
    """What the history says so far about one file."""

    first: Added
    since: Added
    since_at: int
    value: str | None = None
    size: int = 0
    """Bytes, counted from the changed lines."""
    title: str | None = None
    category: str | None = None
    live: Identity | None = None
    """The identity of the item that went live (accepted as it changed one field at a time, or in bulk history)."""
    first_category: str | None = None
    held: tuple[Added, int] | None = None
    """`since` as it was before a commit wrote another item over the live one (restored when the item comes back)."""


def _unquote(path: str) -> str:
    """A path as git prints it: C-quoted when it holds unusual characters."""
    if path.startswith('"') and path.endswith('"'):
        raw = path[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        return raw.encode("latin-1").decode("utf-8", "replace")
    return path


def parse_patch_log(
    log: str, top: Path, bulk: Callable[[Added], bool] = lambda _: False
) -> tuple[dict[Path, Added], dict[Path, tuple[str | None, Added]], dict[Path, Live]]:
    """Parse `git log --raw -p -U0` (PATCH_LOG) into first appearances, where each published value came from, and
    what went live from each file (`bulk`: a commit of history imported in bulk)."""
    tracks: dict[str, _Track] = {}
    for n, chunk in enumerate(log.split("\x01")[1:]):
        header, _, body = chunk.partition("\n")
        commit, date = header.split()
        added = Added(dt.date.fromisoformat(date), commit)
        raw, _, patch = body.partition("\ndiff --git ")
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            status, *paths = line.split("\t")
            kind = status.split()[-1][0]
            paths = [_unquote(p) for p in paths]
            if kind == "A":
                tracks[paths[0]] = _Track(added, added, n)
            elif kind == "D":
                tracks.pop(paths[0], None)
            elif kind == "R":
                moved = tracks.pop(paths[0], None)
                tracks[paths[1]] = moved if moved is not None else _Track(added, added, n)
        for section in ("diff --git " + patch).split("\ndiff --git ")[0 if patch else 1 :]:
            _apply(section, tracks, added, n, bulk(added))
    first = {top / path: t.first for path, t in tracks.items()}
    introduced = {top / path: (t.value, t.since) for path, t in tracks.items()}
    live = {
        top / path: Live(t.live, t.first_category, t.since if t.held else None)
        for path, t in tracks.items()
        if t.live is not None
    }
    return first, introduced, live


def _apply(section: str, tracks: dict[str, _Track], added: Added, n: int, bulk: bool = False) -> None:
    """One file's changed lines in one commit: count them, and note a new published value, a rewrite, or another
    item written over the live one."""
    lines = section.split("\n")
    path = next((_unquote(x[6:]) for x in lines if x.startswith("+++ b/")), None)
    track = tracks.get(path) if path else None
    if track is None:
        return
    minus = plus = 0  # bytes
    value: str | None = track.value
    hunks = False
    for line in lines:
        hunks = hunks or line.startswith("@@")
        if not hunks:
            continue
        if line.startswith("-"):
            minus += len(line.encode("utf-8"))
            if PUBLISHED_LINE.match(line[1:]):
                value = None
            if (m := IDENTITY_LINE.match(line[1:])) is not None:
                setattr(track, m.group(1), None)
        elif line.startswith("+"):
            plus += len(line.encode("utf-8"))
            found = PUBLISHED_LINE.match(line[1:])
            if found:
                value = found.group(1)
            if (m := IDENTITY_LINE.match(line[1:])) is not None:
                setattr(track, m.group(1), _scalar(m.group(2)))
    before = track.size
    track.size = before - minus + plus
    if before and minus * 2 >= before and track.since_at != n:
        track.first = track.since = added  # rewritten in place: another item now lives in this file
        track.since_at = n
    if value != track.value:
        track.value = value
        if value is not None:
            track.since, track.since_at = added, n
    _follow_identity(track, added, n, bulk)


def _follow_identity(track: _Track, added: Added, n: int, bulk: bool) -> None:
    """After one commit: accept the item's identity as it changes one field at a time (or in bulk history); a
    commit that changes title and category at once writes another item over the live one, whose date then counts
    from that commit, until the live item comes back."""
    now = (track.title, track.category)
    if track.live is None:
        if track.value is not None:
            track.live, track.first_category = now, track.category
        return
    if bulk:
        track.live, track.first_category, track.held = now, track.category, None
    elif now[0] != track.live[0] and now[1] != track.live[1]:
        if track.held is None:
            track.held = (track.since, track.since_at)
            track.since, track.since_at = added, n
    else:
        track.live = now
        if track.held is not None:
            (track.since, track.since_at), track.held = track.held, None


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


@dataclass(frozen=True)
class Version:
    """One version of a file on the main line: the day its commit was made, and its whole text."""

    date: dt.date
    text: str


ITEM_FILES = ("*/department.yml", "*/procedures/*.yml", "*/postings/*.yml")
"""The files whose items have pages and so a 修订记录."""


def read_versions(folder: Path) -> dict[str, list[Version]]:
    """Every version of every item file under `folder` (paths relative to it) on the main line, oldest first,
    read in one git process; renames carry a file's versions along, a deleted file has none. Empty outside git."""
    try:
        log = _git(
            folder,
            "-c",
            "core.quotepath=off",
            *MAIN_LINE,
            "--relative",
            "-M",
            "-p",
            "--unified=100000000",
            "--no-color",
            "--no-ext-diff",
            "--format=%x01%cs",
            "--",
            *ITEM_FILES,
        )
    except (FileNotFoundError, _GitFailed):
        return {}
    versions: dict[str, list[Version]] = {}
    for chunk in log.split("\x01")[1:]:
        header, _, body = chunk.partition("\n")
        date = dt.date.fromisoformat(header.strip())
        for section in ("\n" + body).split("\ndiff --git ")[1:]:
            _version(section, date, versions)
    return versions


def _version(section: str, date: dt.date, versions: dict[str, list[Version]]) -> None:
    """One file's diff in one commit (with full context, so it holds the whole new text)."""
    lines = section.split("\n")
    old = new = None
    renamed_from = None
    deleted = False
    text: list[str] = []
    hunks = False
    for line in lines:
        if not hunks:
            if line.startswith("--- "):
                old = None if line == "--- /dev/null" else _unquote(line[4:])[2:]
            elif line.startswith("+++ "):
                new = None if line == "+++ /dev/null" else _unquote(line[4:])[2:]
                deleted = new is None
            elif line.startswith("rename from "):
                renamed_from = _unquote(line[len("rename from ") :])
            elif line.startswith("rename to "):
                new = _unquote(line[len("rename to ") :])
            elif line.startswith("@@"):
                hunks = True
            continue
        if line.startswith((" ", "+")):
            text.append(line[1:])
    if deleted:
        if old is not None:
            versions.pop(old, None)
        return
    if renamed_from is not None:
        moved = versions.pop(renamed_from, [])
        assert new is not None
        versions[new] = moved
        if not hunks:
            return
    if new is None:
        return
    versions.setdefault(new, []).append(Version(date, "\n".join(text) + "\n"))
