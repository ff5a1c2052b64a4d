"""Lay out many DOT graphs with one `dot` process per core, cached by content hash in flowcharts/.

The layout must measure Chinese text with the CJK font the page names, or labels spill out
of their shapes: the font is resolved with fontconfig (its file is part of the cache key) and
every `dot` run lays out a probe graph whose width shows the font was really used.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .problems import Stopped

INSTALL_HINT = "请运行 scripts/system-deps.sh（安装 graphviz 和 fonts-noto-cjk）后重试。"
INSTALL_HINT_EN = "run scripts/system-deps.sh (installs graphviz and fonts-noto-cjk) and try again."


class GraphvizError(Stopped):
    """Graphviz or the CJK font is missing or failed: an environment problem, not a content one."""


@dataclass
class LayoutStats:
    """How much work a layout call did: graphs laid out, graphs from the cache, `dot` processes started."""

    laid_out: int = 0
    cached: int = 0
    processes: int = 0


def dot_path() -> str:
    """The `dot` executable, or an environment error saying how to install it."""
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizError(
            "找不到 Graphviz 的 dot 命令：" + INSTALL_HINT,
            "Graphviz's dot command is not installed: " + INSTALL_HINT_EN,
        )
    return dot


@functools.cache
def font_file(font: str) -> str:
    """The file fontconfig gives for `font`; an error when it falls back to another family."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ""  # no fontconfig tools: the probe graph still checks that dot measures a CJK font
    out = subprocess.run([fc_match, "-f", "%{family}\n%{file}", font], capture_output=True, text=True, check=False)
    family, _, path = out.stdout.partition("\n")
    if font not in family.split(","):
        raise GraphvizError(
            f"没有安装流程图字体“{font}”（现在会用“{family}”代替）：" + INSTALL_HINT,
            f"The flowchart font {font} is not installed ({family} would stand in): " + INSTALL_HINT_EN,
        )
    return path


def cache_key(source: str, dot: str, font: str) -> str:
    """Hash of the DOT text, the dot binary (path, size, mtime) and the font file: an upgrade re-lays out."""
    st = os.stat(dot)
    h = hashlib.sha256(source.encode())
    h.update(f"\0{dot}:{st.st_size}:{st.st_mtime_ns}\0{font_file(font)}".encode())
    return h.hexdigest()[:20]


_SVG_START = re.compile(r"<\?xml[^>]*\?>\s*")
PROBE_CHARS = 10
PROBE_SIZE = 10
_PROBE_BOX = re.compile(r'class="node".*?points="([^"]*)"', re.S)


def probe_source(font: str) -> str:
    """A one-box graph whose width is PROBE_CHARS em only when dot measures with a CJK font."""
    return (
        f'digraph "probe" {{ node [shape=box, margin=0, width=0, height=0, fontname="{font}", '
        f'fontsize={PROBE_SIZE}]; p [label="{"审" * PROBE_CHARS}"]; }}\n'
    )


def check_probe(svg: str, font: str) -> None:
    """Raise unless the probe box is as wide as its CJK text set in a full-width font."""
    box = _PROBE_BOX.search(svg)
    xs = [float(point.split(",")[0]) for point in box[1].split()] if box else [0.0]
    width, expected = max(xs) - min(xs), PROBE_CHARS * PROBE_SIZE
    if not expected * 0.97 <= width <= expected * 1.06:
        raise GraphvizError(
            f"Graphviz 没有用“{font}”字体测量中文（测得 {width:.0f}pt，应为约 {expected}pt），流程图文字会超出图框："
            "请安装 Graphviz 的 pango 插件和 fonts-noto-cjk。",
            f"Graphviz did not measure Chinese text with the font {font} (measured {width:.0f}pt, expected about "
            f"{expected}pt), so flowchart text would spill out of its boxes: install Graphviz's pango plugin and "
            "fonts-noto-cjk.",
        )


def run_dot(stdin: str, dot: str) -> list[str]:
    """Lay out every graph in `stdin` with one `dot -Tsvg` process; the SVG of each, in order."""
    proc = subprocess.run([dot, "-Tsvg"], input=stdin.encode(), capture_output=True, check=False)
    if proc.returncode != 0:
        detail = proc.stderr.decode(errors="replace").strip()
        raise GraphvizError(f"Graphviz 布局失败：{detail}", f"Graphviz could not lay out the flowcharts: {detail}")
    return [s for s in _SVG_START.split(proc.stdout.decode()) if s.strip()]


GRAPHS_PER_PROCESS = 200  # below this a second `dot` costs more than it saves


def workers(graphs: int) -> int:
    """How many `dot` processes to run side by side: one per core, each with a few hundred graphs at least."""
    return max(1, min(len(os.sched_getaffinity(0)), graphs // GRAPHS_PER_PROCESS))


def layout(sources: Mapping[str, str], cache_dir: Path, font: str, stats: LayoutStats | None = None) -> dict[str, str]:
    """SVG text for each named DOT source: new ones laid out by one `dot` per core, unchanged ones from the cache."""
    stats = stats if stats is not None else LayoutStats()
    dot = dot_path()
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = {name: cache_key(src, dot, font) for name, src in sources.items()}
    result: dict[str, str] = {}
    todo: list[str] = []
    for name, key in keys.items():
        path = cache_dir / f"{key}.svg"
        if path.exists():
            result[name] = path.read_text(encoding="utf-8")
            stats.cached += 1
        else:
            todo.append(name)
    if not todo:
        return result
    chunks = [todo[i :: workers(len(todo))] for i in range(workers(len(todo)))]
    stdins = [probe_source(font) + "".join(sources[name] for name in chunk) for chunk in chunks]
    with ThreadPoolExecutor(len(chunks)) as pool:
        outputs = list(pool.map(lambda stdin: run_dot(stdin, dot), stdins))
    stats.processes += len(chunks)
    todo = [name for chunk in chunks for name in chunk]
    svgs = []
    for probe, *chunk_svgs in outputs:
        check_probe(probe, font)
        svgs.extend(chunk_svgs)
    if len(svgs) != len(todo):
        raise GraphvizError(
            f"Graphviz 返回了 {len(svgs)} 张图，应为 {len(todo)} 张。",
            f"Graphviz returned {len(svgs)} charts instead of {len(todo)}.",
        )
    for name, svg in zip(todo, svgs, strict=True):
        tmp = cache_dir / f".{keys[name]}.{os.getpid()}.tmp"
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(cache_dir / f"{keys[name]}.svg")
        result[name] = svg
        stats.laid_out += 1
    return result
