"""The publication ledger: what went live on a publish target, and when, by the target's own clock.

    DIR/ledger.jsonl   one JSON object a line, appended by every publish, never rewritten

A clerk controls the dates in git (a commit's date is whatever their machine says); nobody
controls, from a merge request, the moment the server switched a release live. So the first
line of a target's ledger opens it (`open`, with the audience it serves), and then each
publish appends one line per item that changed: `import` (already there when the ledger
began: the first publish imports the existing state, the 存量), `live` (went live for the first
time), `change` (its file changed), `withdrawn` (it was withdrawn: its page stays, marked),
`removed` (it left the site). A line holds the moment (`at`, the server's local time), the item's
stable key, its 索引号, the SHA-256 of its file, its declared published date, its withdrawal date
if withdrawn, a short hash of each of its fields (so a later line can say which fields changed:
`changed`), and `prev`: the SHA-256 of the line before it. A line edited or
removed breaks the chain; the last line is held by the head recorded in DIR/target.json.

The ledger survives every release and rollback: it lives beside `releases/`, not in one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from . import codes
from .content import Content
from .model import Department, Posting, Procedure, Record, Withdrawable, plain
from .problems import Loc, Problem, problem
from .registers.model import IN_FORCE, NormativeDocument
from .schema import Labels, fields_of

POSTING = Labels(Posting)

LEDGER = "ledger.jsonl"
GENESIS = "0" * 64
Event = Literal["open", "import", "live", "change", "withdrawn", "removed"]
Item = Department | Procedure | Posting | NormativeDocument
"""What the ledger follows: every record with its own page."""
FOLDER_KINDS = {"procedures": "procedure", "postings": "posting", "documents": "document"}
"""The kind of key an item filed in each department folder has."""


@dataclass(frozen=True)
class Identity:
    """What makes an item the one it is, besides its key (its kind, department and file name).

    A file whose item changes identity holds another item: its 公开日期 is judged as new, and the item that went
    live from that file must be withdrawn, never overwritten (`replaced`).
    """

    together: tuple[str, ...] = ()
    """Fields that, all changed at once, make another item: each alone may be corrected (a title's typo; a
    category, with approval)."""
    numbers: tuple[tuple[str, str], ...] = ()
    """(table, field) of the numbers naming the records the item describes ("" for a field of its own): when
    every one of them is replaced by others, it describes other records and is another item."""


IDENTITY: dict[type, Identity] = {
    Posting: Identity(
        ("title", "category"),
        (("licences", "number"), ("penalties", "number"), ("awards", "project_no"), ("land_deals", "parcel_no")),
    ),
    Procedure: Identity(("name", "type"), (("", "code"),)),
    NormativeDocument: Identity(("title", "number")),
}
"""A department is its folder: it never becomes another."""


def short_hash(value: object) -> str:
    """The short hash the ledger keeps of a value (12 hex digits of the SHA-256 of its JSON)."""
    text = json.dumps(plain(value), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def record_names(item: Record) -> tuple[str, ...] | None:
    """Short hashes of the numbers naming the records the item describes (决定文书号, 项目编号, 宗地编号, 实施编码);
    None for a kind that names none."""
    identity = IDENTITY.get(type(item))
    if identity is None or not identity.numbers:
        return None
    found = set()
    for table, key in identity.numbers:
        for row in getattr(item, table) if table else (item,):
            value = getattr(row, key)
            if value:
                found.add(short_hash(value))
    return tuple(sorted(found))


def same_item(entry: Entry, item: Record) -> bool:
    """Whether `item` is still the item a ledger line recorded, by its identity (see Identity)."""
    identity = IDENTITY.get(type(item))
    if identity is None:
        return True
    now = digests(item)
    if entry.fields and identity.together and all(now.get(k) != entry.fields.get(k) for k in identity.together):
        return False
    names = record_names(item)
    if entry.records and names:
        return bool(set(entry.records) & set(names))
    return True


def key_of(item: Record) -> str:
    """The item's stable key: its kind, department and file name, as the clerk named them."""
    if isinstance(item, Department):
        return f"department:{item.id}"
    if isinstance(item, Procedure):
        return f"procedure:{item.department}/{item.id}"
    if isinstance(item, Posting):
        return f"posting:{item.department}/{item.id}"
    if isinstance(item, NormativeDocument):
        return f"document:{item.department}/{item.id}"
    raise TypeError(type(item).__name__)


def key_of_file(name: str) -> str | None:
    """The key of the item a content file holds, from its name alone ('content/czj/postings/x.yml' →
    'posting:czj/x'); None for files that hold no followed item."""
    parts = name.split("/")
    if len(parts) == 3 and parts[2] == "department.yml":
        return f"department:{parts[1]}"
    if len(parts) == 4 and parts[2] in FOLDER_KINDS and parts[3].endswith((".yml", ".yaml")):
        return f"{FOLDER_KINDS[parts[2]]}:{parts[1]}/{parts[3].rsplit('.', 1)[0]}"
    return None


def file_of_key(key: str, content_folder: str) -> str:
    """Where the file of an item with this key is kept (as problems name files): the inverse of key_of_file."""
    kind, _, rest = key.partition(":")
    if kind == "department":
        return f"{content_folder}/{rest}/department.yml"
    folder = next(f for f, k in FOLDER_KINDS.items() if k == kind)
    dept, _, name = rest.partition("/")
    return f"{content_folder}/{dept}/{folder}/{name}.yml"


def items(content: Content) -> Iterator[Item]:
    yield from content.departments
    yield from content.procedures
    yield from content.postings
    yield from content.registers.documents


def withdrawal_of(item: Record) -> dt.date | None:
    """When the item was withdrawn: a matter's or posting's `withdrawn` block, a document's change of status."""
    if isinstance(item, Withdrawable):
        return item.withdrawn.date if item.withdrawn else None
    if isinstance(item, NormativeDocument) and item.status != IN_FORCE:
        return item.status_date
    return None


def digests(item: Record) -> dict[str, str]:
    """A short hash of every field the item gives, so two lines can tell which fields changed between them."""
    return {
        info.key: short_hash(value)
        for info in fields_of(type(item))
        if (value := getattr(item, info.key)) is not None and value != ()
    }


def line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One line of the ledger."""

    seq: int
    at: dt.datetime
    event: Event
    item: str = ""
    index_no: str = ""
    sha256: str = ""
    published: dt.date | None = None
    audience: str = ""
    withdrawn: dt.date | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    """A short hash of each field the item gave (see `digests`); empty on lines written before they were kept."""
    changed: tuple[str, ...] = ()
    """The fields that changed since the item's line before (a `change` or `withdrawn` line)."""
    records: tuple[str, ...] | None = None
    """Short hashes of the numbers naming the records it describes (see record_names); None when not kept."""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"seq": self.seq, "at": self.at.isoformat(timespec="seconds"), "event": self.event}
        if self.event == "open":
            out["audience"] = self.audience
            return out
        out |= {"item": self.item, "index_no": self.index_no, "sha256": self.sha256}
        out["published"] = self.published.isoformat() if self.published else None
        if self.withdrawn is not None:
            out["withdrawn"] = self.withdrawn.isoformat()
        if self.fields:
            out["fields"] = dict(self.fields)
        if self.changed:
            out["changed"] = list(self.changed)
        if self.records is not None:
            out["records"] = list(self.records)
        return out


@dataclass(frozen=True)
class Ledger:
    """A ledger read and verified: its entries, the head of its chain, and what was wrong with it."""

    path: Path
    entries: tuple[Entry, ...] = ()
    head: str = GENESIS
    problems: tuple[Problem, ...] = ()
    first: Mapping[str, Entry] = field(default_factory=dict)
    last: Mapping[str, Entry] = field(default_factory=dict)
    goes_live: dt.date | None = None
    """When an item the ledger does not know yet would go live: the day `publish` runs; else the build date."""

    @property
    def audience(self) -> str | None:
        return self.entries[0].audience if self.entries and self.entries[0].event == "open" else None

    def history(self, key: str) -> list[Entry]:
        """Every line about one item, oldest first."""
        return [e for e in self.entries if e.item == key]

    def live_items(self) -> dict[str, Entry]:
        """The last entry of every item still on the site."""
        return {k: e for k, e in self.last.items() if e.event != "removed"}

    def index_numbers(self) -> dict[str, str]:
        """The 索引号 each item was given when it first went live; never given again to another."""
        return {k: e.index_no for k, e in self.first.items() if e.index_no}


def _broken(path: Path, line: int, zh: str, en: str) -> Problem:
    return problem(
        codes.LEDGER_BROKEN,
        Loc(path.name, line),
        f"发布记录（ledger）{zh}发布记录只能由 disclose publish 追加，不能手工修改；请从备份恢复原文件，"
        f"并报告政务公开领导小组办公室。在此之前不能据它判断{POSTING.published}，也不能发布。",
        f"The publication ledger {en} It is only ever appended to by `disclose publish`; restore it from a "
        "backup and report it. Until then dates cannot be judged against it and nothing is published.",
    )


def read(path: Path, expected_head: str | None = None, expected_lines: int | None = None) -> Ledger:
    """Read a ledger and verify its hash chain (and, when known, its head); a missing file is an empty ledger."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if expected_lines:
            return Ledger(path, problems=(_broken(path, 0, "文件不见了。", "is missing."),))
        return Ledger(path)
    entries: list[Entry] = []
    prev = GENESIS
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        return Ledger(path, problems=(_broken(path, len(lines), "最后一行不完整。", "ends in a torn line."),))
    for n, line in enumerate(lines, 1):
        try:
            raw = json.loads(line)
            entry = _entry(raw)
            ok = raw["prev"] == prev and entry.seq == n
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            return Ledger(
                path,
                problems=(
                    _broken(
                        path,
                        n,
                        f"第 {n} 行或它前面的一行被改动、插入或删除（哈希链在此断开）。",
                        f"was changed at or just before line {n}: the hash chain breaks there.",
                    ),
                ),
            )
        entries.append(entry)
        prev = line_hash(line)
    if (expected_head is not None and expected_head != prev) or (
        expected_lines is not None and expected_lines != len(lines)
    ):
        return Ledger(
            path,
            problems=(
                _broken(
                    path,
                    len(lines),
                    f"与发布目录 target.json 中记下的最后一行不符（应有 {expected_lines} 行，现有 {len(lines)} 行）："
                    "最后几行被改动或删除。",
                    f"does not end where target.json says ({expected_lines} lines expected, {len(lines)} found).",
                ),
            ),
        )
    first: dict[str, Entry] = {}
    last: dict[str, Entry] = {}
    for entry in entries:
        if entry.item:
            first.setdefault(entry.item, entry)
            last[entry.item] = entry
    return Ledger(path, tuple(entries), prev, (), first, last)


def _entry(raw: dict[str, object]) -> Entry:
    published = raw.get("published")
    withdrawn = raw.get("withdrawn")
    fields = raw.get("fields") or {}
    changed = raw.get("changed") or []
    records = raw.get("records")
    if not isinstance(fields, dict) or not isinstance(changed, list) or not isinstance(records, list | None):
        raise TypeError("fields, changed or records")
    return Entry(
        seq=int(str(raw["seq"])),
        at=dt.datetime.fromisoformat(str(raw["at"])),
        event=str(raw["event"]),  # type: ignore[arg-type]
        item=str(raw.get("item", "")),
        index_no=str(raw.get("index_no", "")),
        sha256=str(raw.get("sha256", "")),
        published=dt.date.fromisoformat(str(published)) if published else None,
        audience=str(raw.get("audience", "")),
        withdrawn=dt.date.fromisoformat(str(withdrawn)) if withdrawn else None,
        fields={str(k): str(v) for k, v in fields.items()},
        changed=tuple(str(c) for c in changed),
        records=None if records is None else tuple(str(r) for r in records),
    )


def file_hash(content: Content, item: Record) -> str:
    return hashlib.sha256((content.root.parent / item.loc.file).read_bytes()).hexdigest()


def changes(
    ledger: Ledger, shown: Content, index_numbers: Mapping[str, str], at: dt.datetime, audience: str
) -> list[Entry]:
    """The lines this publish adds: every item new, changed or gone since the ledger's last word on it."""
    seq = len(ledger.entries)
    new: list[Entry] = []

    def add(event: Event, **kw: object) -> None:
        new.append(Entry(seq + len(new) + 1, at, event, **kw))  # type: ignore[arg-type]

    if not ledger.entries:
        add("open", audience=audience)
    before = ledger.live_items()
    seen = set()
    for item in items(shown):
        key = key_of(item)
        seen.add(key)
        digest = file_hash(shown, item)
        published = item.published if isinstance(item, Posting) else None
        old = before.get(key)
        if old is not None and old.sha256 == digest:
            continue
        withdrawn = withdrawal_of(item)
        fields = digests(item)
        changed: tuple[str, ...] = ()
        if old is None:
            event: Event = "import" if not ledger.entries else "live"
        else:
            event = "withdrawn" if withdrawn is not None and old.withdrawn is None else "change"
            if old.fields:  # a line written before field hashes were kept cannot say what changed
                changed = tuple(
                    k for k in sorted(fields.keys() | old.fields.keys()) if fields.get(k) != old.fields.get(k)
                )
        kept = ledger.first[key].index_no if key in ledger.first else index_numbers.get(key, "")
        add(
            event,
            item=key,
            index_no=kept,
            sha256=digest,
            published=published,
            withdrawn=withdrawn,
            fields=fields,
            changed=changed,
            records=record_names(item),
        )
    for key, old in before.items():
        if key not in seen:
            add("removed", item=key, index_no=old.index_no, sha256=old.sha256, published=old.published)
    return new


def render(entries: Iterable[Entry], prev: str) -> str:
    """The lines for `entries`, each chained to the one before it."""
    out = []
    for entry in entries:
        line = json.dumps(entry.as_dict() | {"prev": prev}, ensure_ascii=False, sort_keys=True)
        out.append(line + "\n")
        prev = line_hash(line)
    return "".join(out)


def append(path: Path, ledger: Ledger, new: list[Entry]) -> tuple[str, int]:
    """Append `new` to the ledger file, synced to disk; return the new head and line count."""
    text = render(new, ledger.head)
    with path.open("a", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    head = line_hash(text.rstrip("\n").rsplit("\n", 1)[-1]) if new else ledger.head
    return head, len(ledger.entries) + len(new)
