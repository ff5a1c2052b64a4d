"""Flowchart layout speed: batched `dot` (one process per core) vs one process per diagram, and a warm cache.

    python -m bench.flowcharts [--procedures 1000] [--sample 100]

Synthetic procedures are the four conventions of tests/fixtures/flow (single section, lead
section, decisions with a loop, cross-unit), each copy renamed so every DOT text differs.
Both ways are measured side by side in one run, on the same DOT sources.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generator import flowchart, graphviz, pipeline, svg
from generator.content import Content
from generator.domain.lanes import lane_names
from generator.model import Procedure

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "flow" / "site_config.yml"


def synthetic(n: int) -> tuple[list[Procedure], Content]:
    """`n` distinct procedures cycled from the fixture district's, and the content that holds them."""
    checked = pipeline.check(FIXTURE, dt.date(2011, 12, 31))
    assert isinstance(checked, pipeline.Checked) and not checked.report.errors
    base = checked.content.procedures
    procs = []
    for i in range(n):
        proto = base[i % len(base)]
        first = dataclasses.replace(proto.steps[0], action=f"{proto.steps[0].action}(第{i}号)")
        procs.append(
            dataclasses.replace(proto, id=f"{proto.id}-{i}", name=f"{proto.name}{i}", steps=(first, *proto.steps[1:]))
        )
    return procs, dataclasses.replace(checked.content, procedures=tuple(procs))


def per_process(sources: Sequence[str], dot: str) -> float:
    """Seconds to lay out each source with its own `dot` process (what one-call-per-graph wrappers do)."""
    start = time.perf_counter()
    for src in sources:
        subprocess.run([dot, "-Tsvg"], input=src.encode(), capture_output=True, check=True)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> None:
    """Print ms per flowchart: DOT generation, cold batch, one process per graph, warm cache, SVG post-processing."""
    parser = argparse.ArgumentParser(prog="python -m bench.flowcharts", description=__doc__)
    parser.add_argument("--procedures", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=100, help="graphs laid out one process each")
    args = parser.parse_args(argv)
    n = args.procedures
    procs, view = synthetic(n)

    start = time.perf_counter()
    sources = pipeline.dot_sources(view)
    t_dot = time.perf_counter() - start
    assert len(set(sources.values())) == n

    dot = graphviz.dot_path()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        cold = graphviz.LayoutStats()
        start = time.perf_counter()
        raw = graphviz.layout(sources, cache, flowchart.FONT, cold)
        t_cold = time.perf_counter() - start
        start = time.perf_counter()
        graphviz.run_dot("".join(sources.values()), dot)
        t_single = time.perf_counter() - start
        sample = list(sources.values())[: args.sample]
        t_each = per_process(sample, dot)
        warm = graphviz.LayoutStats()
        start = time.perf_counter()
        graphviz.layout(sources, cache, flowchart.FONT, warm)
        t_warm = time.perf_counter() - start
    names = lane_names(view.departments)
    start = time.perf_counter()
    for p in procs:
        key = f"{p.department}/{p.id}"
        svg.accessible(raw[key], f"fc-{p.department}-{p.id}", p.name, flowchart.step_summary(p, names))
    t_svg = time.perf_counter() - start

    def ms(seconds: float, count: int) -> str:
        return f"{seconds * 1000 / count:7.2f} ms/diagram"

    print(f"procedures: {n}  (sample laid out one process each: {len(sample)})")
    print(f"DOT generation               {ms(t_dot, n)}")
    print(f"cold, batched layout()       {ms(t_cold, n)}   total {t_cold:.2f} s, dot processes: {cold.processes}")
    print(f"cold, one dot for all graphs {ms(t_single, n)}   total {t_single:.2f} s, dot processes: 1")
    print(f"cold, one process per graph  {ms(t_each, len(sample))}   ({len(sample)} graphs, {t_each:.2f} s)")
    print(
        f"  batched layout() is {t_each / len(sample) / (t_cold / n):.1f}x faster per diagram than a process per graph"
    )
    print(f"warm, cache only             {ms(t_warm, n)}   dot processes: {warm.processes}, cached: {warm.cached}")
    print(f"SVG accessibility pass       {ms(t_svg, n)}")


if __name__ == "__main__":
    main()
