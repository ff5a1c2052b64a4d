"""索引号 in a configured format, written into the items' YAML by `disclose number`, on real files in a real git
repository: only one line added per file, comments kept, idempotent, never renumbering, refusing duplicates; the
built pages and open data carry the numbers written; a number that differs from the ledger's is found."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import codes, ledger, pipeline
from generator.cli import main
from generator.publish import publish

from .test_timeliness import commit_all, git, posting

SCHEME = """index_numbers:
  pattern: "{org}/{category}-{year}-{seq}"
  width: 4
  organisations:
    - department: czj
      code: "003205120"
  categories:
    - category: 部门职责
      code: ZZ
    - category: 办事指南
      code: BS
    - category: 政府采购
      code: ZC
    - category: 执法处罚
      code: CF
"""


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def number(project: Path, *extra: str) -> tuple[int, str]:
    return cli("number", "--config", str(project), "--as-of", "2011-12-31", *extra)


def repo(project: Path, scheme: str = SCHEME) -> Path:
    """The fixture district in a git repository, with the numbering scheme in its site_config.yml."""
    config = project.read_text(encoding="utf-8")
    project.write_text(config + scheme, encoding="utf-8")
    folder = project.parent
    git(folder, "init", "-q", "-b", "main")
    commit_all(folder, "2026-11-30T10:00:00+08:00", "导入")
    return folder


def index_no_of(path: Path) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("index_no:"))


def test_number_writes_the_configured_format_once_and_keeps_everything_else(project: Path) -> None:
    folder = repo(project)
    content = folder / "content" / "czj"
    dept = content / "department.yml"
    comment = dept.read_text(encoding="utf-8").splitlines()[0]
    assert comment.startswith("#")
    code, out = number(project)
    assert code == 0, out
    # one line added to each numbered file, nothing removed, the comment above it kept
    stat = git(folder, "diff", "--numstat").splitlines()
    assert sorted(line.split("\t")[2] for line in stat) == [
        "content/czj/department.yml",
        "content/czj/postings/2011-05-12-cai-gou.yml",
        "content/czj/procedures/piao-ju.yml",
        "content/czj/procedures/yi-shen-qing.yml",
    ]
    assert all(line.split("\t")[:2] == ["1", "0"] for line in stat)
    assert dept.read_text(encoding="utf-8").splitlines()[:2] == [comment, 'index_no: "003205120/ZZ-2011-0001"']
    assert index_no_of(content / "procedures" / "piao-ju.yml") == 'index_no: "003205120/BS-2011-0001"'
    assert index_no_of(content / "postings" / "2011-05-12-cai-gou.yml") == 'index_no: "003205120/ZC-2011-0001"'
    commit_all(folder, "2026-12-01T10:00:00+08:00", "编号")
    # idempotent: a second run changes nothing
    code, out = number(project)
    assert code == 0 and "未改动任何文件" in out
    assert git(folder, "status", "--porcelain") == ""
    # a new item earlier in date order takes the next number; no other item is renumbered
    posting(project, "2011-03-01-cai-gou", "2011-03-01", "2011-03-02", category="政府采购")
    posting(project, "2011-12-30-dai-gong-kai", "2011-12-30", None)  # pending: numbered when published
    code, out = number(project)
    assert code == 0, out
    assert git(folder, "diff", "--name-only") == ""  # the committed files are untouched
    assert index_no_of(content / "postings" / "2011-03-01-cai-gou.yml") == 'index_no: "003205120/ZC-2011-0002"'
    assert "index_no" not in (content / "postings" / "2011-12-30-dai-gong-kai.yml").read_text(encoding="utf-8")


def test_number_for_one_department_touches_no_other_departments_files(project: Path) -> None:
    second = project.parent / "content" / "shj"
    shutil.copytree(project.parent / "content" / "czj", second)
    dept = second / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("测试区财政局", "测试区审计局"), encoding="utf-8")
    folder = repo(
        project,
        SCHEME.replace(
            '      code: "003205120"\n', '      code: "003205120"\n    - department: shj\n      code: "003205121"\n'
        ),
    )
    code, out = number(project, "--department", "shj")
    assert code == 0, out
    changed = git(folder, "diff", "--name-only").split()
    assert changed and all(name.startswith("content/shj/") for name in changed), changed
    code, out = number(project, "--department", "sjj")
    assert code == 2 and "没有部门 sjj" in out


def test_a_duplicate_number_is_refused_and_nothing_is_written(project: Path) -> None:
    folder = repo(project)
    assert number(project)[0] == 0
    commit_all(folder, "2026-12-01T10:00:00+08:00", "编号")
    post = folder / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8").replace("003205120/ZC-2011-0001", "003205120/BS-2011-0001"), encoding="utf-8"
    )
    added = posting(project, "2011-06-01-chu-fa", "2011-06-01", "2011-06-02")
    code, out = number(project)
    assert code == 1 and "[index-number-duplicate]" in out
    assert "content/czj/postings/2011-05-12-cai-gou.yml:1:" in out
    assert "index_no" not in added.read_text(encoding="utf-8")
    assert git(folder, "diff", "--name-only") == "content/czj/postings/2011-05-12-cai-gou.yml"


@pytest.mark.parametrize(
    ("scheme", "where"),
    [
        (SCHEME.replace("{seq}", "{seq:03d}"), "pattern"),
        (SCHEME.replace("{org}", "{organ}"), "pattern"),
        (SCHEME.replace("    - category: 执法处罚\n      code: CF\n", ""), "categories"),
        (
            SCHEME.replace(
                '      code: "003205120"\n', '      code: "003205120"\n    - department: x\n      code: "1"\n'
            ).replace("department: czj", "department: rsj"),
            "organisations",
        ),
    ],
)
def test_a_malformed_pattern_or_a_missing_code_is_a_located_error(project: Path, scheme: str, where: str) -> None:
    repo(project, scheme)
    posting(project, "2011-06-01-chu-fa", "2011-06-01", "2011-06-02")
    code, out = number(project)
    assert code == 1 and f"[{codes.INDEX_NUMBERING}]" in out
    line = next(n for n, text in enumerate(project.read_text(encoding="utf-8").splitlines(), 1) if f"{where}:" in text)
    assert f"site_config.yml:{line}" in out or f"site_config.yml:{line + 1}" in out, out


@pytest.mark.slow
def test_the_built_site_and_open_data_carry_the_numbers_written(project: Path, tmp_path: Path) -> None:
    repo(project)
    assert number(project)[0] == 0
    built = pipeline.build(project, dt.date(2011, 12, 31), tmp_path / "site")
    assert not built.report.errors, built.report.render()
    page = (tmp_path / "site" / "hotspots" / "czj-2011-05-12-cai-gou" / "index.html").read_text(encoding="utf-8")
    assert "索引号 003205120/ZC-2011-0001" in page
    internal = pipeline.generate(project, dt.date(2011, 12, 31), tmp_path / "int", "internal")
    assert internal.numbers == built.generated.numbers
    data = json.loads((tmp_path / "site" / "data" / "hotspots.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["index_no"] for r in data}["2011-05-12-cai-gou"] == "003205120/ZC-2011-0001"


@pytest.mark.slow
def test_number_writes_the_ledgers_numbers_and_a_changed_one_is_found(project: Path, tmp_path: Path) -> None:
    folder = repo(project, "")
    to = tmp_path / "www"
    assert publish(project, to, dt.date.today()).release is not None
    led = to / ledger.LEDGER
    given = ledger.read(led).index_numbers()
    code, out = number(project, "--ledger", str(led))
    assert code == 0, out
    post = folder / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    assert index_no_of(post) == f'index_no: "{given["posting:czj/2011-05-12-cai-gou"]}"'
    post.write_text(post.read_text(encoding="utf-8").replace("czj/2011-00001", "czj/2011-00009"), encoding="utf-8")
    code, out = cli("check", "--config", str(project), "--ledger", str(led))
    assert code == 1 and f"[{codes.INDEX_NUMBER_CHANGED}]" in out and "czj/2011-00001" in out
