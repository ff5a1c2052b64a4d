"""修订记录: the changes made to an item after it was published, with their date and the fields they touched; a
corrected 公开日期 shows both dates. Only changes after the item first went live count: per the ledger when a publish
target's ledger is given (an empty one, a first publish, has none yet), else per git after `backdating_since`.

From the publication ledger when one is given (each `change` or `withdrawn` line names its changed fields, and
a change not yet recorded is dated the day it goes live), else from git history of the item's file on the main
line (each commit after the one that published it, comparing the fields as parsed, so a comment or a line break
moved is no revision). Pure apart from `from_git`, which reads git once for the whole content folder.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from . import gitdates
from .content import Content
from .ledger import Item, Ledger, digests, items, key_of
from .model import Posting
from .schema import fields_of, label_of
from .yamlload import Map, Node, Scalar, Seq, YamlError, parse_text

QUIET = frozenset({"index_no"})
"""Fields whose change is bookkeeping, not a revision of what the item says."""


@dataclass(frozen=True)
class Revision:
    """One change to a published item: when, which fields (by their Chinese labels), and, when its 公开日期 was
    corrected, from which date to which."""

    date: dt.date
    fields: tuple[str, ...]
    published: tuple[dt.date, dt.date] | None = None

    @property
    def shown(self) -> tuple[str, ...]:
        """What the 修订记录 says was changed: the fields, a corrected 公开日期 with both dates."""
        if self.published is None:
            return self.fields
        label = label_of(Posting, "published")
        was, now = self.published
        return tuple(f"{label}（由 {was} 更正为 {now}）" if f == label else f for f in self.fields)


def _corrected(before: object, after: object) -> tuple[dt.date, dt.date] | None:
    """The 公开日期 before and after a change, when both are dates and differ."""
    try:
        was, now = (v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)) for v in (before, after))
    except ValueError:
        return None
    return (was, now) if was != now else None


def _labels(item: Item, keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The Chinese labels of the changed fields, in the order the fields are declared."""
    wanted = set(keys) - QUIET
    return tuple(info.spec.label for info in fields_of(type(item)) if info.key in wanted)


def from_ledger(content: Content, ledger: Ledger, goes_live: dt.date) -> dict[str, list[Revision]]:
    """Each item's revisions by ledger key: the ledger's change lines, and the change the next publish records."""
    out: dict[str, list[Revision]] = {}
    for item in items(content):
        key = key_of(item)
        history = ledger.history(key)
        found = [
            Revision(e.at.date(), labels, _corrected(p.published, e.published) if "published" in e.changed else None)
            for p, e in itertools.pairwise(history)
            if e.event in ("change", "withdrawn") and (labels := _labels(item, list(e.changed)))
        ]
        if history and history[-1].fields and history[-1].event != "removed":
            now, before = digests(item), history[-1].fields
            changed = sorted(k for k in now.keys() | before.keys() if now.get(k) != before.get(k))
            labels = _labels(item, changed)
            if labels:
                published = getattr(item, "published", None) if "published" in changed else None
                found.append(Revision(goes_live, labels, _corrected(history[-1].published, published)))
        if found:
            out[key] = found
    return out


def plain(node: Node | None) -> object:
    """A parsed YAML value without its locations, comments or layout."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [plain(n) for n in node.items]
    if isinstance(node, Map):
        return {k: plain(v) for k, (_, v) in node.entries.items()}
    return None


def fields_in(text: str) -> dict[str, object] | None:
    """The top-level fields of one version of a file; None when that version does not parse."""
    try:
        node = parse_text(text, "")
    except YamlError:
        return None
    value = plain(node)
    return value if isinstance(value, dict) else None


def changed_keys(old: str, new: str) -> list[str] | None:
    """The top-level fields that differ between two versions of a file, or None when either does not parse."""
    before, after = fields_in(old), fields_in(new)
    if before is None or after is None:
        return None
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def from_git(
    content: Content, versions: Mapping[str, list[gitdates.Version]], since: dt.date | None = None
) -> dict[str, list[Revision]]:
    """Each item's revisions by ledger key, from the versions git holds of its file (see gitdates.read_versions).

    The first version is the item as added; for a posting, the version that first gave a `published` date is its
    publication. Every later version that changed a field is a revision on its commit's date, except those made
    on or before `since` (`timeliness.backdating_since`: history imported in bulk, not a record of revisions).
    """
    out: dict[str, list[Revision]] = {}
    prefix = content.root.name + "/"
    for item in items(content):
        if not item.loc.file.startswith(prefix):
            continue
        kept = versions.get(item.loc.file[len(prefix) :])
        if not kept:
            continue
        found: list[Revision] = []
        live = not isinstance(item, Posting)
        previous = kept[0].text
        for version in kept[1:] if live else kept:
            if not live:
                parsed = fields_in(version.text)
                live = bool(parsed and parsed.get("published"))
                previous = version.text
                continue
            changed = changed_keys(previous, version.text)
            corrected = None
            if changed and "published" in changed:
                corrected = _corrected(*((fields_in(t) or {}).get("published") for t in (previous, version.text)))
            previous = version.text
            labels = _labels(item, changed or [])
            if labels and (since is None or version.date > since):
                found.append(Revision(version.date, labels, corrected))
        if found:
            out[key_of(item)] = found
    return out
