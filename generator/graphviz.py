"""Lay out many DOT graphs with one `dot` process, cached by content hash in flowcharts/."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class GraphvizError(Exception):
    """Graphviz is missing or failed: an environment problem, not a content one."""


@dataclass
class LayoutStats:
    """How much work a layout call did: graphs laid out and `dot` processes started."""

    laid_out: int = 0
    cached: int = 0
    processes: int = 0


def _dot() -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizError("找不到 Graphviz 的 dot 命令:请运行 `sudo apt-get install graphviz` 后重试。")
    return dot


def cache_key(source: str, dot: str) -> str:
    """Hash of the DOT text and the dot binary (path, size, mtime), so an upgrade re-lays out."""
    st = os.stat(dot)
    h = hashlib.sha256(source.encode())
    h.update(f"{dot}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


_SVG_START = re.compile(r"<\?xml[^>]*\?>\s*")


def layout(sources: Mapping[str, str], cache_dir: Path, stats: LayoutStats | None = None) -> dict[str, str]:
    """SVG text for each named DOT source; unchanged sources come from the cache."""
    stats = stats if stats is not None else LayoutStats()
    dot = _dot()
    cache_dir.mkdir(parents=True, exist_ok=True)
    keys = {name: cache_key(src, dot) for name, src in sources.items()}
    result: dict[str, str] = {}
    todo: list[str] = []
    for name, key in keys.items():
        path = cache_dir / f"{key}.svg"
        if path.exists():
            result[name] = path.read_text(encoding="utf-8")
            stats.cached += 1
        else:
            todo.append(name)
    if todo:
        stdin = "".join(sources[name] for name in todo)
        stats.processes += 1
        proc = subprocess.run([dot, "-Tsvg"], input=stdin.encode(), capture_output=True, check=False)
        if proc.returncode != 0:
            raise GraphvizError(f"Graphviz 布局失败:{proc.stderr.decode(errors='replace').strip()}")
        svgs = [s for s in _SVG_START.split(proc.stdout.decode()) if s.strip()]
        if len(svgs) != len(todo):
            raise GraphvizError(f"Graphviz 返回了 {len(svgs)} 张图,应为 {len(todo)} 张。")
        for name, svg in zip(todo, svgs, strict=True):
            tmp = cache_dir / f".{keys[name]}.tmp"
            tmp.write_text(svg, encoding="utf-8")
            tmp.replace(cache_dir / f"{keys[name]}.svg")
            result[name] = svg
            stats.laid_out += 1
    return result
