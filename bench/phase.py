"""One measured phase in a fresh process: prints {"seconds": …, "max_rss_mb": …, …} as JSON.

python -m bench.phase PHASE SITE_CONFIG
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

import yaml

from generator import pipeline, site

AS_OF = dt.date(2011, 12, 31)


def bare_parse(config: Path) -> dict[str, object]:
    """Plain PyYAML (libyaml) load of every content file: the floor for `check`."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted((config.parent / "content").rglob("*.yml"))
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return {"files": len(files)}


def check(config: Path) -> dict[str, object]:
    checked = pipeline.check(config, AS_OF)
    return {"problems": len(checked.report.problems)}


def generate(config: Path) -> dict[str, object]:
    built = pipeline.generate(config, AS_OF)
    return {"pages": built.pages, "dot_processes": built.layout.processes, "laid_out": built.layout.laid_out}


def bare_mkdocs(config: Path) -> dict[str, object]:
    """mkdocs-material alone on the already generated Markdown tree."""
    site.build_site(config.parent / "build" / "mkdocs.yml")
    return {}


def build(config: Path) -> dict[str, object]:
    built = pipeline.build(config, AS_OF)
    return {
        "pages": built.pages,
        "written": built.written,
        "dot_processes": built.layout.processes,
        "mkdocs_ran": built.site_built,
    }


PHASES = {"parse": bare_parse, "check": check, "generate": generate, "mkdocs": bare_mkdocs, "build": build}


def main() -> None:
    name, config = sys.argv[1], Path(sys.argv[2])
    started = time.perf_counter()
    extra = PHASES[name](config)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"phase": name, "seconds": round(seconds, 3), "max_rss_mb": round(rss, 1), **extra}))


if __name__ == "__main__":
    main()
