"""How much the public-site scans cost, measured side by side in one run.

    .venv/bin/python -m bench.privacy [PAGES]

Writes a synthetic built site of PAGES Chinese pages (default 5,000) plus a search index,
then times, over the same files: reading them (the floor), the personal-data scan, and the
personal-data scan together with 1,000 hidden-text probes (what every public build runs).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.config import SiteConfig, SiteIdentity
from generator.sitescan import scan_site, site_files

PARAGRAPH = (
    "<p>测试区财政局负责全区政府采购监督管理工作,咨询电话 0551-82321001,投诉电话 0551-82321002。"
    "办结日期 2011-05-12,公开日期 2011-05-16,收费标准 80 元/件,依据皖价费〔2008〕123号。"
    "联系人李先生(138****8000)。</p>\n"
)


def write_site(root: Path, pages: int) -> None:
    docs = []
    for n in range(pages):
        page = root / "matters" / f"m-{n}" / "index.html"
        page.parent.mkdir(parents=True)
        body = PARAGRAPH * 20
        page.write_text(f"<html lang='zh'><body><h1>事项 {n}</h1>{body}</body></html>", encoding="utf-8")
        docs.append({"location": f"matters/m-{n}/", "title": f"事项 {n}", "text": "\u200b".join(body)})
    (root / "search").mkdir()
    (root / "search" / "search_index.json").write_text(json.dumps({"docs": docs}), encoding="utf-8")


def timed(label: str, run: Callable[[], object], floor: float | None) -> float:
    best = min(_once(run) for _ in range(3))
    ratio = f"  {best / floor:5.1f}× reading" if floor else ""
    print(f"{label:<38} {best:7.2f} s{ratio}")
    return best


def _once(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    identity = SiteIdentity(
        site_code="0000000000",
        icp="bench",
        police_record="bench",
        police_url="https://example.gov.cn/",
        sponsor="bench",
        contact_phone="0551-82321010",
        error_report_url="https://example.gov.cn/",
    )
    config = SiteConfig(site_name="bench", site_url="https://example.gov.cn/", identity=identity)
    probes = [f"不向社会公开的内部事项第{n}号会议纪要" for n in range(1000)]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        write_site(site, pages)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
        print(f"{pages} pages + search index, {size:.0f} MB")
        floor = timed("read + decode every file", lambda: sum(len(t) for _, t in site_files(site)), None)
        timed("personal-data scan", lambda: scan_site(site, config), floor)
        scan = scan_site(site, config, probes)
        assert not scan.problems, scan.problems[:3]
        timed("personal-data scan + 1,000 leak probes", lambda: scan_site(site, config, probes), floor)
        print(f"scanned {scan.files} files, {scan.chars / 1e6:.0f} M characters")


if __name__ == "__main__":
    main()
