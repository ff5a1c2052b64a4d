"""Site scaling benchmark: build time and page size as the number of items grows.

Builds synthetic districts of increasing size (copies of the fixture department, each with
several matters and postings) side by side in one run and prints per-item build time and the
size of an item page. With pruned navigation both stay flat as the district grows.

    .venv/bin/python -m bench.site_scaling [departments ...]
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator import pipeline

GOOD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "good"
AS_OF = dt.date(2011, 12, 31)
MATTERS = 4
POSTINGS = 6


def make_district(root: Path, departments: int) -> Path:
    """A district of `departments` copies of the fixture department; returns site_config.yml."""
    shutil.copytree(GOOD, root, ignore=shutil.ignore_patterns("site", "build", "flowcharts", "czj"))
    src = GOOD / "content" / "czj"
    dept = (src / "department.yml").read_text(encoding="utf-8")
    proc = (src / "procedures" / "piao-ju.yml").read_text(encoding="utf-8")
    post = (src / "postings" / "2011-05-12-cai-gou.yml").read_text(encoding="utf-8")
    for d in range(departments):
        folder = root / "content" / ("czj" if d == 0 else f"d{d:04d}")
        (folder / "procedures").mkdir(parents=True)
        (folder / "postings").mkdir()
        (folder / "department.yml").write_text(dept.replace("测试区财政局", f"测试区第{d}局"), encoding="utf-8")
        for m in range(MATTERS):
            text = proc.replace("行政事业性收费票据领购", f"第{d}局事项{m}").replace("受理申请", f"受理申请{m}")
            (folder / "procedures" / f"m{m}.yml").write_text(text, encoding="utf-8")
        for p in range(POSTINGS):
            text = post.replace("办公设备", f"第{d}局设备{p}")
            (folder / "postings" / f"2011-05-12-p{p}.yml").write_text(text, encoding="utf-8")
    return root / "site_config.yml"


def measure(departments: int, work: Path) -> tuple[int, float, int, int]:
    """(pages, seconds, bytes of one matter page, bytes of the home page) for one district size."""
    config = make_district(work / f"n{departments}", departments)
    start = time.perf_counter()
    built = pipeline.build(config, AS_OF)
    seconds = time.perf_counter() - start
    assert not built.report.errors, built.report.problems[:3]
    site = config.parent / "site"
    pages = len(list(site.rglob("*.html")))
    matter = (site / "matters" / "czj-m0" / "index.html").stat().st_size
    home = (site / "index.html").stat().st_size
    return pages, seconds, matter, home


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(n, *measure(n, Path(tmp))) for n in sizes]
    print(f"{'depts':>6} {'pages':>6} {'build s':>8} {'ms/page':>8} {'matter page B':>14} {'home page B':>12}")
    for n, pages, seconds, matter, home in rows:
        print(f"{n:>6} {pages:>6} {seconds:>8.2f} {1000 * seconds / pages:>8.1f} {matter:>14} {home:>12}")
    first, last = rows[0], rows[-1]
    print(
        f"ratio largest/smallest: pages {last[1] / first[1]:.1f}x, build time {last[2] / first[2]:.1f}x, "
        f"time per page {(last[2] / last[1]) / (first[2] / first[1]):.2f}x, matter page size {last[3] / first[3]:.2f}x"
    )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [5, 20, 80])
