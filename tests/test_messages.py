"""Messages: every problem speaks both languages, says what to do, and never repeats personal data."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import codes
from generator.cli import main
from generator.problems import Loc, mask, problem

from .conftest import OUTSIDE_GIT, ROOT

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
MAKERS = {"problem", "_bad", "_on_published"}


def literal(node: ast.expr) -> str | None:
    """The literal text of a string or f-string argument (placeholders dropped), or a registered code's text; None otherwise."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
        return str(getattr(codes, node.attr))
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal(v) or "" for v in node.values if not isinstance(v, ast.FormattedValue))
    return None


def message_calls() -> list[tuple[str, int, list[str | None]]]:
    """Every call that makes a problem: (file, line, its string arguments, `type` standing in for `_bad`'s default code)."""
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MAKERS:
                args = [literal(a) for a in node.args]
                if node.func.id == "_bad" and len(args) < 6:
                    args.append("type")
                found.append((path.name, node.lineno, args))
    return found


def test_every_problem_has_a_code_and_both_languages() -> None:
    calls = message_calls()
    assert len(calls) > 40
    found = set()
    for file, line, args in calls:
        zh = next((i for i, a in enumerate(args) if a and CJK.search(a)), None)
        if zh is None:
            continue  # a wrapper passing its own parameters on; its callers are checked
        en = args[zh + 1] if zh + 1 < len(args) else None
        assert en, f"{file}:{line}: a Chinese message without an English one"
        assert not CJK.search(en), f"{file}:{line}: the English message has Chinese text: {en}"
        code = args[0] if args[0] and CODE.match(args[0]) else args[-1]
        assert code and CODE.match(code), f"{file}:{line}: no stable code"
        found.add(code)
    assert {"required", "yaml-duplicate-key", "yaml-encoding", "late", "lead-required"} <= found


@pytest.mark.parametrize(
    "number",
    ["13812345678", "138 1234 5678", "138-1234-5678", "11010119900307777X", "6222000011112222", "6222 0000 1111 2222"],
)
def test_mask_hides_personal_numbers(number: str) -> None:
    made = problem(codes.TYPE, Loc("f.yml", 1, 1), f"号码 {number} 不对", f"number {number} is wrong", key=number)
    assert number not in made.zh and number not in made.en and number not in made.key
    assert re.search(r"\d{11}", made.text() + made.text("en")) is None


@pytest.mark.parametrize("kept", ["0551-82321001", "2011-05-12 + 7 日 = 2011-05-19", "第 12 行", "5-20 元"])
def test_mask_keeps_office_numbers_dates_and_amounts(kept: str) -> None:
    assert mask(kept) == kept


PERSONAL = ("13812345678", "110101199003077778", "6222000011112222", "13900001111")


def test_check_never_echoes_personal_numbers(project: Path) -> None:
    content = project.parent / "content" / "czj"
    proc = content / "procedures" / "piao-ju.yml"
    text = proc.read_text(encoding="utf-8")
    text = text.replace("  - li-hua", "  - 110101199003077778").replace("  - piao-ju-gong-ben", "  - 6222000011112222")
    text = text.replace("to: notify", "to: 13812345678")
    proc.write_text(text + "13900001111: 备注\n", encoding="utf-8")
    runner = CliRunner()
    for fmt in ("text", "json", "github"):
        for lang in ("zh", "en"):
            result = runner.invoke(
                main, ["check", "--config", str(project), "--as-of", "2011-12-31", "--format", fmt, "--lang", lang]
            )
            assert result.exit_code == 1, result.output
            for number in PERSONAL:
                assert number not in result.output, (fmt, lang, number)
    result = runner.invoke(main, ["check", "--config", str(project), "--as-of", "2011-12-31", "--format", "json"])
    codes = sorted(item["code"] for item in json.loads(result.output) if item["code"] != OUTSIDE_GIT)
    assert codes == [
        "fee-not-in-catalogue",
        "personal-data",  # the mobile number in a branch's `to`
        "personal-data",  # the 18 digits in `handlers` (a valid Luhn sum)
        "unknown-field",
        "unknown-staff",
        "unknown-step",
    ]


def test_english_messages_for_a_broken_file(project: Path) -> None:
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("kind: 服务窗口", "kind: 窗口"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(project), "--as-of", "2011-12-31", "--lang", "en"])
    assert result.exit_code == 1
    assert "Must be one of" in result.output and "1 error(s)" in result.output


def test_exit_codes(project: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--config", str(project), "--as-of", "2011-12-31"]).exit_code == 0
    missing = runner.invoke(main, ["check", "--config", str(tmp_path / "nope.yml")])
    assert missing.exit_code == 2 and "nope.yml" in missing.output
    assert codes.NO_CONFIG.category == "environment"
    assert runner.invoke(main, ["check", "--format", "xml"]).exit_code == 2
