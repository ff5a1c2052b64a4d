"""Whatever bytes a clerk's editor saves, the loader and validator answer with problems, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.problems import Loc, Problem
from generator.template import KINDS
from generator.validate import build_record
from generator.yamlload import YamlError, load_file, parse_text

from .conftest import AS_OF, GOOD

FIXTURES = sorted(p.relative_to(GOOD).as_posix() for p in (GOOD / "content").rglob("*.yml"))
KIND_OF = {
    "content/district.yml": "district",
    "content/fees.yml": "fees",
    "content/czj/department.yml": "department",
}
INTERNAL = {
    "department": {"id": "czj"},
    "procedure": {"id": "x", "department": "czj"},
    "posting": {"id": "x", "department": "czj"},
}
YAMLISH = st.sampled_from(
    [
        *":,-#|>?'\"{}[]&*!%@`\\~\t\n",
        "- ",
        "  ",
        "&a ",
        "*a",
        "!!str ",
        "---\n",
        "...\n",
        "? ",
        "<<: ",
        "null",
        "NO",
        "05511234567",
        "2011-02-30",
        "1:30",
        "\ufeff",
        "\x00",
        "\x85",
        "\u2028",
        "é",
        "财政",
    ]
)


def kind_of(rel: str) -> str:
    if rel in KIND_OF:
        return KIND_OF[rel]
    return "procedure" if "/procedures/" in rel else "posting"


def load_and_validate(path: Path, name: str, kind: str) -> list[Problem]:
    """The loader plus the field validator: problems only."""
    problems: list[Problem] = []
    try:
        node = load_file(path, name)
    except YamlError as exc:
        return [exc.problem]
    build_record(KINDS[kind].cls, node, Loc(name), problems, **INTERNAL.get(kind, {}))
    return problems


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A fixture file with a few edits of the kind a hurried clerk makes."""
    rel = draw(st.sampled_from(FIXTURES))
    text = (GOOD / rel).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        edit = draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent", "replace"]))
        if edit == "delete":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "indent":
            lines[at] = "  " + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at].lstrip()
        else:
            piece = draw(st.one_of(YAMLISH, st.text(max_size=8)))
            col = draw(st.integers(0, len(lines[at])))
            cut = 1 if edit == "replace" else 0
            lines[at] = lines[at][:col] + piece + lines[at][col + cut :]
        text = "\n".join(lines)
    return rel, text


@pytest.mark.fuzz
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), kind=st.sampled_from(sorted(KINDS)))
def test_arbitrary_bytes_give_problems_not_tracebacks(data: bytes, kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yml"
        path.write_bytes(data)
        for found in load_and_validate(path, "x.yml", kind):
            assert found.code and found.zh and found.en and found.loc.file == "x.yml"


@pytest.mark.fuzz
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(YAMLISH, st.characters()), max_size=40).map("".join))
def test_arbitrary_text_gives_problems_not_tracebacks(text: str) -> None:
    try:
        parse_text(text, "x.yml")
    except YamlError as exc:
        assert exc.problem.code.startswith("yaml-") or exc.problem.code in ("control-character", "hidden-character")


@pytest.mark.fuzz
@settings(max_examples=300, deadline=None)
@given(case=mutated())
def test_mutated_yaml_gives_problems_not_tracebacks(case: tuple[str, str]) -> None:
    rel, text = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yml"
        path.write_text(text, encoding="utf-8")
        for found in load_and_validate(path, rel, kind_of(rel)):
            assert found.code and found.zh and found.en and found.loc.line >= 0


@pytest.mark.fuzz
@settings(max_examples=40, deadline=None)
@given(case=mutated())
def test_mutated_district_checks_without_traceback(case: tuple[str, str]) -> None:
    rel, text = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "district"
        shutil.copytree(GOOD, root, ignore=shutil.ignore_patterns("site", "build", "flowcharts"))
        (root / rel).write_text(text, encoding="utf-8")
        report = pipeline.check(root / "site_config.yml", AS_OF).report
        assert report.exit_code in (0, 1)
        report.render("text", "en")
        report.render("json")
        report.render("github")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[" * 40 + "]" * 40, "yaml-depth"),
        ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)), "yaml-depth"),
        ("[" * 2000 + "]" * 2000, "yaml-syntax"),
    ],
)
def test_deep_nesting_is_a_located_problem(text: str, code: str) -> None:
    with pytest.raises(YamlError) as info:
        parse_text(text, "x.yml")
    assert info.value.problem.code == code and info.value.problem.loc.line >= 1


def test_huge_number_is_a_problem() -> None:
    problems: list[Problem] = []
    text = (GOOD / "content/czj/procedures/piao-ju.yml").read_text(encoding="utf-8")
    node = parse_text(text.replace("promised_days: 3", "promised_days: " + "9" * 5000), "p.yml")

    assert build_record(KINDS["procedure"].cls, node, Loc("p.yml"), problems) is None
    assert [p.code for p in problems] == ["type"]
