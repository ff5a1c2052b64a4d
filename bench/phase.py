"""One measured phase in a fresh process: prints {"seconds": …, "max_rss_mb": …, …} as JSON.

python -m bench.phase PHASE SITE_CONFIG
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator import graphviz, pipeline
from generator.problems import Report

AS_OF = dt.date(2011, 12, 31)


def bare_parse(config: Path) -> dict[str, object]:
    """Plain PyYAML (libyaml) load of every content file: the floor for `check`."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted((config.parent / "content").rglob("*.yml"))
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return {"files": len(files)}


def valid(report: Report) -> None:
    """A benchmark of content that does not pass `check` measures nothing: stop, with the problems."""
    if report.errors:
        raise SystemExit(f"the benchmark's content does not pass check:\n{report.render()}")


def check(config: Path) -> dict[str, object]:
    checked = pipeline.check(config, AS_OF)
    valid(checked.report)
    return {"problems": len(checked.report.problems)}


def generate(config: Path) -> dict[str, object]:
    built = pipeline.generate(config, AS_OF)
    valid(built.report)
    assert isinstance(built, pipeline.Generated)
    return {"pages": built.pages, "dot_processes": built.layout.processes, "laid_out": built.layout.laid_out}


def bare_mkdocs(config: Path) -> dict[str, object]:
    """Stock mkdocs-material on the already generated Markdown tree and config, into site-bare/.

    Stock means the theme's own search plugin (lunr, Chinese cut by jieba) in place of Pagefind, and
    the theme's own templates: the same Markdown, built the way a stock site builds it.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    build_dir = config.parent / "build"
    cfg = yaml.safe_load((build_dir / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["plugins"] = [{"search": {"lang": cfg["theme"]["language"].split("-")[0]}}]
    cfg["theme"].pop("custom_dir", None)
    cfg["theme"]["language"] = cfg["theme"]["language"].split("-")[0]
    cfg.pop("extra_javascript", None)
    cfg["site_dir"] = str(config.parent / "site-bare")
    bare = build_dir / "mkdocs-bare.yml"
    bare.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        mkdocs_build(load_config(config_file=str(bare)))
    return {"mkdocs_seconds": round(time.perf_counter() - started, 3)}


def flowcharts(config: Path) -> dict[str, object]:
    """ms per diagram for the district's own flowcharts: laid out into an empty cache (cold), then from it (warm)."""
    checked = pipeline.check(config, AS_OF)
    assert isinstance(checked, pipeline.Checked)
    content = checked.content
    figures: dict[str, object] = {"diagrams": len(content.procedures)}
    with tempfile.TemporaryDirectory() as cache:
        for name in ("cold", "warm"):
            stats = graphviz.LayoutStats()
            started = time.perf_counter()
            pipeline.flowcharts(content, Path(cache), stats)
            figures[f"{name}_ms"] = round(1000 * (time.perf_counter() - started) / len(content.procedures), 3)
            figures[f"{name}_dot_processes"] = stats.processes
    return figures


def build(config: Path) -> dict[str, object]:
    built = pipeline.build(config, AS_OF)
    valid(built.report)
    assert isinstance(built, pipeline.Built)
    return {
        "pages": built.generated.pages,
        "written": built.generated.written,
        "dot_processes": built.generated.layout.processes,
        "mkdocs_ran": built.site_built,
        "files_scanned": built.scan.files,
        "files_known_clean": built.scan.known_clean,
    }


def index(config: Path) -> dict[str, object]:
    """Pagefind alone over a copy of the site the cold build wrote: the search index's own build time.

    A copy, so that the site folder stays exactly as the build left it: the next build recognises it
    as its own output, and the no-change rebuild is measured for what it is.
    """
    from generator import search

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(config.parent / "site", site, ignore=shutil.ignore_patterns(search.BUNDLE))
        stats = search.index_site(site, "zh")
        files = [p for p in (site / search.BUNDLE).rglob("*") if p.is_file()]
        sizes = sum(p.stat().st_size for p in files)
    return {
        "index_seconds": round(stats.seconds, 3),
        "indexed_pages": stats.pages,
        "chunks": sum(p.suffix == ".pf_index" for p in files),
        "index_bytes": sizes,
    }


PHASES = {
    "parse": bare_parse,
    "check": check,
    "generate": generate,
    "flowcharts": flowcharts,
    "mkdocs": bare_mkdocs,
    "build": build,
    "index": index,
}


def main() -> None:
    name, config = sys.argv[1], Path(sys.argv[2])
    started = time.perf_counter()
    extra = PHASES[name](config)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"phase": name, "seconds": round(seconds, 3), "max_rss_mb": round(rss, 1), **extra}))


if __name__ == "__main__":
    main()
