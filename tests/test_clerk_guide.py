"""The clerk's guide (docs/clerk.md), followed literally on a copy of the example district's content repository.

Every `$ ` line of a ```console block runs in bash, in order, with the lines under it as the output it must
print (each line in full, in order; a `…` stands for any text); a ```yaml block whose first line is
`# 文件：PATH` is what the clerk types into PATH; a table after `<!-- 在 Excel 中填写：FILE -->` is what the
clerk types into that workbook in Excel. A command whose shown output counts errors must exit 1, any other 0.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

GUIDE = ROOT / "docs" / "clerk.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
SHEET = re.compile(r"<!-- 在 Excel 中填写：(\S+) -->\n\n((?:\|.*\|\n)+)")
WRITTEN = "# 文件："
IMPORT_DAY = "2026-12-01T10:00:00+08:00"
"""The example repository's history is committed before its import cut-off (site_config.yml)."""


@dataclass(frozen=True)
class Step:
    kind: str  # "run", "write" or "sheet"
    what: str  # the command, the path, or the workbook
    body: str = ""  # the expected output, the file's text, or the table


def steps(guide: str) -> list[Step]:
    """The guide's executable steps in the order they stand."""
    found: list[tuple[int, Step]] = []
    for m in BLOCK.finditer(guide):
        lang, text = m.group(1), m.group(2)
        if lang == "yaml" and text.startswith(WRITTEN):
            path, _, rest = text.partition("\n")
            found.append((m.start(), Step("write", path.removeprefix(WRITTEN).strip(), rest)))
        elif lang == "console":
            for command in re.split(r"^\$ ", text, flags=re.M)[1:]:
                line, _, output = command.partition("\n")
                found.append((m.start(), Step("run", line, output)))
    found += [(m.start(), Step("sheet", m.group(1), m.group(2))) for m in SHEET.finditer(guide)]
    return [step for _, step in sorted(found, key=lambda pair: pair[0])]


def fill_sheet(path: Path, table: str) -> None:
    """Type the table's rows under the workbook's header row, each cell in the column of the same header."""
    from openpyxl import load_workbook

    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table.strip().splitlines()]
    header, body = rows[0], rows[2:]
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    columns = {cell.value: cell.column for cell in sheet[1]}
    for r, row in enumerate(body, start=2):
        for name, value in zip(header, row, strict=True):
            assert name in columns, f"the guide's column {name} is not in the template"
            sheet.cell(r, columns[name], value)
    book.save(path)


def matches(shown: list[str], printed: list[str]) -> bool:
    """Every line the guide shows is printed, in that order (`…` in a shown line stands for any text)."""
    at = 0
    for want in shown:
        pattern = re.compile("^" + ".*".join(map(re.escape, want.split("…"))) + "$")
        while at < len(printed) and not pattern.match(printed[at]):
            at += 1
        if at == len(printed):
            return False
        at += 1
    return True


def git(folder: Path, *args: str) -> None:
    env = os.environ | {"GIT_AUTHOR_DATE": IMPORT_DAY, "GIT_COMMITTER_DATE": IMPORT_DAY}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A clone of the example district's content repository, its history committed before the import cut-off."""
    repo = tmp_path / "zwgk"
    repo.mkdir()
    shutil.copy(ROOT / "site_config.yml", repo)
    shutil.copytree(ROOT / "content", repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=区政务公开办", "-c", "user.email=zwgk@example.gov.cn", "commit", "-q", "-m", "导入")
    return repo


def test_the_guide_has_every_kind_of_step() -> None:
    kinds = [step.kind for step in steps(GUIDE.read_text(encoding="utf-8"))]
    assert kinds.count("run") >= 10 and kinds.count("write") >= 4 and kinds.count("sheet") == 1


@pytest.mark.slow
def test_a_new_clerk_following_the_guide_gets_every_message_it_shows(repository: Path) -> None:
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for step in steps(GUIDE.read_text(encoding="utf-8")):
        if step.kind == "write":
            (repository / step.what).write_text(step.body, encoding="utf-8")
        elif step.kind == "sheet":
            fill_sheet(repository / step.what, step.body)
        else:
            done = subprocess.run(
                ["bash", "-c", step.what], cwd=repository, capture_output=True, text=True, env=env, check=False
            )
            printed = (done.stdout + done.stderr).splitlines()
            shown = [line for line in step.body.splitlines() if line.strip()]
            failing = any(re.match(r"共 [1-9]\d* 个错误", line) for line in shown)
            assert done.returncode == (1 if failing else 0), (step.what, printed)
            assert matches(shown, printed), (step.what, shown, printed)
            assert "Traceback" not in done.stderr
