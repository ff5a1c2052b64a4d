"""Each field's Chinese label is stated once, in its spec(): the rules, the problem messages and the page
templates name a field through it (`Labels(Posting).published` in Python, `{{ LABELS.Posting.published }}` in a
template), so renaming a label renames it everywhere a clerk or a reader meets it.

A label of three or more characters found as literal text fails, unless it is one of TERMS: words that happen to
be a field's label but name something else where they are used. Two-character labels (名称, 文件, 附件, 依据 …)
are ordinary words and are not looked for.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import config, model, portal
from generator.registers import model as registers
from generator.schema import fields_of

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
SHORTEST = 3

TERMS: dict[str, str] = {
    "部门编号": "the kind of id a message asks for (“请用部门编号”), not one record's field",
    "人员编号": "the kind of id a message asks for, not one record's field",
    "单位编号": "the kind of id a message asks for, not one record's field",
    "范围编号": "the kind of id a message asks for, not one record's field",
    "工作人员": "staff in general (“本部门工作人员”), not the department's list of them",
    "收费目录": "the site section and the district's catalogue by name (domain.pages.SECTIONS)",
    "依申请公开": "the mode of disclosure and the register's title, not the district's request desk",
    "行政服务中心": "the institution by name",
    "公开时限": "a publication deadline in general; three settings and the catalogue field share the word",
    "批准人": "who approved, in notices of several kinds; the fields' own labels are longer (撤回批准人 …)",
    "政务公开领导小组办公室": "the office by name",
    "其他单位": "units outside the district's departments, in general",
    "按类别": "“browse by category”, not a department's complaints by kind",
    "公开时效": "the compliance page's measure, not the timeliness settings",
    "收费标准": "a matter's fees in general (“收费标准和依据未公布”), not one catalogue entry's amount",
    "行政处罚决定": "the decision in the law's own words (《行政处罚法》), not a posting's table of them",
    "统一社会信用代码": "the code as something a party has or lacks, not one record's field",
    "法定代表人": "a legal representative as a person a party has or lacks, not one record's field",
    "征求意见": "the kind of posting and the act of consulting, by name, not one posting's consultation block",
    "预算决算": "the kind of posting by name",
    "整改公示": "the kind of posting by name",
    "事前公示": "the kind of posting by name",
    "纠风办": "the office by name (the policy's 区纠风办), not the district file's field naming it",
    "申请人": "whoever applies, in general (an information request's applicant), not a notice's applicant",
    "首问负责": "the duty by its name in the policy (首问责任制)",
    "整改措施": "what a late posting's reason says was changed, in general, not a rectification's measures",
}
"""Labels that are also words of the domain used in another sense, and why."""
PLACES: dict[tuple[str, str], str] = {
    ("portal.html.j2", "文件名称"): "the portal's search hint speaks of file names in general, not of the register's",
    ("domain/parties.py", "联系电话"): "one of the written labels of a person's details the import looks for",
}
"""A label used in another sense in one file only, and why."""

RECORDS = (model, registers, config, portal)
MESSAGES = {"problem", "on_field", "Stopped", "SiteBuildError"}
"""Calls whose text arguments are messages a clerk reads."""


def labels() -> dict[str, list[str]]:
    """Every spec() label of SHORTEST or more characters, with the fields that declare it."""
    found: dict[str, list[str]] = {}
    for module in RECORDS:
        for name, value in vars(module).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                for info in fields_of(value):
                    if len(info.spec.label) >= SHORTEST:
                        found.setdefault(info.spec.label, []).append(f"{name}.{info.key}")
    return found


LABELS = labels()
PATTERN = re.compile("|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True)))
"""Longest first: a label inside a longer one found at the same place is one retyping, of the longer."""


def strings(node: ast.AST) -> Iterator[ast.Constant]:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            yield sub


def literals(path: Path, every: bool) -> Iterator[tuple[int, str]]:
    """Text a module writes: every string but docstrings and spec() declarations (`every`), else the text
    arguments of message calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # docstrings, of modules, classes, functions and attributes
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "spec":
            skipped |= {id(s) for s in strings(node)}
    for node in ast.walk(tree):
        if every:
            yield from ((s.lineno, s.value) for s in strings(node) if s is node and id(s) not in skipped)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in MESSAGES:
            args = [*node.args[1:], *(k.value for k in node.keywords if k.arg not in ("key", "label"))]
            yield from ((s.lineno, s.value) for arg in args for s in strings(arg))


TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
QUOTED = re.compile(r'"([^"]*)"|\'([^\']*)\'')


def template_text(path: Path) -> Iterator[tuple[int, str]]:
    """A template's text outside Jinja tags and the string literals inside them, line by line."""
    text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
    for n, line in enumerate(text.splitlines(), start=1):
        yield n, TAG.sub("", line)
        for tag in TAG.findall(line):
            yield from ((n, a or b) for a, b in QUOTED.findall(tag))


def retyped(where: str, items: Iterator[tuple[int, str]]) -> list[str]:
    return [
        f"{where}:{line}: {m.group(0)} ({' / '.join(LABELS[m.group(0)])})"
        for line, text in items
        for m in PATTERN.finditer(text)
        if m.group(0) not in TERMS and (where, m.group(0)) not in PLACES
    ]


SOURCES = [
    *((f"rules/{p.name}", p, True) for p in sorted((PACKAGE / "rules").glob("*.py"))),
    *((p.relative_to(PACKAGE).as_posix(), p, False) for p in sorted(PACKAGE.rglob("*.py")) if "rules" not in p.parts),
]


@pytest.mark.parametrize(("name", "path", "every"), SOURCES, ids=[s[0] for s in SOURCES])
def test_no_label_is_retyped_in_rules_or_messages(name: str, path: Path, every: bool) -> None:
    assert retyped(name, literals(path, every)) == []


TEMPLATES = sorted((PACKAGE / "templates").glob("*.j2"))


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_no_label_is_retyped_in_templates(path: Path) -> None:
    assert retyped(path.name, template_text(path)) == []


def test_every_term_is_a_label() -> None:
    """A word listed as a term that is no longer any field's label is no exception to anything: take it out."""
    assert [term for term in [*TERMS, *(label for _, label in PLACES)] if term not in LABELS] == []


def test_the_check_finds_a_retyped_label(tmp_path: Path) -> None:
    """The scanners see rule literals, message arguments and template text and tags alike, never docstrings."""
    rule = tmp_path / "rule.py"
    rule.write_text('def f():\n    """公开日期 in a docstring."""\n    return problem(C, loc, f"公开日期 {x}", "en")\n')
    assert [text for _, text in literals(rule, every=False)] == ["公开日期 ", "en"]
    assert len(retyped("rule", literals(rule, every=True))) == 1
    page = tmp_path / "page.md.j2"
    page.write_text('<th>办结日期</th>{{ search_facts("公开日期") }}\n{# 印发日期 #}按类别浏览\n', encoding="utf-8")
    found = retyped("page", template_text(page))
    assert found == ["page:1: 办结日期 (Posting.completed)", "page:1: 公开日期 (Posting.published)"]
