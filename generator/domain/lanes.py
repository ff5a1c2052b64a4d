"""The names of a flowchart's lanes: a section, or another unit's section with the unit's name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..model import Department, Procedure
from .graph import section_ref


def lane_names(departments: Iterable[Department]) -> dict[str, str]:
    """'dept/section' → the section's name, and 'dept' → the department's name."""
    names: dict[str, str] = {}
    for d in departments:
        names[d.id] = d.name
        names.update({f"{d.id}/{s.id}": s.name for s in d.sections})
    return names


def lane_name(proc: Procedure, ref: str, names: Mapping[str, str]) -> str:
    """A step's section as the public reads it; another unit's section carries the unit's name."""
    dept, section = section_ref(proc, ref)
    name = names.get(f"{dept}/{section}", section)
    return name if dept == proc.department else f"{names.get(dept, dept)}{name}"
