"""索引号: how they are formed (site_config.yml `index_numbers`), given once, and written into the items' YAML.

A number already given is kept: one the publication ledger recorded when the item first went live, or one
`disclose number` wrote into the item's file (`index_no`). A new item takes the next sequence number after the
highest one given in its series (its number with the sequence left out), so adding, removing or reordering
other items never changes a number. Items are numbered over all content, whatever the audience.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from collections.abc import Iterator, Mapping
from pathlib import Path

from .config import IndexNumbering
from .content import Content
from .ledger import key_of
from .model import Department, Disclosure, Posting, Procedure
from .registers.model import NormativeDocument, PublishedReport
from .yamlload import Map, Scalar, YamlError, load_file

PLACEHOLDERS = ("org", "dept", "category", "year", "seq")
DEPARTMENT_CATEGORY = "部门职责"
MATTER_CATEGORY = "办事指南"


def placeholders(pattern: str) -> list[tuple[str, str]]:
    """Each `{name:spec}` of a pattern as (name, spec); a pattern that is not a valid format string has none."""
    try:
        return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        return [("", "")]


def numbered(content: Content) -> Iterator[Disclosure]:
    """Every item that carries a 索引号, in numbering order."""
    yield from sorted(content.departments, key=lambda d: d.id)
    yield from sorted(content.procedures, key=lambda p: (p.department, p.id))
    yield from sorted(content.postings, key=lambda p: (p.department, p.dated or dt.date.min, p.id))


def kept(content: Content) -> Iterator[tuple[str, NormativeDocument | PublishedReport]]:
    """Register records that carry a 索引号 of their own (any format a district used before), by key: these are
    never numbered here, only kept (a document's by the ledger too) and checked for duplicates."""
    for doc in sorted(content.registers.documents, key=lambda d: (d.department, d.id)):
        if doc.index_no:
            yield key_of(doc), doc
    for report in sorted(content.registers.reports, key=lambda r: r.id):
        if report.index_no:
            yield f"report:{report.id}", report


def owner_of(item: Disclosure) -> str:
    """The department whose folder holds an item's file."""
    if isinstance(item, Department):
        return item.id
    assert isinstance(item, Procedure | Posting)
    return item.department


def category_of(item: Disclosure) -> str:
    """The category an item's 索引号 names: 部门职责, 办事指南, or a posting's category."""
    if isinstance(item, Department):
        return DEPARTMENT_CATEGORY
    if isinstance(item, Procedure):
        return MATTER_CATEGORY
    assert isinstance(item, Posting)
    return item.category


def department_of(item: Disclosure) -> str:
    if isinstance(item, Department):
        return item.id
    assert isinstance(item, Procedure | Posting)
    return item.department


def year_of(item: Disclosure, as_of: dt.date) -> int:
    """A posting's year is the year it was published (or of its own date); other items take the year they are
    numbered."""
    if isinstance(item, Posting) and item.dated is not None:
        return item.dated.year
    return as_of.year


def index_numbers(
    content: Content,
    fixed: Mapping[str, str] | None = None,
    scheme: IndexNumbering | None = None,
    as_of: dt.date | None = None,
) -> dict[str, str]:
    """索引号 by ledger key. Numbers the ledger gave (`fixed`) come first, then those written in the YAML; the rest
    are given in `scheme`'s pattern, or, without one, as dept/ZZ for duties, dept/BS-nnn per matter and
    dept/year-nnnnn per posting."""
    given = dict(fixed or {})
    for item in numbered(content):
        if item.index_no:
            given.setdefault(key_of(item), item.index_no)
    own = {key: record.index_no for key, record in kept(content) if record.index_no}
    given.update({key: number for key, number in own.items() if key not in given})
    if scheme is None:
        return _legacy(content, given) | {key: given[key] for key in own}
    day = as_of or dt.date.min
    orgs = {o.department: o.code for o in scheme.organisations}
    cats = {c.category: c.code for c in scheme.categories}
    out: dict[str, str] = {}
    counters: dict[tuple[str, str], int] = {}
    series: dict[str, tuple[str, str]] = {}
    for item in numbered(content):
        dept = department_of(item)
        text = scheme.pattern.format(
            org=orgs.get(dept, ""), dept=dept, category=cats.get(category_of(item), ""), year=year_of(item, day),
            seq="\0",
        )  # fmt: skip
        prefix, _, suffix = text.partition("\0")
        series[key_of(item)] = (prefix, suffix)
        counters.setdefault((prefix, suffix), 0)
    for number in given.values():
        for (prefix, suffix), n in counters.items():
            m = re.fullmatch(re.escape(prefix) + r"(\d+)" + re.escape(suffix), number)
            if m:
                counters[(prefix, suffix)] = max(n, int(m.group(1)))
    for item in numbered(content):
        key = key_of(item)
        if key in given:
            out[key] = given[key]
            continue
        prefix, suffix = series[key]
        counters[(prefix, suffix)] += 1
        out[key] = f"{prefix}{counters[(prefix, suffix)]:0{scheme.width}d}{suffix}"
    return out | {key: given[key] for key in own}


def _legacy(content: Content, fixed: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    counters: dict[str, int] = {}
    for number in fixed.values():
        series, n = _series(number)
        counters[series] = max(counters.get(series, 0), n)

    def give(key: str, series: str, width: int) -> None:
        if key in fixed:
            out[key] = fixed[key]
            return
        counters[series] = counters.get(series, 0) + 1
        out[key] = f"{series}{counters[series]:0{width}d}"

    for d in content.departments:
        out[key_of(d)] = fixed.get(key_of(d), f"{d.id}/ZZ")
    for proc in sorted(content.procedures, key=lambda p: (p.department, p.id)):
        give(key_of(proc), f"{proc.department}/BS-", 3)
    for post in sorted(content.postings, key=lambda p: (p.department, p.dated or dt.date.min, p.id)):
        give(key_of(post), f"{post.department}/{post.dated.year if post.dated else '0000'}-", 5)
    return out


def _series(number: str) -> tuple[str, int]:
    """'czj/2011-00003' → ('czj/2011-', 3); a number without a sequence is its own series."""
    m = re.match(r"^(.*?)(\d+)$", number)
    return (m.group(1), int(m.group(2))) if m else (number, 0)


def to_write(content: Content, numbers: Mapping[str, str]) -> list[tuple[Disclosure, str]]:
    """The items whose YAML has no 索引号 yet, with the number to write: every item but a pending posting (its
    number is given when it is published)."""
    return [
        (item, numbers[key_of(item)])
        for item in numbered(content)
        if not item.index_no and not (isinstance(item, Posting) and item.published is None)
    ]


def write_number(path: Path, number: str) -> None:
    """Insert `index_no: "<number>"` above the first field of a YAML file; every other line stays as it was.

    The file is read back: a number that would not read as written is never left behind.
    """
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    at = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), len(lines))
    lines.insert(at, f"index_no: {json.dumps(number, ensure_ascii=False)}{newline}")
    path.write_text("".join(lines), encoding="utf-8", newline="")
    try:
        node = load_file(path, path.name)
        entry = node.entries.get("index_no") if isinstance(node, Map) else None
        ok = entry is not None and isinstance(entry[1], Scalar) and entry[1].value == number
    except YamlError:
        ok = False
    if not ok:
        path.write_bytes(raw)
        raise ValueError(f"{path}: {number}")
