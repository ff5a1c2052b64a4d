"""Full-width Chinese punctuation: generated text uses it, `check` warns where clerk text does not,
and `disclose fix --punctuation` rewrites only the values of a YAML file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.punctuation import CJK, full_width, half_width_marks
from generator.yamlload import Map, Scalar, load_file

from .conftest import problems_of

TEMPLATES = Path(__file__).parent.parent / "generator" / "templates"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
NEXT_TO_CHINESE = re.compile(rf"(?<=[{CJK}])[,;:?!()]|[,;:?!()](?=[{CJK}])")

TYPED = """\
# 部门信息:注释里的半角标点不改,格式也不动
name: 测试区财政局(本级)
functions:
  - 贯彻执行财政法律法规,拟订财政发展规划
  - "管理财政资金:国库集中收付"
hours: 周一至周五 8:30-12:00, 14:30-17:30
url: https://example.gov.cn/a:b,c
tags: [甲,乙]   # 流式列表里的逗号是分隔符
body: |
  第一段,第二句;第三句:完。
  English, kept: as is.
"""


@pytest.mark.parametrize("text, fixed", [
    ("办公时间:周一至周五 8:30-12:00, 14:30", "办公时间：周一至周五 8:30-12:00, 14:30"),
    ("区行政服务中心(二楼)", "区行政服务中心（二楼）"),
    ("预(结)算评审", "预（结）算评审"),
    ("中心(8:30)", "中心(8:30)"),
    ("《条例》(2007)第二十条", "《条例》(2007)第二十条"),
    ("真的吗?是的!”", "真的吗？是的！”"),
])  # fmt: skip
def test_marks_between_chinese_characters_become_full_width(text: str, fixed: str) -> None:
    assert full_width(text) == fixed
    assert bool(half_width_marks(text)) == (text != fixed)


def test_generated_text_uses_full_width_punctuation() -> None:
    found = []
    for template in sorted(TEMPLATES.glob("*.j2")):
        for n, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            text = TAG.sub("", line)
            text = re.sub(r"<[^>]*>", lambda m: re.sub(r'="[^"]*"', '=""', m.group(0)), text)
            found += [f"{template.name}:{n}: {text.strip()[:60]}" for _ in NEXT_TO_CHINESE.finditer(text)]
    assert found == []


def test_fix_rewrites_values_only(tmp_path: Path) -> None:
    path = tmp_path / "department.yml"
    path.write_text(TYPED, encoding="utf-8")
    before = load_file(path, "department.yml")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "fix", "--punctuation", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "改正 4 处" in done.stdout
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == TYPED.splitlines()[0], "comments stay as typed"
    assert "tags: [甲,乙]   # 流式列表里的逗号是分隔符" in text
    assert "hours: 周一至周五 8:30-12:00, 14:30-17:30" in text and "url: https://example.gov.cn/a:b,c" in text
    assert len(text.splitlines()) == len(TYPED.splitlines())
    after = load_file(path, "department.yml")
    assert isinstance(after, Map) and isinstance(before, Map)
    values = {key: node for key, (_, node) in after.entries.items()}
    assert isinstance(values["name"], Scalar) and values["name"].value == "测试区财政局（本级）"
    assert [s.value for s in values["functions"].items] == [
        "贯彻执行财政法律法规，拟订财政发展规划",
        "管理财政资金：国库集中收付",
    ]
    assert values["body"].value == "第一段，第二句；第三句：完。\nEnglish, kept: as is.\n"
    assert [s.value for s in values["tags"].items] == ["甲", "乙"]
    again = subprocess.run([sys.executable, "-m", "generator", "fix", "--punctuation", str(path)], capture_output=True)
    assert again.returncode == 0 and path.read_text(encoding="utf-8") == text


def test_an_unreadable_file_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("title: 标题,未完\nbody: [甲,\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "fix", "--punctuation", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 1 and "broken.yml" in done.stderr
    assert path.read_text(encoding="utf-8") == "title: 标题,未完\nbody: [甲,\n"


def test_check_warns_and_the_fix_silences_it(project: Path) -> None:
    posting = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    text = posting.read_text(encoding="utf-8")
    posting.write_text(text.replace("summary: ", "summary: 第一批(办公设备),已公布。", 1), encoding="utf-8")
    warned = [p for p in problems_of(project) if p[0] == "half-width-punctuation"]
    assert warned == [("half-width-punctuation", "content/czj/postings/2011-05-12-cai-gou.yml", 4)]
    subprocess.run([sys.executable, "-m", "generator", "fix", "--punctuation", str(posting)], check=True)
    assert [p for p in problems_of(project) if p[0] == "half-width-punctuation"] == []
    assert "summary: 第一批（办公设备），已公布。" in posting.read_text(encoding="utf-8")
