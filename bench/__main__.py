"""Build-speed benchmark: prints figures and ratios measured side by side in one run.

python -m bench            # small (10 departments, 200 procedures, 1,000 postings) and
                           # reference (50 departments, 2,000 procedures, 10,000 postings)
python -m bench --small    # the small workload only
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
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


def measure(size: Size, work: Path) -> dict[str, dict[str, float]]:
    config = generate(work, size)
    root = config.parent
    figures: dict[str, dict[str, float]] = {}
    figures["parse"] = run("parse", config)
    figures["check"] = run("check", config)
    shutil.rmtree(root / "flowcharts", ignore_errors=True)
    shutil.rmtree(root / "build", ignore_errors=True)
    figures["build_cold"] = run("build", config)
    figures["mkdocs_bare"] = run("mkdocs", config)
    figures["build_nochange"] = run("build", config)
    edited = next((root / "content").rglob("postings/*.yml"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("summary: ", "summary: 已更新。", 1), encoding="utf-8")
    figures["build_one_edit"] = run("build", config)
    return figures


def report(name: str, size: Size, f: dict[str, dict[str, float]]) -> None:
    pages = f["build_cold"]["pages"]
    cold, bare = f["build_cold"]["seconds"], f["mkdocs_bare"]["seconds"]
    print(
        f"\n== {name}: {size.departments} departments, {size.procedures} procedures, {size.postings} postings → {pages:.0f} pages"
    )
    print(f"bare YAML parse          {f['parse']['seconds']:8.2f} s   ({f['parse']['files']:.0f} files)")
    print(
        f"disclose check           {f['check']['seconds']:8.2f} s   ratio to bare parse {f['check']['seconds'] / f['parse']['seconds']:.2f}× (target ≤ 2×)"
    )
    print(
        f"full build, cold         {cold:8.2f} s   {1000 * cold / pages:.2f} ms/page, dot processes {f['build_cold']['dot_processes']:.0f}, peak {f['build_cold']['max_rss_mb']:.0f} MB"
    )
    print(f"bare mkdocs-material     {bare:8.2f} s   our overhead {100 * (cold - bare) / bare:+.1f}% (target ≤ 10%)")
    print(
        f"rebuild, one YAML edit   {f['build_one_edit']['seconds']:8.2f} s   pages written {f['build_one_edit']['written']:.0f}, dot processes {f['build_one_edit']['dot_processes']:.0f}"
    )
    print(
        f"rebuild, no change       {f['build_nochange']['seconds']:8.2f} s   dot processes {f['build_nochange']['dot_processes']:.0f}, mkdocs ran: {bool(f['build_nochange']['mkdocs_ran'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="only the small workload")
    parser.add_argument("--json", type=Path, help="also write all figures to this file")
    args = parser.parse_args()
    sizes = [("small", SMALL)] + ([] if args.small else [("reference", REFERENCE)])
    results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="disclose-bench-") as tmp:
        for name, size in sizes:
            results[name] = measure(size, Path(tmp) / name)
            report(name, size, results[name])
    if len(results) == 2:
        per_page = {k: v["build_cold"]["seconds"] / v["build_cold"]["pages"] for k, v in results.items()}
        print(f"\nper-page time, reference vs small: {per_page['reference'] / per_page['small']:.2f}× (target ≤ 1.2×)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
