"""Every Chinese text the tool prints or writes uses full-width punctuation next to Chinese (，；：（）？！).

Clerks are told to write 中文，不用半角标点; the tool's own words — messages, help, progress, page
templates, the site's scripts — must follow the rule it enforces.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

from generator.cli import main

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
CHINESE = r"[\u3400-\u4dbf\u4e00-\u9fff\u3001-\u303f\uff01-\uff1f\uff08\uff09“”‘’]"
HALF_WIDTH_BESIDE_CHINESE = re.compile(rf"{CHINESE}[,;:?!()]|[,;:?!(]{CHINESE}")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


QUOTED = re.compile(r"“[^”]*”|「[^」]*」|`[^`]*`|\"[^\"\n]*\"")
"""A message may quote the clerk's text, or show syntax to type (`"审核: 材料"`): those marks are not the tool's."""


def marks(text: str) -> list[str]:
    """The places in `text` where a half-width mark stands beside a Chinese character or mark, quotes left out."""
    text = QUOTED.sub("_", text)
    return [text[max(0, m.start() - 8) : m.end() + 8] for m in HALF_WIDTH_BESIDE_CHINESE.finditer(text)]


def _regex_arguments(tree: ast.AST) -> set[int]:
    """ids of the string nodes passed to re.* (patterns are syntax, not text)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
        ):
            for arg in node.args[:1]:
                out.update(id(n) for n in ast.walk(arg))
    return out


def printed_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string the module can print: literals (implicit concatenation joined, f-string holes as {}),
    leaving out docstrings and other bare string statements — except the CLI's, which are its --help."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _regex_arguments(tree)
    if path.name != "cli.py":
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                skipped.add(id(node.value))
    parts_of_fstrings: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts_of_fstrings.update(id(v) for v in node.values)
            if id(node) not in skipped:
                text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
                yield node.lineno, text
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
            and id(node) not in parts_of_fstrings
        ):
            yield node.lineno, node.value


def test_the_tools_strings_use_full_width_marks_beside_chinese() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {hit!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in printed_strings(path)
        for hit in marks(text)
    ]
    assert not found, "\n".join(found)


def test_templates_and_site_scripts_use_full_width_marks_beside_chinese() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".j2", ".html", ".js"}:
            text = JINJA.sub("{}", path.read_text(encoding="utf-8"))
            found += [f"{path.relative_to(PACKAGE.parent)}: {hit!r}" for hit in marks(text)]
    assert not found, "\n".join(found)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_every_help_screen_uses_full_width_marks_beside_chinese() -> None:
    assert isinstance(main, click.Group)
    runner = CliRunner()
    found = []
    for command in _commands(main):
        result = runner.invoke(main, [*command, "--help"], terminal_width=200)
        assert result.exit_code == 0, (command, result.output)
        found += [f"disclose {' '.join(command)} --help: {hit!r}" for hit in marks(result.output)]
    assert not found, "\n".join(found)


def test_the_detector_sees_what_a_reader_sees() -> None:
    assert marks("共 0 个错误, 704 个警告。") == ["共 0 个错误, 704 个警告"]
    assert marks("已生成 147 个页面(写入 225 个)") != []
    assert marks("共 0 个错误，704 个警告。") == []
    assert marks("see https://example.org/a,b (an English aside)") == []


def test_what_check_and_report_print_on_the_example_uses_full_width_marks() -> None:
    runner = CliRunner()
    found = []
    for args in (["check", "--warnings"], ["report", "--as-of", "2011-12-31", "--no-history"]):
        result = runner.invoke(main, [*args, "--config", str(PACKAGE.parent / "site_config.yml")])
        assert result.exit_code == 0, result.output
        found += [f"disclose {args[0]}: {hit!r}" for hit in marks(result.output)]
    assert not found, "\n".join(found)
