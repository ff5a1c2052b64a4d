"""The loader keeps what the clerk typed, and refuses what YAML would silently change."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.yamlload import Map, Scalar, YamlError, load_file, parse_text

from .conftest import AS_OF


def scalar(node: object, key: str) -> str:
    assert isinstance(node, Map)
    value = node.entries[key][1]
    assert isinstance(value, Scalar)
    return value.value


@pytest.mark.parametrize("text", ["05511234567", "NO", "1:30", "010020", "0x1F", "1e3", "2011-02-30", "on", "~x"])
def test_scalars_stay_as_typed(text: str) -> None:
    assert scalar(parse_text(f"v: {text}\n", "f.yml"), "v") == text


def test_locations_are_one_based() -> None:
    node = parse_text("a: 1\nb:\n  c: x\n", "f.yml")
    assert isinstance(node, Map)
    inner = node.entries["b"][1]
    assert isinstance(inner, Map)
    assert inner.entries["c"][1].loc.line == 3
    assert inner.entries["c"][1].loc.col == 6


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "yaml-duplicate-key", 3),
        ("a: &x 1\nb: *x\n", "yaml-anchor", 1),
        ("a: 1\n\tb: 2\n", "yaml-tab", 2),
        ("a: [1, 2\nb: 3\n", "yaml-syntax", 1),
        ("a: !!python/object:os.system x\n", "yaml-tag", 1),
        ("a: 1\n---\nb: 2\n", "yaml-multi-doc", 3),
        ("a: b: c\n", "yaml-colon-in-value", 1),
        ("{a: 1}: x\n", "yaml-complex-key", 1),
        ("a: 1\nb: x\ry\n", "control-character", 2),
        ("a: 1\nb: x\x0by\n", "control-character", 2),
        ("a: 1\nb: x\u2028y\n", "control-character", 2),
        ("a: 1\nb: x\ufffey\n", "control-character", 2),
        ("a: x\u202ey\n", "hidden-character", 1),
        ("a: x\u2066y\n", "hidden-character", 1),
        ("a: x\ufeffy\n", "hidden-character", 1),
    ],
)
def test_refusals_are_located(text: str, code: str, line: int) -> None:
    with pytest.raises(YamlError) as info:
        parse_text(text, "f.yml")
    assert (info.value.problem.code, info.value.problem.loc.line) == (code, line)


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(YamlError) as info:
        parse_text("name: 甲\nphone: 1\nname: 乙\n", "f.yml")
    assert "第 1 行" in info.value.problem.zh
    assert info.value.problem.loc.line == 3


def test_gbk_file_asks_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yml"
    path.write_bytes("name: 居巢区财政局\n".encode("gbk"))
    with pytest.raises(YamlError) as info:
        load_file(path, "gbk.yml")
    assert info.value.problem.code == "yaml-encoding"
    assert "另存为 UTF-8" in info.value.problem.zh and "gbk.yml" in info.value.problem.zh
    assert info.value.problem.loc[1:] == (1, 7) and info.value.problem.key == "name"


def test_bom_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbfname: x\r\nphone: 0551\r\n")
    assert scalar(load_file(path, "bom.yml"), "phone") == "0551"


def test_empty_file_is_none() -> None:
    assert parse_text("# only a comment\n", "f.yml") is None


def test_unsafe_character_is_located_at_its_column_and_field() -> None:
    with pytest.raises(YamlError) as info:
        parse_text("steps:\n  - id: x\n    action: 受\u200b理\r\n", "f.yml")
    found = info.value.problem
    assert (found.loc.line, found.loc.col, found.key) == (3, 14, "steps[1].action")


def test_unsafe_character_names_the_field_label(project: Path) -> None:
    path = project.parent / "content" / "czj" / "department.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("贯彻执行", "贯彻\u202e执行"), encoding="utf-8")
    (found,) = [p for p in pipeline.check(project, AS_OF).report.problems if p.code == "hidden-character"]
    assert (found.loc.file, found.loc.line, found.key, found.label) == (
        "content/czj/department.yml",
        4,
        "functions[1]",
        "主要职能",
    )


def test_a_nul_byte_is_located_at_its_line_column_and_field(tmp_path: Path) -> None:
    """A NUL pasted into a value (or a binary file) is located like any other character, with its field."""
    path = tmp_path / "nul.yml"
    path.write_bytes("title: 公告\nsummary: 公布\x00中标结果。\n".encode())
    with pytest.raises(YamlError) as info:
        load_file(path, "nul.yml")
    found = info.value.problem
    assert (found.code, found.loc[1:], found.key) == ("yaml-binary", (2, 12), "summary") and "U+0000" in found.zh


def test_a_byte_that_is_not_utf8_is_located_at_its_line_column_and_field(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yml"
    path.write_bytes("title: 公告\nsummary: 公布".encode() + "中标结果".encode("gbk") + b"\n")
    with pytest.raises(YamlError) as info:
        load_file(path, "mixed.yml")
    found = info.value.problem
    assert (found.code, found.loc[1:], found.key) == ("yaml-encoding", (2, 12), "summary") and "0xD6" in found.zh


@pytest.mark.parametrize(
    ("text", "code", "line", "says"),
    [
        ("title: 标题\nsummary：概述\ncategory: x\n", "yaml-keyboard", 2, "`summary: `"),
        ("title：标题\nsummary: 概述\n", "yaml-keyboard", 1, "`title: `"),
        ("title:\u3000标题\nsummary: 概述\n", "yaml-keyboard", 1, "全角空格"),
        ("title:\u00a0标题\n", "yaml-keyboard", 1, "不换行空格"),
        ("steps:\n  - id: a\n\u3000\u3000action: 受理\n", "yaml-keyboard", 3, "缩进"),
        ("steps:\n  - id: a\n\u00a0\u00a0 action: 受理\n", "yaml-keyboard", 3, "缩进"),
        ("steps:\n  -\u00a0id: a\n", "yaml-keyboard", 2, "短横线"),
        ('title: "标题”\nsummary: 概述\na: 1\nb: 2\nc: 3\n', "yaml-keyboard", 1, "引号不配对"),
        ('title: “标题"\nsummary: 概述\n', "yaml-keyboard", 1, "引号不配对"),
        ('title: "标题\nsummary: 概述\na: 1\nb: 2\n', "yaml-unclosed-quote", 1, "引号没有结束"),
        ("title: 标题\nsummary 概述\ncategory: x\n", "yaml-syntax", 2, "英文冒号"),
        ("a:\n  b: 1\n c: 2\n", "yaml-syntax", 3, "缩进没有对齐"),
    ],
)
def test_chinese_keyboard_slips_are_named_at_their_own_line(text: str, code: str, line: int, says: str) -> None:
    with pytest.raises(YamlError) as info:
        parse_text(text, "f.yml")
    found = info.value.problem
    assert (found.code, found.loc.line) == (code, line)
    assert says in found.zh and not any(word in found.zh for word in ("while", "found", "expected", "scanning"))


@pytest.mark.parametrize(
    "text",
    [
        "body: |\n  第一段：说明\n  note：写在正文里的冒号\n  \u3000\u3000段落首行缩进\nb: 1\n",
        "body: >-\n  title：正文\nb: 1\n",
        'title: “十二五”规划\nb: "a “x” b"\n',
        "title: 关于“放管服”改革的通知\n",
        "a: 居巢区\u3000财政局\n",
    ],
)
def test_chinese_marks_in_the_clerks_own_text_are_kept(text: str) -> None:
    assert parse_text(text, "f.yml") is not None
