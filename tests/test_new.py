"""`disclose new posting --title`: the file name comes from the date and the title in pinyin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.content import load_content
from generator.filenames import posting_stem, slug
from generator.problems import Loc
from generator.yamlload import Map, Scalar, load_file

from .conftest import problems_of


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("采购", "cai-gou"),
        ("政府采购中标结果公告", "zheng-fu-cai-gou-zhong-biao-jie-guo"),  # eight syllables at most
        ("银行行长任前公示", "yin-hang-hang-zhang-ren-qian-gong-shi"),  # 行 read in its context
        ("2011年第3批LED路灯", "2011-nian-di-3-pi-led-lu-deng"),
        ("《关于“重庆”的通知》", "guan-yu-chong-qing-de-tong-zhi"),
        ("——", ""),
    ],
)
def test_slug_is_the_title_in_pinyin(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_a_title_with_nothing_to_spell_gives_the_date_alone() -> None:
    assert posting_stem(dt.date(2011, 6, 1), "——") == "2011-06-01"


def new_posting(project: Path, title: str, *extra: str) -> tuple[int, str]:
    args = ["new", "posting", "--config", str(project), "--department", "czj", "--title", title, *extra]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout + result.stderr


def test_new_posting_creates_the_file_with_its_title(project: Path) -> None:
    title = '关于"政府采购": 中标结果 #1 的公告'
    code, out = new_posting(project, title, "--date", "2011-06-01")
    assert code == 0, out
    path = project.parent / "content" / "czj" / "postings" / "2011-06-01-guan-yu-zheng-fu-cai-gou-zhong-biao.yml"
    assert out.strip() == str(path)
    node = load_file(path, "p.yml")
    assert isinstance(node, Map) and node.entries["title"][1] == Scalar(
        title, Loc("p.yml", 6, 8), plain=False
    )  # typed characters kept exactly, quotes and colon included
    _, problems = load_content(project.parent / "content")
    assert not [p for p in problems if p.code == "bad-name"]
    assert any(p.loc.file.endswith("2011-06-01-guan-yu-zheng-fu-cai-gou-zhong-biao.yml") for p in problems)


def test_a_taken_name_is_refused_and_the_file_kept(project: Path) -> None:
    path = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = path.read_text(encoding="utf-8")
    code, out = new_posting(project, "采购", "--date", "2011-05-12")
    assert code == 1 and "已存在" in out
    assert path.read_text(encoding="utf-8") == text
    assert problems_of(project) == []


def test_a_title_needs_a_department_folder(project: Path) -> None:
    result = CliRunner().invoke(
        main, ["new", "posting", "--config", str(project), "--department", "nope", "--title", "采购"]
    )
    assert result.exit_code == 2 and "nope" in result.stderr
    result = CliRunner().invoke(main, ["new", "procedure", "--title", "采购"])
    assert result.exit_code == 2


def test_without_a_title_the_template_is_printed() -> None:
    result = CliRunner().invoke(main, ["new", "posting"])
    assert result.exit_code == 0 and result.output.startswith("# yaml-language-server:")
