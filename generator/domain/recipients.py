"""Who an item is for (policy 二(二)5): the whole public, named units or groups, or one department.

An audience is what one build shows:

- `public`: the public site, 社会公开 items only;
- `internal`: the 政务公开领导小组's view, every item and the compliance report;
- `for-<id>`: the site one department, unit or group sees (`disclose build --for <id>`): every public
  item, the 一定范围公开 items addressed to it (directly or through a group it belongs to), and, for a
  department, its own items whatever their audience.

A group's members are departments, units or other groups; a unit belongs to every group that lists
it or lists a group it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..content import Content
from ..model import PUBLIC, District, Posting, Procedure
from .graph import participating_sections

PUBLIC_SCOPE = "public"
INTERNAL_SCOPE = "internal"
SCOPES: tuple[str, ...] = (PUBLIC_SCOPE, INTERNAL_SCOPE)
"""The audiences `--audience` names; a unit's or group's site is `--for <id>`."""
UNIT_PREFIX = "for-"

Scope = str
"""`public`, `internal` or `for-<id>`; also the suffix of the audience's build and site folders."""


def scope_for(recipient: str) -> Scope:
    """The audience of one department's, unit's or group's site."""
    return f"{UNIT_PREFIX}{recipient}"


def recipient_of(scope: Scope) -> str | None:
    """The department, unit or group whose site `scope` is, or None for the public and internal sites."""
    return scope.removeprefix(UNIT_PREFIX) if scope.startswith(UNIT_PREFIX) else None


@dataclass(frozen=True)
class Directory:
    """Every id an item may be addressed to, with its name, and the groups each id belongs to."""

    names: Mapping[str, str]
    """Department, unit and group ids → their names."""
    groups: Mapping[str, tuple[str, ...]]
    """Group id → its direct members."""

    def addressees(self, recipient: str) -> frozenset[str]:
        """The ids an item may name to reach `recipient`: itself and every group it belongs to, however deep."""
        found = {recipient}
        changed = True
        while changed:
            changed = False
            for group, members in self.groups.items():
                if group not in found and found.intersection(members):
                    found.add(group)
                    changed = True
        return frozenset(found)

    def cycle(self, group: str) -> bool:
        """True when a group contains itself through its members."""
        seen: set[str] = set()
        todo = [m for m in self.groups.get(group, ()) if m in self.groups]
        while todo:
            current = todo.pop()
            if current == group:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(m for m in self.groups.get(current, ()) if m in self.groups)
        return False

    def describe(self, scope: Scope) -> str:
        """How a page names the audience it was built for."""
        if scope == PUBLIC_SCOPE:
            return PUBLIC
        recipient = recipient_of(scope)
        if recipient is None:
            return "政务公开领导小组（全部信息）"
        return self.names.get(recipient, recipient)


def directory(department_names: Iterable[tuple[str, str]], district: District | None) -> Directory:
    """The directory of a district: its departments, its other units and its named groups."""
    names = dict(department_names)
    groups: dict[str, tuple[str, ...]] = {}
    if district is not None:
        names.update((u.id, u.name) for u in district.units)
        names.update((g.id, g.name) for g in district.groups)
        groups = {g.id: g.members for g in district.groups}
    return Directory(names, groups)


def district_directory(content: Content) -> Directory:
    """Every department, unit and group of the district, by id."""
    return directory(((d.id, d.name) for d in content.departments), content.district)


def hidden_departments(content: Content) -> frozenset[str]:
    """Departments whose duties are not for the public."""
    return frozenset(d.id for d in content.departments if d.audience != PUBLIC)


def units_of(item: Procedure | Posting) -> set[str]:
    """Every department an item names: its owner and, for a matter, its listed units and the units of its steps."""
    if isinstance(item, Posting):
        return {item.department}
    return {item.department, *item.units, *(dept for dept, _ in participating_sections(item))}
