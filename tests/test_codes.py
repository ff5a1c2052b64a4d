"""The registry of problem codes: every code stated once, used by constant, and covered by a must-fail case
(or a stated reason naming the test that covers it instead)."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from generator import codes, pipeline
from generator.publish import verify

from .conftest import AS_OF, ROOT
from .test_cases import CASES, header

CJK = re.compile(r"[\u3400-\u9fff]")
CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SOURCES = sorted(p for p in (ROOT / "generator").rglob("*.py") if p.name != "codes.py")


def expected_in_cases() -> set[str]:
    """Every code some file in tests/cases/ expects."""
    out: set[str] = set()
    for case in CASES:
        expect = header(case.read_text(encoding="utf-8"), "expect") or ""
        out |= {item.split("@")[0] for item in expect.split()}
    return out


def used_constants() -> set[str]:
    """Every `codes.NAME` the generator refers to."""
    out = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                out.add(node.attr)
    return out


@pytest.mark.parametrize("code", sorted(codes.REGISTRY.values()), ids=str)
def test_every_code_has_a_must_fail_case_or_a_stated_reason(code: codes.Code) -> None:
    in_cases = code in expected_in_cases()
    assert in_cases != bool(code.no_case), (
        f"{code}: add a must-fail case to tests/cases/ or say in no_case why it cannot have one"
        if not in_cases
        else f"{code}: has a case in tests/cases/; drop its no_case"
    )
    if code.no_case:
        tests = re.findall(r"tests/[a-z_]+\.py", code.no_case)
        assert tests, f"{code}: no_case must name the test that covers it"
        name = next(n for n in dir(codes) if getattr(codes, n) is code)
        texts = [(ROOT / test).read_text(encoding="utf-8") for test in tests]
        assert any(f'"{code}"' in t or f"codes.{name}" in t for t in texts), f"{code}: none of {tests} tests it"


def test_every_code_speaks_both_languages_and_has_a_stable_form() -> None:
    for text, code in codes.REGISTRY.items():
        assert CODE.match(text) and str(code) == text
        assert CJK.search(code.zh) and code.en and not CJK.search(code.en), text


def test_every_case_expects_registered_codes() -> None:
    assert expected_in_cases() <= set(codes.REGISTRY)


def test_every_registered_code_is_used_and_every_used_code_registered() -> None:
    constants = {name for name in dir(codes) if isinstance(getattr(codes, name), codes.Code)}
    assert used_constants() - {"Code", "REGISTRY", "lookup"} <= constants
    assert constants <= used_constants(), f"registered but never used: {sorted(constants - used_constants())}"


def test_codes_are_compared_by_constant_not_by_typed_text() -> None:
    """`p.code == "late"` or `p.code.startswith("leak")` in the generator would bypass the registry."""
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Attribute) and side.attr == "code" for side in [node.left, *node.comparators]
            ):
                texts = [c for c in [node.left, *node.comparators] if isinstance(c, ast.Constant)]
                assert not texts, f"{path.name}:{node.lineno}: compare with a codes constant"
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "startswith"
                and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "code"
            ):
                raise AssertionError(f"{path.name}:{node.lineno}: match codes by category, not by prefix")


def test_no_content_folder_cannot_run_here(project: Path) -> None:
    shutil.rmtree(project.parent / "content")
    report = pipeline.check(project, AS_OF).report
    assert codes.NO_CONTENT in [p.code for p in report.problems] and report.exit_code == 2


def test_a_department_folder_without_its_file(project: Path) -> None:
    (project.parent / "content" / "czj" / "department.yml").unlink()
    found = [(p.code, p.loc.file) for p in pipeline.check(project, AS_OF).report.problems]
    assert (codes.NO_DEPARTMENT, "content/czj") in found


def test_a_release_without_a_home_page_is_incomplete(tmp_path: Path) -> None:
    assert [p.code for p in verify(tmp_path)] == [codes.RELEASE_INCOMPLETE]
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    assert verify(tmp_path) == []


def test_rules_take_field_labels_from_spec() -> None:
    """A label typed in a rule drifts from the field's spec(); rules use on_field() or label_of()."""
    for path in sorted((ROOT / "generator" / "rules").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "label":
                assert not isinstance(node.value, ast.Constant), f"{path.name}:{node.value.lineno}: label from spec()"
