"""The import graph has a declared order: a module imports only modules of its own layer or of layers below it.

Read from the code's own imports (ast), so it also counts imports made inside functions. A new module gets a
place in LAYERS; a failure names each import that runs the wrong way.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the command line", ("cli", "__main__")),
    (
        "what the command line runs beside the pipeline",
        (
            "preview",
            "publish",
            "portal",
            "importing",
            "codeowners",
            "reference",
            "template",
            "jobsummary",
            "sheet_template",
            "repository",
            "clichinese",
        ),
    ),
    ("the pipeline", ("pipeline",)),
    ("the rules (only the pipeline runs them)", ("rules", "rules.*")),
    ("the pages", ("pages", "pages.*")),
    (
        "the other stages and the reports",
        (
            "audience",
            "defaults",
            "flowchart",
            "graphviz",
            "svg",
            "site",
            "notfound",
            "engines",
            "engines.*",
            "search",
            "sitescan",
            "privacy",
            "compliance",
            "reporting",
            "annual_report",
            "revisions",
            "numbering",
            "ledger",
        ),
    ),
    ("facts that rules, stages and pages share", ("domain", "domain.*")),
    (
        "the records and how they are read",
        (
            "content",
            "config",
            "model",
            "registers",
            "registers.*",
            "validate",
            "yamlload",
            "keyboard",
            "workdays",
            "sheets",
            "national",
        ),
    ),
    (
        "the ground",
        (
            "__init__",
            "problems",
            "codes",
            "schema",
            "personal",
            "secrecy",
            "filetext",
            "chars",
            "text",
            "body",
            "tables",
            "qr",
            "links",
            "gitdates",
            "crash",
            "progress",
            "filenames",
            "punctuation",
            "bounded",
            "cores",
        ),
    ),
)
"""From the top down. Within a layer modules may import each other; no import runs up."""

COMMAND_LINE = {"cli", "__main__"}
"""The only modules that import inside functions: each command loads what it needs, so `--help` stays quick."""


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    in_function: bool

    def __str__(self) -> str:
        return f"generator/{self.source.replace('.', '/')}.py:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@functools.cache
def imports() -> tuple[Import, ...]:
    """Every import of one of the package's modules by another, wherever it stands in the file."""
    return tuple(_imports())


def _imports() -> Iterator[Import]:
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inner = {
            id(node)
            for fn in ast.walk(tree)
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(fn)
        }
        package = name.split(".") if path.name == "__init__.py" and name != "__init__" else name.split(".")[:-1]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
                targets = [f"{module}.{a.name}".lstrip(".") for a in node.names]
                targets = [t if t in MODULES else module for t in targets]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                module = node.module.removeprefix("generator").lstrip(".") if node.module else ""
                targets = [f"{module}.{a.name}".lstrip(".") for a in node.names]
                targets = [t if t in MODULES else module or "__init__" for t in targets]
            elif isinstance(node, ast.Import):
                targets = [a.name.removeprefix("generator.") for a in node.names if a.name.startswith("generator.")]
            else:
                continue
            for target in dict.fromkeys(targets):
                if target in MODULES and target != name:
                    yield Import(name, target, node.lineno, id(node) in inner)


@functools.cache
def layer_of(module: str) -> int:
    found = [n for n, (_, patterns) in enumerate(LAYERS) if any(fnmatch.fnmatch(module, p) for p in patterns)]
    assert len(found) == 1, f"{module} is in {len(found)} layers of LAYERS: give it exactly one place"
    return found[0]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_has_one_layer(module: str) -> None:
    layer_of(module)


def test_no_import_runs_up_a_layer() -> None:
    upward = [
        f"{i} ({LAYERS[layer_of(i.source)][0]} → {LAYERS[layer_of(i.target)][0]})"
        for i in imports()
        if layer_of(i.target) < layer_of(i.source)
    ]
    assert upward == []


def test_no_import_inside_a_function_outside_the_command_line() -> None:
    assert [str(i) for i in imports() if i.in_function and i.source not in COMMAND_LINE] == []


def test_only_the_pipeline_runs_the_rules() -> None:
    """Facts that rules and other stages both need live in domain/, so no stage depends on a rule."""
    outside = [
        str(i)
        for i in imports()
        if (i.target == "rules" or i.target.startswith("rules.")) and not i.source.startswith("rules")
    ]
    assert [i for i in outside if not i.startswith("generator/pipeline.py:")] == []


def test_packages_import_each_other_in_one_direction() -> None:
    """Seen a folder at a time (rules/, domain/, pages/, registers/), no two folders or modules import each other
    round a loop: a folder is one layer of the house, not a room with doors on two floors."""
    unit = {m: m.split(".")[0] for m in MODULES}
    edges: dict[str, set[str]] = {}
    for i in imports():
        if unit[i.source] != unit[i.target]:
            edges.setdefault(unit[i.source], set()).add(unit[i.target])

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current == goal:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(edges.get(current, ()))
        return False

    loops = sorted({f"{a} ⇄ {b}" for a, targets in edges.items() for b in targets if reaches(b, a)})
    assert loops == []


def test_the_check_reads_imports_of_every_kind() -> None:
    """The graph this file judges holds relative, absolute and in-function imports: a reader that missed one kind
    would pass any code."""
    found = list(imports())
    assert any(i.source == "pipeline" and i.target == "rules" for i in found)
    assert any(i.source == "cli" and i.in_function for i in found)
    assert any(i.source == "pages.tree" and i.target == "site" for i in found)
    assert any(i.source == "rules.documents" and i.target == "domain.documents" for i in found)
