"""索引号: the configured pattern is well formed and has a code for every department and category it needs; no two
items carry one number; a number written in an item's file agrees with the one the publication ledger gave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import IndexNumbering, SiteConfig
from ..content import Content
from ..ledger import Ledger, key_of
from ..model import Disclosure, Record
from ..numbering import PLACEHOLDERS, category_of, department_of, index_numbers, kept, numbered, placeholders
from ..problems import Problem, on_field
from ..registers.model import NormativeDocument
from ..schema import Labels

DISCLOSURE = Labels(Disclosure)
INDEX_NUMBERING = Labels(IndexNumbering)


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    scheme = config.index_numbers
    if scheme is not None:
        found = list(_scheme(scheme, content))
        yield from found
        if found:
            return
    yield from _duplicates(content, scheme, as_of)


def _scheme(scheme: IndexNumbering, content: Content) -> Iterator[Problem]:
    names = [name for name, _ in placeholders(scheme.pattern)]
    bad = [n for n in names if n not in PLACEHOLDERS] + [f"{n}:{s}" for n, s in placeholders(scheme.pattern) if s]
    if bad or names.count("seq") != 1:
        yield on_field(
            codes.INDEX_NUMBERING,
            scheme,
            "pattern",
            f"{INDEX_NUMBERING.pattern} {scheme.pattern} 只能用 {{org}}、{{dept}}、{{category}}、{{year}} 和一个 {{seq}}"
            "（不写位数，位数写在 width），如 {org}/{category}-{year}-{seq}。",
            f"The pattern {scheme.pattern} may use {{org}}, {{dept}}, {{category}}, {{year}} and exactly one {{seq}}, "
            "without format specs.",
        )
        return
    items = list(numbered(content))
    needs = (
        ("org", "organisations", "部门", f"{INDEX_NUMBERING.organisations}", "departments", {o.department for o in scheme.organisations}, department_of),
        ("category", "categories", "类别", f"{INDEX_NUMBERING.categories}", "categories", {c.category for c in scheme.categories}, category_of),
    )  # fmt: skip
    for name, field, what, code, what_en, coded, of in needs:
        missing = sorted({of(i) for i in items} - coded) if name in names else []
        if missing:
            yield on_field(
                codes.INDEX_NUMBERING,
                scheme,
                field,
                f"{INDEX_NUMBERING.pattern}用了 {{{name}}}，这些{what}还没有{code}:{'、'.join(missing)}；请在 {field} 中逐个写明。",
                f"The pattern uses {{{name}}}; these {what_en} have no code: {', '.join(missing)}.",
            )


def _duplicates(content: Content, scheme: IndexNumbering | None, as_of: dt.date) -> Iterator[Problem]:
    numbers = index_numbers(content, None, scheme, as_of)
    holders: dict[str, list[Record]] = {}
    for item in numbered(content):
        holders.setdefault(numbers[key_of(item)], []).append(item)
    for key, record in kept(content):
        holders.setdefault(numbers[key], []).append(record)
    for number, items in holders.items():
        if len(items) < 2:
            continue
        others = "、".join(i.loc.file for i in items)
        for holder in items:
            if getattr(holder, "index_no", None):
                yield on_field(
                    codes.INDEX_NUMBER_DUPLICATE,
                    holder,
                    "index_no",
                    f"{DISCLOSURE.index_no} {number} 同时属于 {others}；一个{DISCLOSURE.index_no}只能属于一条信息。照原公开目录保留的，"
                    "请核对后改正写错的一条；由 disclose number 写入的，删去这一行后重新运行。",
                    f"The index number {number} belongs to {others}; one number belongs to one item. Correct the one "
                    "copied wrongly from the old catalogue, or remove a line `disclose number` wrote and run it again.",
                )


def against_ledger(content: Content, ledger: Ledger) -> Iterator[Problem]:
    """A number written in an item's file that differs from the one the ledger gave it when it first went live."""
    if ledger.problems:
        return
    given = ledger.index_numbers()
    followed: list[Disclosure | NormativeDocument] = [*numbered(content), *content.registers.documents]
    for item in followed:
        kept = given.get(key_of(item))
        if item.index_no and kept and item.index_no != kept:
            yield on_field(
                codes.INDEX_NUMBER_CHANGED,
                item,
                "index_no",
                f"本条首次公开时的{DISCLOSURE.index_no}是 {kept}（发布记录），这里写的是 {item.index_no}；{DISCLOSURE.index_no}一经公开不再改变，"
                f"请改回 {kept}。",
                f"This item went live as {kept} (publication ledger), not {item.index_no}; a published index number "
                f"never changes: put back {kept}.",
            )
