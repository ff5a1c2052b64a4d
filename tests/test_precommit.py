"""The clerk's pre-commit hook, run by the real `pre-commit` tool in a content repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .test_ci import district_repo, documented_variables

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env |= {"PRE_COMMIT_HOME": str(home), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"}
    command = [sys.executable, "-m", "pre_commit", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    who = ["-c", "user.name=信息员", "-c", "user.email=zwgk@example.gov.cn", "-c", "commit.gpgsign=false"]
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env["PRE_COMMIT_HOME"] = str(repo.parent / "home")  # the hook's own cache stays in the test's folder
    return subprocess.run(["git", *who, *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_the_manifest_is_valid_for_pre_commit(tmp_path: Path) -> None:
    done = pre_commit("validate-manifest", str(MANIFEST), cwd=ROOT, home=tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example district with our hook installed, as `repo: local` (the hook's own definition, run from here)."""
    repo = district_repo(tmp_path, documented_variables())
    [hook] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    hook["language"] = "system"  # the installed `disclose`, instead of pre-commit installing the tagged repository
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    assert git(repo, "add", ".pre-commit-config.yaml").returncode == 0
    assert git(repo, "commit", "-q", "--no-verify", "-m", "pre-commit").returncode == 0
    done = pre_commit("install", cwd=repo, home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_a_commit_with_a_broken_file_is_refused_with_the_place(repo: Path) -> None:
    dept = repo / "content" / "czj" / "department.yml"
    edit(dept, "phone: 0551-82322001", "phone: 待定")
    git(repo, "add", "-A")
    done = git(repo, "commit", "-m", "改电话")
    assert done.returncode != 0
    assert "content/czj/department.yml:" in done.stdout + done.stderr
    assert "咨询电话" in done.stdout + done.stderr
    edit(dept, "phone: 待定", "phone: 0551-82321009")
    git(repo, "add", "-A")
    done = git(repo, "commit", "-m", "改电话")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_another_departments_problem_does_not_block_a_commit(repo: Path) -> None:
    edit(repo / "content" / "czj" / "department.yml", "phone: 0551-82322001", "phone: 待定")
    git(repo, "add", "content/czj")
    assert git(repo, "commit", "-q", "--no-verify", "-m", "财政局未完成").returncode == 0
    other = next(p for p in sorted((repo / "content").glob("*/department.yml")) if p.parent.name != "czj")
    edit(other, "hours: ", "hours: 工作日 ")
    git(repo, "add", "-A")
    done = git(repo, "commit", "-m", "改办公时间")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "czj" not in done.stdout + done.stderr


@pytest.mark.slow
def test_files_outside_the_content_do_not_run_the_check(repo: Path) -> None:
    (repo / "README.md").write_text("说明\n", encoding="utf-8")
    edit(repo / "content" / "czj" / "department.yml", "phone: 0551-82322001", "phone: 待定")  # not staged
    git(repo, "add", "README.md")
    done = git(repo, "commit", "-m", "说明")
    assert done.returncode == 0 and "Skipped" in done.stdout + done.stderr, done.stdout + done.stderr
