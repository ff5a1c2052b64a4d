"""`make bench`: what a web team runs, timed side by side with what the engine does alone.

python -m bench            # a 1,000-row national 双公示 sheet imported and imported again (bench.importing),
                           # then 1.2k pages (10 departments, 200 procedures, 1,000 postings) and
                           # 12k pages (50 departments, 2,000 procedures, 10,000 postings)
python -m bench --small    # 1.2k pages only
python -m bench --large --rounds 1 --no-edit   # 12k pages only, one round, no "one edit" runs
python -m bench --rounds 3 --json out.json

For each engine, each round runs, one after the other in fresh processes:

  ours   `disclose build --engine ENGINE`, cold: no build/, site/ or flowcharts/ from an earlier run;
         it checks the content, lays out the flowcharts, renders the pages, builds the site with the
         engine, indexes it with Pagefind and scans every public file.
  stock  the engine's own command on the same Markdown, cold, as a web team would set it up:
         `mkdocs build` with mkdocs-material and its own search plugin (`lang: zh`, Chinese cut by
         jieba); `zensical build` with its defaults (its own search, its modern theme), no .cache.

The fastest run of each counts (the one least disturbed by other work on the machine); ratios are
only taken between runs of one round or of one `make bench`. Then, once per engine, "one edit":
one posting's summary changed after a complete build, and `disclose build` again with what that
build left (build/, site/, flowcharts/); stock mkdocs has no cache and builds everything again,
stock Zensical keeps its .cache. The load average is printed before every run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from generator.engines import NAMES

from .synth import Size, generate

SMALL = Size(10, 200, 1000)
REFERENCE = Size(50, 2000, 10000)
AS_OF = "2011-12-31"
BIN = Path(sys.executable).parent
STAGE = re.compile(r"([^\s（·]+) [\d,]+ 项 ([\d.]+) 秒")
"""A stage in the summary `disclose build` prints: （校验 1,212 项 0.8 秒 · 流程图 200 项 0.8 秒 · …）."""
STOCK = "stock"
"""Beside the synthetic district: the stock engines' project (a copy of the Markdown and their configs)."""
STOCK_SITES = {"mkdocs-material": "site-mkdocs", "zensical": "site-zensical"}


def load() -> float:
    """The one-minute load average: how busy the machine was (2 cores here)."""
    return round(os.getloadavg()[0], 2)


def timed(command: list[str], cwd: Path) -> dict[str, Any]:
    """Run `command` to the end; seconds on the wall clock, the load before, and its output's last line."""
    before = load()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    said = (done.stdout.strip().splitlines() or [""])[-1]
    return {"seconds": round(seconds, 2), "load": before, "stages": dict(STAGE.findall(said))}


def sheet_import() -> dict[str, float]:
    """`disclose import` of a 1,000-row national sheet, first and again (bench.importing, in its own process)."""
    out = subprocess.run([sys.executable, "-m", "bench.importing"], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the import benchmark failed:\n{out.stderr[-2000:]}")
    lines = out.stdout.strip().splitlines()
    print("\n== " + "\n".join(lines[:-1]))
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def cold(root: Path) -> None:
    """Forget every output and cache of earlier builds: flowcharts/, build/ (with Zensical's .cache) and site/."""
    for name in ("flowcharts", "build", "site"):
        shutil.rmtree(root / name, ignore_errors=True)


def ours(config: Path, engine: str) -> dict[str, Any]:
    """`disclose build` as a web team runs it."""
    command = [str(BIN / "disclose"), "build", "--config", config.name, "--as-of", AS_OF, "--engine", engine]
    return timed(command, config.parent)


def stock_project(root: Path) -> Path:
    """The stock engines' project: a copy of the Markdown the last build wrote, with mkdocs.yml and zensical.yml."""
    stock = root / STOCK
    shutil.rmtree(stock, ignore_errors=True)
    shutil.copytree(root / "build" / "docs", stock / "docs")
    cfg = yaml.safe_load((root / "build" / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["docs_dir"] = "docs"
    cfg["theme"] = {k: v for k, v in cfg["theme"].items() if k != "custom_dir"} | {"language": "zh"}
    cfg.pop("extra_javascript", None)
    mkdocs = cfg | {"site_dir": STOCK_SITES["mkdocs-material"], "plugins": [{"search": {"lang": "zh"}}]}
    (stock / "mkdocs.yml").write_text(yaml.safe_dump(mkdocs, allow_unicode=True), encoding="utf-8")
    zensical = cfg | {"site_dir": STOCK_SITES["zensical"]}
    zensical.pop("plugins")
    (stock / "zensical.yml").write_text(yaml.safe_dump(zensical, allow_unicode=True), encoding="utf-8")
    return stock


def stock(project: Path, engine: str, keep_cache: bool = False) -> dict[str, Any]:
    """The stock engine's own command on the Markdown; cold unless `keep_cache` (Zensical's .cache)."""
    shutil.rmtree(project / STOCK_SITES[engine], ignore_errors=True)
    if engine == "mkdocs-material":
        return timed([str(BIN / "mkdocs"), "build", "--quiet", "--config-file", "mkdocs.yml"], project)
    if not keep_cache:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    return timed([str(BIN / "zensical"), "build", "--config-file", "zensical.yml"], project)


def edit(content: Path) -> Path:
    """Change one posting's summary; returns the posting's file."""
    posting = sorted(content.rglob("postings/*.yml"))[0]
    text = posting.read_text(encoding="utf-8")
    posting.write_text(text.replace("summary: ", "summary: 已更新。", 1), encoding="utf-8")
    return posting


def measure(size: Size, work: Path, rounds: int, edits: bool = True) -> dict[str, Any]:
    """Every figure for one workload (the "one edit" runs unless `edits` is false)."""
    config = generate(work, size)
    root = config.parent
    runs: dict[str, list[dict[str, Any]]] = {f"{who} {e}": [] for e in NAMES for who in ("ours", "stock")}
    project: Path | None = None
    for n in range(rounds):
        for engine in NAMES:
            cold(root)
            runs[f"ours {engine}"].append(ours(config, engine))
            project = project or stock_project(root)
            runs[f"stock {engine}"].append(stock(project, engine))
            print(f"  round {n + 1}, {engine}: ours {runs[f'ours {engine}'][-1]}, stock {runs[f'stock {engine}'][-1]}")
    assert project is not None
    changed: dict[str, dict[str, Any]] = {}
    for engine in NAMES if edits else ():
        cold(root)
        ours(config, engine)
        original = edit(root / "content")
        before = original.read_bytes()
        changed[f"ours {engine}"] = ours(config, engine)
        original.write_bytes(before)
    if edits:
        page = sorted((project / "docs" / "hotspots").glob("*.md"))[0]
        stock(project, "zensical")
        page.write_text(page.read_text(encoding="utf-8") + "\n已更新。\n", encoding="utf-8")
        changed["stock zensical"] = stock(project, "zensical", keep_cache=True)
    pages = sum(1 for _ in (project / "docs").rglob("*.md"))
    return {"pages": pages, "runs": runs, "fastest": {k: fastest(v) for k, v in runs.items()}, "one_edit": changed}


def fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the least time: the one least disturbed by other work on the machine."""
    return min(runs, key=lambda r: float(r["seconds"]))


def report(name: str, size: Size, f: dict[str, Any]) -> None:
    best = f["fastest"]
    stock_mk = best["stock mkdocs-material"]["seconds"]
    loads = [r["load"] for runs in f["runs"].values() for r in runs]
    print(
        f"\n== {name}: {size.departments} departments, {size.procedures} procedures, {size.postings} postings"
        f" → {f['pages']} pages; fastest of {len(f['runs']['ours mkdocs-material'])};"
        f" load average {min(loads):.1f}–{max(loads):.1f} before the runs"
    )
    for engine in NAMES:
        mine, theirs = best[f"ours {engine}"], best[f"stock {engine}"]
        stages = " · ".join(f"{k} {v} s" for k, v in mine["stages"].items())
        print(f"disclose build --engine {engine:<16} {mine['seconds']:8.1f} s   ({stages})")
        print(f"stock {engine:<34} {theirs['seconds']:8.1f} s")
        against = "" if engine == "mkdocs-material" else f"; / stock mkdocs-material {mine['seconds'] / stock_mk:.2f}×"
        target = " (target ≤ 0.8×)" if engine == "mkdocs-material" else ""
        print(f"  ours / stock {engine}: {mine['seconds'] / theirs['seconds']:.2f}×{target}{against}")
    for who, run in f["one_edit"].items():
        print(f"one edit, {who:<32} {run['seconds']:8.1f} s   (load {run['load']:.1f})")
    if "ours mkdocs-material" in f["one_edit"]:
        edit = f["one_edit"]["ours mkdocs-material"]["seconds"]
        print(
            f"  one edit, ours / stock mkdocs-material (which builds every page again): {edit / stock_mk:.2f}×"
            " (target ≤ 0.8×)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="only the 1.2k-page workload")
    parser.add_argument("--large", action="store_true", help="only the 12k-page workload")
    parser.add_argument("--no-edit", action="store_true", help="leave out the one-edit runs")
    parser.add_argument("--rounds", type=int, default=3, help="rounds at 1.2k pages (12k: at most 2); fastest counts")
    parser.add_argument("--json", type=Path, help="also write every run to this file")
    args = parser.parse_args()
    sizes = ([] if args.large else [("1.2k", SMALL, args.rounds)]) + (
        [] if args.small else [("12k", REFERENCE, min(args.rounds, 2))]
    )
    results: dict[str, Any] = {}
    if not args.large:
        results["import"] = {"national_sheet": sheet_import()}
    with tempfile.TemporaryDirectory(prefix="disclose-bench-") as tmp:
        for name, size, rounds in sizes:
            print(f"{name}: {rounds} rounds, load average {load():.1f}", flush=True)
            results[name] = measure(size, Path(tmp) / name, rounds, edits=not args.no_edit)
            report(name, size, results[name])
            if args.json:
                args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
