"""A procedure as a graph: its arrows, its decisions and the sections (lanes) that take part.

Shared by the rules (reachability, lead section), the flowchart and the pages.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Branch, Procedure, Step

END = "end"  # what a branch's `to` says to finish the matter (办结)
START_NODE = "(start)"  # graph nodes for 开始 and 办结: brackets make them differ from every step id
END_NODE = "(end)"


def is_decision(step: Step) -> bool:
    """A decision (diamond) has two or more labelled branches; one branch is a plain jump."""
    return len(step.branches) >= 2


def edges(proc: Procedure) -> Iterator[tuple[str, str, Branch | None]]:
    """(from, to, branch) for every arrow: start → first step, step → next or its branches, last → end."""
    ids = [s.id for s in proc.steps]
    yield (START_NODE, ids[0] if ids else END_NODE, None)
    for i, step in enumerate(proc.steps):
        if step.branches:
            for branch in step.branches:
                yield (step.id, END_NODE if branch.to == END else branch.to, branch)
        else:
            yield (step.id, ids[i + 1] if i + 1 < len(ids) else END_NODE, None)


def section_ref(proc: Procedure, ref: str) -> tuple[str, str]:
    """'bgs' → (own department, 'bgs'); 'czj/bgs' → ('czj', 'bgs')."""
    dept, _, section = ref.rpartition("/")
    return (dept or proc.department, section)


def participating_sections(proc: Procedure) -> list[tuple[str, str]]:
    """The (department, section) pairs that take part, in order of first appearance."""
    seen: dict[tuple[str, str], None] = {}
    for step in proc.steps:
        seen.setdefault(section_ref(proc, step.section), None)
    return list(seen)
