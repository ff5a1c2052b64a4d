"""`disclose import` of a national 双公示 sheet: how long a 1,000-row 行政处罚 sheet takes, first and again.

    .venv/bin/python -m bench.importing [ROWS]

Writes a workbook in the national layout (national.header_row, all columns, amounts in 万元, the three kinds of
party in turn) into a copy of the example district, then runs `disclose import` on it twice in fresh
processes, as a clerk would: the first run writes one posting per row and checks the written files (the whole
district is read and checked for that); the second finds every posting unchanged and writes nothing. Each
run is timed three times on a fresh copy (the fastest counts); the reading of the sheet, in its bounded child
process, is timed on its own. Prints the figures, then one JSON line.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from generator import national, sheets
from generator.schema import CREDIT_CHARS, CREDIT_WEIGHTS

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2011-12-31"
DEPARTMENT = "tjj"


def uscc(first17: str) -> str:
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return first17 + CREDIT_CHARS[(31 - total % 31) % 31]


def row(n: int) -> dict[str, Any]:
    """The n-th decision: an organisation, an individual business or a natural person in turn."""
    decided = dt.datetime(2011, 1, 4) + dt.timedelta(days=n % 300)
    kind = ("法人及非法人组织", "个体工商户", "自然人")[n % 3]
    base: dict[str, Any] = {
        "行政相对人名称": f"居巢区测试{n}号{'有限公司' if n % 3 == 0 else '商行' if n % 3 == 1 else '某某'}",
        "行政相对人类别": kind,
        "行政处罚决定书文号": f"居统测罚〔2011〕{n + 1}号",
        "违法行为类型": "提供不真实统计资料",
        "违法事实": f"2011年上报的工业总产值与财务账簿记载不符，虚报{n % 90 + 10}万元，属于提供不真实统计资料。",
        "处罚依据": "《中华人民共和国统计法》第四十一条第一款第（三）项、第二款",
        "处罚类别": "警告；罚款",
        "处罚内容": "责令改正，给予警告，并处罚款",
        "罚款金额（万元）": round(0.1 + (n % 50) / 10, 1),
        "处罚决定日期": decided,
        "公示截止期": decided + dt.timedelta(days=365),
        "处罚机关": "居巢区统计局",
        "处罚机关统一社会信用代码": uscc("11340181003012345"),
        "数据来源单位": "居巢区统计局",
    }
    if kind == "自然人":
        return base | {"证件类型": "身份证", "证件号码": "340181********0519"}
    code = uscc(f"9{'1' if kind != '个体工商户' else '2'}340181MA2N{n:05d}"[:17])
    return base | {"行政相对人代码_1（统一社会信用代码）": code, "法定代表人": f"测试{n}"}


def workbook(path: Path, rows: int) -> None:
    header = list(national.header_row("penalties"))
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(header)
    for n in range(rows):
        values = row(n)
        ws.append([values.get(h) for h in header])
    book.save(path)


def district(into: Path) -> Path:
    shutil.copytree(ROOT / "content", into / "content")
    shutil.copy(ROOT / "site_config.yml", into / "site_config.yml")
    return into / "site_config.yml"


def run_import(config: Path, book: Path) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "generator", "import", "penalties", str(book), "--department", DEPARTMENT,
         "--config", str(config), "--as-of", AS_OF],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if "新建" not in out.stdout:
        raise SystemExit(f"the import failed:\n{out.stdout[-3000:]}{out.stderr[-2000:]}")
    return seconds, out.stdout.strip().splitlines()[-1]


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory(prefix="disclose-bench-import-") as tmp:
        book = Path(tmp) / "处罚.xlsx"
        workbook(book, rows)
        size = book.stat().st_size
        reads = []
        for _ in range(3):
            started = time.perf_counter()
            sheet = sheets.read_sheet(book)
            reads.append(time.perf_counter() - started)
        assert len(sheet.rows) == rows + 1
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        firsts, agains = [], []
        for attempt in range(3):
            config = district(Path(tmp) / f"d{attempt}")
            first, first_line = run_import(config, book)
            again, again_line = run_import(config, book)
            firsts.append(first)
            agains.append(again)
    figures = {
        "rows": rows,
        "sheet_bytes": size,
        "read_seconds": min(reads),
        "read_child_max_rss_mb": child_mb,
        "import_seconds": min(firsts),
        "reimport_seconds": min(agains),
    }
    print(f"national 行政处罚 sheet, {rows} rows, {size / 1024:.0f} KB")
    print(f"read (bounded child)     {figures['read_seconds']:8.2f} s   peak {child_mb:.0f} MB in the child")
    print(f"disclose import          {figures['import_seconds']:8.2f} s   {first_line}")
    print(f"disclose import again    {figures['reimport_seconds']:8.2f} s   {again_line}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
