"""办事流程图 as Graphviz DOT: pure functions from a procedure to text.

One start and one end, steps as boxes, decisions as diamonds with labelled branches, one
lane (cluster) per participating section, nested in one lane per unit when several units
take part; the lead section and the lead unit marked; the time limit on each step, fees and
legal basis where a step has them. The same steps as text for the SVG's <desc>.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from .domain import fees as fee_text
from .domain.graph import END, END_NODE, START_NODE, edges, is_decision, participating_sections, section_ref
from .domain.lanes import lane_name
from .model import FeeItem, Procedure, Step
from .text import cells

FONT = "Noto Sans CJK SC"
INK = "#1f2933"  # text, shape borders and lane borders: 14.7:1 on white, 13.1:1 on LEAD_FILL
LINE = "#3e4c59"  # arrows: 9.6:1 on white, 8.6:1 on LEAD_FILL
LEAD_FILL = "#e8f1fb"  # the lead section's lane
UNIT_FILL = "#f5f7fa"  # a unit's lane around its sections (cross-unit procedures)
BACKGROUNDS = ("white", LEAD_FILL, UNIT_FILL)
BOX_WIDTH = 24  # label width in half-width cells (12 CJK characters) for boxes
DIAMOND_WIDTH = 14  # decisions are drawn as diamonds, which need shorter lines
EDGE_WIDTH = 16
TITLE_WIDTH = 40
LANE_WIDTH = 40

# Chinese line-breaking (禁则): never start a line with closing punctuation, never end one with opening.
_NO_START = set("，。、；：？！）》」』”’〉】〕…—%,.;:?!)]}")
_NO_END = set("（《「『“‘〈【〔") | set("([{")


def _tokens(text: str) -> list[str]:
    """Units that are never split: one CJK character, or a run of Latin letters and digits."""
    out: list[str] = []
    for c in text:
        if out and c.isascii() and c.isalnum() and out[-1][-1:].isascii() and out[-1][-1:].isalnum():
            out[-1] += c
        else:
            out.append(c)
    return out


def _greedy(tokens: list[str], width: int) -> list[str]:
    lines: list[list[str]] = [[]]
    for tok in tokens:
        line = lines[-1]
        if line and cells("".join(line) + tok) > width and tok not in _NO_START and line[-1] not in _NO_END:
            lines.append([])
            if tok == " ":
                continue
        lines[-1].append(tok)
    return ["".join(line).strip() for line in lines]


def wrap(text: str, width: int = BOX_WIDTH) -> list[str]:
    """Break a label into balanced lines of at most `width` cells, keeping punctuation and Latin words whole."""
    lines: list[str] = []
    for part in text.split("\n"):
        tokens = _tokens(part.strip())
        greedy = _greedy(tokens, width)
        # The narrowest width that needs no more lines: 13 characters become 7 + 6, not 12 + 1.
        narrowest = min(width, max(1, -(-cells(part.strip()) // len(greedy))))
        lines.extend(
            next(w for w in (_greedy(tokens, n) for n in range(narrowest, width + 1)) if len(w) <= len(greedy))
        )
    return lines


_CONTROL = dict.fromkeys([*range(0, 9), *range(11, 32), 127])
"""Control characters (a YAML "\\0" or "\\e" escape) make `dot` refuse the whole batch, so labels drop them."""


def quote(text: str) -> str:
    """A DOT double-quoted string, without control characters."""
    text = text.translate(_CONTROL)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def lane_label(text: str) -> str:
    """A lane's label as a DOT HTML-like label: the padding keeps the font's full line height inside the lane."""
    lines = "<br/>".join(html.escape(line, quote=False) for line in wrap(text.translate(_CONTROL), LANE_WIDTH))
    return f'<<table border="0" cellborder="0" cellpadding="3"><tr><td>{lines}</td></tr></table>>'


def fee_labels(items: Iterable[FeeItem]) -> dict[str, str]:
    """What a step's fee says on the chart: the catalogue name and what is actually charged."""
    return {f.id: fee_text.on_chart(f) for f in items}


def step_label(step: Step, fee_labels: Mapping[str, str]) -> str:
    """The text inside a step's shape: action, time limit, fee and legal basis, wrapped to fit."""
    width = DIAMOND_WIDTH if is_decision(step) else BOX_WIDTH
    lines = wrap(step.action, width)
    if step.days is not None:
        lines.extend(wrap(f"时限：{step.days}个工作日", width))
    elif step.hours is not None:
        lines.extend(wrap(f"时限：{step.hours}小时", width))
    if (step.days is not None or step.hours is not None) and step.counted != "计入":
        lines.extend(wrap("（不计入法定时限）", width))
    if step.fee:
        fee = f"收费：{fee_labels.get(step.fee, step.fee)}"
        lines.extend(wrap(fee if cells(fee) <= width else fee.replace(" ", "\n"), width))
    if step.basis:
        lines.extend(wrap(f"依据：{step.basis}", width))
    return "\n".join(lines)


def title_label(proc: Procedure) -> str:
    """The chart's heading: the matter and its time limits."""
    limits = f"承诺时限 {proc.promised_days} 个工作日"
    if proc.statutory_days is not None:
        limits = f"法定时限 {proc.statutory_days} 个工作日 · {limits}"
    return "\n".join([*wrap(proc.name, TITLE_WIDTH), limits])


def node_id(node: str) -> str:
    """The DOT node name of a graph node: `start`, `end`, or a step's id prefixed so it can never be either."""
    return {START_NODE: "start", END_NODE: "end"}.get(node, f"s-{node}")


def to_dot(proc: Procedure, names: Mapping[str, str], fee_labels: Mapping[str, str]) -> str:
    """The DOT source of one procedure's flowchart; byte-identical for identical input."""
    out = [
        f"digraph {quote(proc.department + '/' + proc.id)} {{",
        f'  graph [rankdir=TB, newrank=true, fontname="{FONT}", fontsize=14, fontcolor="{INK}", nodesep=0.3, '
        f'ranksep=0.35, bgcolor="white", pad=0.15, labelloc=t, label={quote(title_label(proc))}];',
        f'  node [fontname="{FONT}", fontsize=12, color="{INK}", fontcolor="{INK}", penwidth=1.4, '
        f'style=filled, fillcolor="white", margin="0.16,0.08"];',
        f'  edge [fontname="{FONT}", fontsize=11, color="{LINE}", fontcolor="{INK}", penwidth=1.3, arrowsize=0.8];',
        f'  {quote(node_id(START_NODE))} [shape=ellipse, label="开始"];',
        f'  {quote(node_id(END_NODE))} [shape=ellipse, label="办结"];',
    ]
    lanes = participating_sections(proc)
    units = list(dict.fromkeys(dept for dept, _ in lanes))
    by_lane: dict[tuple[str, str], list[Step]] = {}
    for step in proc.steps:
        by_lane.setdefault(section_ref(proc, step.section), []).append(step)
    for u, unit in enumerate(units):
        indent = "  "
        if len(units) > 1:
            lead_unit = "（牵头单位）" if unit == proc.department else "（参与单位）"
            out.append(f"  subgraph cluster_u{u} {{")
            out.append(
                f"    label={lane_label(names.get(unit, unit) + lead_unit)}; labeljust=l; "
                f'style="filled"; fillcolor="{UNIT_FILL}"; color="{INK}"; penwidth={2 if u == 0 else 1};'
            )
            indent = "    "
        for n, lane in enumerate(lanes):
            if lane[0] != unit:
                continue
            lead = unit == proc.department and lane[1] == proc.lead_section
            label = names.get(f"{lane[0]}/{lane[1]}", lane[1]) + ("（主办股室）" if lead else "")
            style = (
                f'style="rounded,filled"; fillcolor="{LEAD_FILL}"; penwidth=2.5'
                if lead
                else 'style="rounded,dashed"; penwidth=1.2'
            )
            out.append(f"{indent}subgraph cluster_{n} {{")
            out.append(f'{indent}  label={lane_label(label)}; labeljust=l; {style}; color="{INK}";')
            for step in by_lane[lane]:
                shape = "diamond" if is_decision(step) else 'box, style="rounded,filled"'
                out.append(
                    f"{indent}  {quote(node_id(step.id))} [shape={shape}, label={quote(step_label(step, fee_labels))}];"
                )
            out.append(f"{indent}}}")
        if len(units) > 1:
            out.append("  }")
    sides = branch_ports(proc)
    for src, dst, branch in edges(proc):
        attrs = ""
        if branch:
            port = f", {sides[(src, dst)]}" if (src, dst) in sides else ""
            attrs = f" [label={quote(chr(10).join(wrap(branch.when, EDGE_WIDTH)))}{port}]"
        out.append(f"  {quote(node_id(src))} -> {quote(node_id(dst))}{attrs};")
    out.append("}")
    return "\n".join(out) + "\n"


def branch_ports(proc: Procedure) -> dict[tuple[str, str], str]:
    """Where each decision branch leaves its diamond, so no arrow runs through a neighbouring shape.

    The way on (the next step, else the first branch forward) leaves from the bottom, other ways
    forward from the right, and a way back to an earlier step from the left, without a say in the
    ranks (`constraint=false`): a loop back must not pull the steps it skips into its way.
    """
    order = {s.id: n for n, s in enumerate(proc.steps)}
    ports: dict[tuple[str, str], str] = {}
    for n, step in enumerate(proc.steps):
        if not is_decision(step):
            continue
        targets = [END_NODE if b.to == END else b.to for b in step.branches]
        forward = [t for t in targets if order.get(t, len(order)) > n]
        down = next((t for t in forward if order.get(t) == n + 1), forward[0] if forward else None)
        for t in targets:
            if t not in forward:
                ports[(step.id, t)] = "tailport=w, constraint=false"
            else:
                ports[(step.id, t)] = "tailport=s" if t == down else "tailport=e"
    return ports


def step_summary(proc: Procedure, names: Mapping[str, str]) -> str:
    """The text equivalent of a flowchart, for its <desc>: every step with section, limit and branches."""
    actions = {s.id: s.action for s in proc.steps}
    parts = []
    for n, step in enumerate(proc.steps, 1):
        limit = f"，{step.days}个工作日" if step.days is not None else ""
        branches = "；".join(f"{b.when}则{'办结' if b.to == END else actions.get(b.to, b.to)}" for b in step.branches)
        parts.append(
            f"{n}. {step.action}（{lane_name(proc, step.section, names)}{limit}）{'：' + branches if branches else ''}"
        )
    return f"{proc.name}办事流程图，共{len(proc.steps)}个环节。" + " ".join(parts)
