"""The flowchart as a graph: every step reachable from 开始, and every loop has a way out to 办结."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .. import codes
from ..config import SiteConfig
from ..content import Content
from ..domain.graph import END, END_NODE, START_NODE, edges
from ..model import Branch, Procedure, Step
from ..problems import Problem, on_field, problem
from ..schema import label_of


def _reach(start: str, succ: dict[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in succ.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def check(content: Content, config: SiteConfig, as_of: dt.date) -> Iterable[Problem]:
    for proc in content.procedures:
        yield from check_procedure(proc)


def check_procedure(proc: Procedure) -> Iterator[Problem]:
    """Unreachable steps and loops with no way out, each located at the YAML that causes it."""
    if not proc.steps or len({s.id for s in proc.steps}) != len(proc.steps):
        return  # no steps is a `required` problem; duplicate ids are reported by the procedure rules
    known = {s.id for s in proc.steps} | {END}
    if any(b.to not in known for s in proc.steps for b in s.branches):
        return  # a branch to a missing step (reported by the procedure rules) is most likely the unreachable one
    succ: dict[str, list[str]] = {}
    for src, dst, _ in edges(proc):
        succ.setdefault(src, []).append(dst)
    reachable = _reach(START_NODE, succ)
    for step in proc.steps:
        if step.id not in reachable:
            yield on_field(
                codes.UNREACHABLE_STEP,
                step,
                "id",
                f"从“开始”走不到环节 {step.id}（前面的环节都经分支转到了别处），请在某个分支中转到它，或删除这个环节。",
                f"The step {step.id} cannot be reached from the start; branch to it or remove it.",
            )
    pred: dict[str, list[str]] = {}
    for src, dsts in succ.items():
        for dst in dsts:
            pred.setdefault(dst, []).append(src)
    finishing = _reach(END_NODE, pred)
    order = {s.id: i for i, s in enumerate(proc.steps)}
    reported: set[str] = set()
    for step in proc.steps:
        if step.id in finishing or step.id not in reachable or step.id in reported:
            continue
        trap = _reach(step.id, succ)
        # Report each closed loop once, at the branch that jumps back to its earliest step.
        if any(_reach(s, succ) != trap for s in trap):
            continue
        reported |= trap
        yield _loop_problem(proc, trap, order)


def _loop_problem(proc: Procedure, trap: set[str], order: dict[str, int]) -> Problem:
    steps = [s for s in proc.steps if s.id in trap]
    back = [
        (order[b.to], -order[s.id], b)
        for s in steps
        for b in s.branches
        if b.to in order and order[b.to] <= order[s.id]
    ]
    where = min(back, key=lambda t: (t[0], t[1]))[2].where("to") if back else steps[0].where("id")
    names = " → ".join(s.id for s in steps)
    return problem(
        codes.LOOP_WITHOUT_EXIT,
        where,
        f"环节 {names} 构成循环，其中没有通往后续环节或办结（end）的判断分支，办事人将永远无法办结。"
        "请把其中一个环节写成判断环节，增加一个转到后续环节或 end 的分支。",
        f"The steps {names} form a loop with no decision branch leading out to a later step or `end`; "
        "add a branch that leaves the loop.",
        key="to" if back else "id",
        label=label_of(Branch, "to") if back else label_of(Step, "id"),
    )
