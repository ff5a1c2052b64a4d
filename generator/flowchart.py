"""办事流程图 as Graphviz DOT: pure functions from a procedure to text.

One start and one end, steps as boxes, decisions as diamonds with labelled branches, one
lane (cluster) per participating section or unit, the lead section marked, the time limit
on each step, fees and legal basis where a step has them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .model import Procedure, Step
from .rules.procedures import END, participating_sections, section_ref

FONT = "Noto Sans CJK SC"
INK = "#1f2933"  # text and borders: 14.7:1 on white
LINE = "#3e4c59"  # edges: 9.6:1 on white
LEAD_FILL = "#e8f1fb"
WRAP = 12  # CJK characters per label line


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Break a label into lines of at most `width` characters (CJK-friendly)."""
    lines: list[str] = []
    for part in text.split("\n"):
        while len(part) > width:
            lines.append(part[:width])
            part = part[width:]
        lines.append(part)
    return lines


_CONTROL = dict.fromkeys([*range(0, 9), *range(11, 32), 127])


def quote(text: str) -> str:
    """A DOT double-quoted string; control characters (a YAML "\\0" escape) would break `dot`, so they go."""
    text = text.translate(_CONTROL)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def step_label(step: Step, fee_names: Mapping[str, str]) -> str:
    lines = wrap(step.action)
    if step.days is not None:
        note = "" if step.counted == "计入" else "(不计入法定时限)"
        lines.append(f"时限:{step.days}个工作日{note}")
    if step.fee:
        lines.extend(wrap(f"收费:{fee_names.get(step.fee, step.fee)}"))
    if step.basis:
        lines.extend(wrap(f"依据:{step.basis}"))
    return "\n".join(lines)


def lane_label(proc: Procedure, dept: str, section: str, names: Mapping[str, str]) -> str:
    key = f"{dept}/{section}"
    name = names.get(key, key)
    if dept != proc.department:
        name = f"{names.get(dept, dept)} · {name}"
    if dept == proc.department and section == proc.lead_section:
        name += "(主办)"
    return name


def edges(proc: Procedure) -> Iterator[tuple[str, str, str]]:
    """(from, to, label) for every arrow: start → first, step → next or branches, last → end."""
    ids = [s.id for s in proc.steps]
    yield ("start", ids[0], "")
    for i, step in enumerate(proc.steps):
        if step.branches:
            for branch in step.branches:
                yield (step.id, branch.to if branch.to != END else "end", branch.when)
        else:
            yield (step.id, ids[i + 1] if i + 1 < len(ids) else "end", "")


def to_dot(proc: Procedure, names: Mapping[str, str], fee_names: Mapping[str, str]) -> str:
    """The DOT source of one procedure's flowchart; byte-identical for identical input."""
    out = [
        f"digraph {quote(proc.department + '/' + proc.id)} {{",
        f'  graph [rankdir=TB, newrank=true, fontname="{FONT}", fontsize=13, nodesep=0.35, ranksep=0.4, '
        f'bgcolor="white", pad=0.2, labelloc=t, label={quote(proc.name)}];',
        f'  node [fontname="{FONT}", fontsize=12, color="{INK}", fontcolor="{INK}", penwidth=1.3, margin="0.15,0.08"];',
        f'  edge [fontname="{FONT}", fontsize=11, color="{LINE}", fontcolor="{INK}", penwidth=1.2, arrowsize=0.8];',
        '  "start" [shape=ellipse, label="开始"];',
        '  "end" [shape=ellipse, label="办结"];',
    ]
    steps_by_lane: dict[tuple[str, str], list[Step]] = {}
    for step in proc.steps:
        steps_by_lane.setdefault(section_ref(proc, step.section), []).append(step)
    for n, lane in enumerate(participating_sections(proc)):
        dept, section = lane
        lead = dept == proc.department and section == proc.lead_section
        style = f'style="rounded,filled"; fillcolor="{LEAD_FILL}"; penwidth=2' if lead else 'style="rounded,dashed"'
        out.append(f"  subgraph cluster_{n} {{")
        out.append(f'    label={quote(lane_label(proc, dept, section, names))}; {style}; color="{INK}";')
        for step in steps_by_lane[lane]:
            shape = "diamond" if step.branches else "box"
            extra = "" if step.branches else ', style="rounded,filled", fillcolor="white"'
            out.append(f"    {quote(step.id)} [shape={shape}, label={quote(step_label(step, fee_names))}{extra}];")
        out.append("  }")
    for src, dst, label in edges(proc):
        attrs = f" [label={quote(label)}]" if label else ""
        out.append(f"  {quote(src)} -> {quote(dst)}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"
