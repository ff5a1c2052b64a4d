"""Build-speed benchmark: prints figures and ratios measured side by side in one run.

python -m bench            # a 1,000-row national 双公示 sheet imported and imported again (bench.importing),
                           # then small (10 departments, 200 procedures, 1,000 postings) and
                           # reference (50 departments, 2,000 procedures, 10,000 postings)
python -m bench --small    # the import and the small workload only
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .synth import Size, generate

SMALL = Size(10, 200, 1000)
REFERENCE = Size(50, 2000, 10000)


def run(phase: str, config: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.phase", phase, str(config)], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"phase {phase} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def visit(site: Path) -> dict[str, float]:
    """Bytes and waits of a visitor in Chromium (bench.visit, in its own process)."""
    out = subprocess.run([sys.executable, "-m", "bench.visit", str(site)], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"visit of {site} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def sheet_import() -> dict[str, float]:
    """`disclose import` of a 1,000-row national sheet, first and again (bench.importing, in its own process)."""
    out = subprocess.run([sys.executable, "-m", "bench.importing"], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the import benchmark failed:\n{out.stderr[-2000:]}")
    lines = out.stdout.strip().splitlines()
    print("\n== " + "\n".join(lines[:-1]))
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def preview(config: Path, department: str | None) -> dict[str, float]:
    """`disclose serve` (with --only DEPARTMENT) started, a page open in Chromium, one edit: seconds (bench.preview)."""
    cmd = [sys.executable, "-m", "bench.preview", str(config), *([department] if department else [])]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"preview failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def fresh(root: Path) -> None:
    """Forget every cache of earlier builds: flowcharts, build/ (search splits, scan memo) and the sites."""
    for name in ("flowcharts", "build", "site", "site-bare"):
        shutil.rmtree(root / name, ignore_errors=True)


def measure(size: Size, work: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Every figure for one workload; cold builds and bare mkdocs alternate `repeat` times and the fastest counts."""
    config = generate(work, size)
    root = config.parent
    figures: dict[str, dict[str, float]] = {}
    parses, checks = [], []
    for _ in range(max(repeat, 3)):  # seconds each: always side by side, three times, fastest counts
        parses.append(run("parse", config))
        checks.append(run("check", config))
    figures["parse"], figures["check"] = fastest(parses), fastest(checks)
    figures["flowcharts"] = run("flowcharts", config)
    colds, bares = [], []
    for _ in range(repeat):
        fresh(root)
        colds.append(run("build", config))
        bares.append(run("mkdocs", config))
    figures["build_cold"], figures["mkdocs_bare"] = fastest(colds), fastest(bares)
    figures["visit"], figures["visit_bare"] = visit(root / "site"), visit(root / "site-bare")
    figures["index"] = run("index", config)
    first = sorted(p.name for p in (root / "content").iterdir() if p.is_dir())[0]
    figures["preview_only"] = preview(config, first)
    figures["preview_full"] = preview(config, None)
    figures["build_nochange"] = run("build", config)
    edited = next((root / "content").rglob("postings/*.yml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("summary: ", "summary: 已更新。", 1), encoding="utf-8")
    figures["build_one_edit"] = run("build", config)
    return figures


def fastest(runs: Iterable[dict[str, float]]) -> dict[str, float]:
    """The run with the least time: the one least disturbed by other work on the machine."""
    return min(runs, key=lambda r: r["seconds"])


def kb(n: float) -> str:
    return f"{n / 1024:8.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:8.1f} MB"


def report(name: str, size: Size, f: dict[str, dict[str, float]]) -> None:
    pages = f["build_cold"]["pages"]
    cold, bare = f["build_cold"]["seconds"], f["mkdocs_bare"]["seconds"]
    fc, edit, same = f["flowcharts"], f["build_one_edit"], f["build_nochange"]
    print(
        f"\n== {name}: {size.departments} departments, {size.procedures} procedures, {size.postings} postings → {pages:.0f} pages"
    )
    print(f"bare YAML parse          {f['parse']['seconds']:8.2f} s   ({f['parse']['files']:.0f} files)")
    print(
        f"disclose check           {f['check']['seconds']:8.2f} s   ratio to bare parse {f['check']['seconds'] / f['parse']['seconds']:.2f}× (target ≤ 2×)"
    )
    print(
        f"flowcharts               {fc['cold_ms']:8.2f} ms/diagram cold ({fc['cold_dot_processes']:.0f} dot processes), "
        f"{fc['warm_ms']:.2f} ms/diagram warm ({fc['warm_dot_processes']:.0f} dot processes), {fc['diagrams']:.0f} diagrams"
    )
    print(
        f"full build, cold         {cold:8.2f} s   {1000 * cold / pages:.2f} ms/page, dot processes {f['build_cold']['dot_processes']:.0f}"
    )
    print(f"stock mkdocs-material    {bare:8.2f} s   cold build / stock {cold / bare:.2f}× (target ≤ 0.8×)")
    ix, ours, stock = f["index"], f["visit"], f["visit_bare"]
    print(
        f"search index (Pagefind)  {ix['index_seconds']:8.2f} s   {ix['indexed_pages']:.0f} pages, {ix['chunks']:.0f} index chunks, "
        f"{ix['index_bytes'] / 1e6:.1f} MB in all"
    )
    print(
        f"first visit (home page)  {kb(ours['first_visit_bytes'])} ours, {kb(stock['first_visit_bytes'])} stock "
        f"(its search index is fetched at start-up)"
    )
    print(f"first visit + one query  {kb(ours['with_query_bytes'])} ours, {kb(stock['with_query_bytes'])} stock")
    print(
        f"query latency, Chromium  {1000 * ours['query_seconds']:8.0f} ms first query (loads the search), "
        f"{1000 * ours['second_query_seconds']:.0f} ms the next; stock {1000 * stock['query_seconds']:.0f} ms once its index is loaded"
    )
    only, whole = f["preview_only"], f["preview_full"]
    print(
        f"preview edit-to-refresh  {only['refresh_seconds']:8.2f} s   serve --only one department (started in {only['start_seconds']:.1f} s); "
        f"whole site {whole['refresh_seconds']:.2f} s, its district-wide lists {whole['whole_site_seconds']:.1f} s "
        f"(started in {whole['start_seconds']:.1f} s)"
    )
    print(
        f"largest HTML page        {kb(ours['largest_html_bytes'])} ({ours['largest_html']}); "
        f"stock build of the same Markdown {kb(stock['largest_html_bytes'])}"
    )
    print(
        f"rebuild, one YAML edit   {edit['seconds']:8.2f} s   pages written {edit['written']:.0f}, dot processes {edit['dot_processes']:.0f}, "
        f"files scanned {edit['files_scanned']:.0f} (known clean {edit['files_known_clean']:.0f})"
    )
    print(
        f"rebuild, no change       {same['seconds']:8.2f} s   dot processes {same['dot_processes']:.0f}, mkdocs ran: {bool(same['mkdocs_ran'])}, "
        f"files scanned {same['files_scanned']:.0f}"
    )
    print(
        f"peak memory              {f['build_cold']['max_rss_mb']:8.0f} MB full build, {f['mkdocs_bare']['max_rss_mb']:.0f} MB bare mkdocs, "
        f"{f['check']['max_rss_mb']:.0f} MB check"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="only the small workload")
    parser.add_argument("--json", type=Path, help="also write all figures to this file")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the small workload's timings (fastest counts)")
    args = parser.parse_args()
    sizes = [("small", SMALL)] + ([] if args.small else [("reference", REFERENCE)])
    results: dict[str, dict[str, dict[str, float]]] = {"import": {"national_sheet": sheet_import()}}
    with tempfile.TemporaryDirectory(prefix="disclose-bench-") as tmp:
        for name, size in sizes:
            results[name] = measure(size, Path(tmp) / name, args.repeat if size == SMALL else 1)
            report(name, size, results[name])
    if "reference" in results:
        per_page = {
            k: results[k]["build_cold"]["seconds"] / results[k]["build_cold"]["pages"] for k in ("small", "reference")
        }
        print(f"\nper-page time, reference vs small: {per_page['reference'] / per_page['small']:.2f}× (target ≤ 1.2×)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
