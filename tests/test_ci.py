"""The CI templates for a district's content repository, and the CODEOWNERS they check."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.codeowners import codeowners

from .conftest import OUTSIDE_GIT, ROOT

GITHUB = ROOT / "ci-templates" / "github" / "workflows" / "disclose.yml"
GITLAB = ROOT / "ci-templates" / "gitlab" / ".gitlab-ci.yml"


def commands(node: Any) -> list[list[str]]:
    """Every `disclose …` command line in a CI file's `run:` and `script:` entries."""
    found: list[list[str]] = []
    if isinstance(node, dict):
        for value in node.values():
            found += commands(value)
    elif isinstance(node, list):
        for value in node:
            found += commands(value)
    elif isinstance(node, str):
        for line in node.splitlines():
            words = shlex.split(line.split(">")[0].split("||")[0], posix=True) if "disclose " in line else []
            if words and os.path.basename(words[0]) == "disclose":
                found.append(words[1:])
    return found


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_every_disclose_command_in_the_templates_is_valid(path: Path) -> None:
    cmds = commands(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert {c[0] for c in cmds} >= {"check", "codeowners", "build", "publish"}
    assert any("--rollback" in c for c in cmds)
    for args in cmds:
        with main.make_context("disclose", list(args), resilient_parsing=False) as ctx:
            sub = main.get_command(ctx, args[0])
            assert sub is not None, args
            sub.make_context(args[0], args[1:])  # raises on an unknown option or a bad choice


def test_github_checks_every_pull_request_and_publishes_main() -> None:
    flow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert "--format github" in GITHUB.read_text(encoding="utf-8")
    assert flow["jobs"]["publish"]["needs"] == "check"


def test_gitlab_reports_code_quality_and_publishes_the_default_branch() -> None:
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert ci["publish"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert ci["publish"]["resource_group"] == ci["rollback"]["resource_group"]


def test_gitlab_format_is_a_code_quality_report(project: Path) -> None:
    import json

    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("phone: 0551-82321001", "phone: 待定"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--config", str(project), "--as-of", "2011-12-31", "--format", "gitlab"]
    )
    [entry] = [e for e in json.loads(result.output) if e["check_name"] != OUTSIDE_GIT]
    assert entry["location"] == {"path": "content/czj/department.yml", "lines": {"begin": 8}}
    assert entry["severity"] == "major" and len(entry["fingerprint"]) == 64


def test_codeowners_gives_each_department_its_folder(project: Path) -> None:
    (project.parent / "content" / "jyj").mkdir()
    result = CliRunner().invoke(
        main,
        ["codeowners", "--config", str(project), "--admin", "@juchao/web", "--pattern", "@juchao/zwgk-{department}"],
    )
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if not line.startswith("#") and line]
    assert lines == ["*  @juchao/web", "/content/czj/  @juchao/zwgk-czj"]  # jyj has no department.yml yet
    assert codeowners("content", ["b", "a"], ["@w"], "@{department}").splitlines()[-2:] == [
        "/content/a/  @a",
        "/content/b/  @b",
    ]
