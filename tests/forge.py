"""Run a CI template's jobs here, as the forge would: each job's shell steps in bash, in a git repository.

What the forge itself provides is provided here, and only that: the checked-out repository with
its full history (the test makes it), a Python interpreter (`actions/setup-python` on GitHub, the
`python` image on GitLab), the forge's predefined variables, `$GITHUB_PATH` handling and the
variables the district sets. `apt-get` cannot install on this machine without changing it, so it
is replaced by one that checks that every package asked for is installed here (what the step's
success means on the forge) and fails on a misspelt one. `uses:` steps (checkout, setup-python,
upload-artifact) are the forge's own and are not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

APT_GET = """#!/bin/bash
# apt-get as the forge runs it, minus the download: every package named must be installed here.
[ "$1" = update ] && exit 0
for word in "$@"; do
  case "$word" in -*|install) continue ;; esac
  dpkg-query -W -f='${Status}' "$word" 2>/dev/null | grep -q 'install ok installed' || { echo "apt-get: no package $word" >&2; exit 100; }
done
"""
SUDO = '#!/bin/bash\nexec "$@"\n'

GITHUB_ACTIONS = {"actions/checkout@v4", "actions/setup-python@v5", "actions/upload-artifact@v4"}
"""The actions the templates use; each is the forge's, so the test provides what it gives instead."""


def toolbox(folder: Path) -> Path:
    """A folder for the front of PATH: `apt-get` and `sudo` as above, and `python3` as setup-python gives it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"apt-get": APT_GET, "sudo": SUDO}.items():
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    for name in ("python3", "python"):
        (folder / name).unlink(missing_ok=True)
        (folder / name).symlink_to(base)
    return folder


def run_bash(script: str, cwd: Path, env: Mapping[str, str], flags: str = "-eo pipefail") -> str:
    """Run `script` in bash; the combined output, or an AssertionError carrying it."""
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", *flags.split(), "-c", script],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, f"step failed ({done.returncode}):\n{script}\n---\n{out}"
    return out


# --- GitHub Actions ------------------------------------------------------------------------------

_VARS = re.compile(r"^\$\{\{\s*vars\.(\w+)(?:\s*\|\|\s*'([^']*)')?\s*\}\}$")


def github_env(flow: Mapping[str, Any], settings: Mapping[str, str]) -> dict[str, str]:
    """The workflow's `env:`, with `${{ vars.NAME || 'default' }}` read from the repository's variables."""
    env: dict[str, str] = {}
    for name, value in flow.get("env", {}).items():
        m = _VARS.match(str(value))
        if m:
            env[name] = settings.get(m.group(1)) or m.group(2) or ""
        else:
            assert "${{" not in str(value), f"the test cannot evaluate {value!r}"
            env[name] = str(value)
    return env


def github_condition(
    expr: str | None,
    event: str,
    inputs: Mapping[str, Any],
    settings: Mapping[str, str],
    needs: Mapping[str, Mapping[str, str]],
) -> bool:
    """The few `if:` forms the template uses, evaluated for `event`, the repository's variables and the jobs needed."""
    if expr is None:
        return True
    text = " ".join(str(expr).split())
    known = {
        "always()": lambda: True,
        "github.event_name == 'pull_request'": lambda: event == "pull_request",
        "github.event_name != 'workflow_dispatch' || !inputs.rollback": lambda: (
            event != "workflow_dispatch" or not inputs.get("rollback")
        ),
        "github.event_name == 'push' && github.ref == 'refs/heads/main'": lambda: event == "push",
        "github.event_name == 'push' && github.ref == 'refs/heads/main' && vars.UNITS_PUBLISH_DIR != ''": lambda: (
            event == "push" and bool(settings.get("UNITS_PUBLISH_DIR"))
        ),
        "github.event_name == 'workflow_dispatch' && inputs.rollback": lambda: (
            event == "workflow_dispatch" and bool(inputs.get("rollback"))
        ),
        "needs.audiences.outputs.units != '[]'": lambda: needs["audiences"]["units"] != "[]",
    }
    assert text in known, f"the test cannot evaluate if: {text}"
    return known[text]()


_MATRIX = re.compile(r"^\$\{\{\s*matrix\.(\w+)\s*\}\}$")
_STEP_OUTPUT = re.compile(r"^\$\{\{\s*steps\.([\w-]+)\.outputs\.(\w+)\s*\}\}$")


def runs(
    flow: Mapping[str, Any],
    job: str,
    event: str,
    settings: Mapping[str, str],
    inputs: Mapping[str, Any] | None = None,
    needs: Mapping[str, Mapping[str, str]] | None = None,
) -> bool:
    """Whether the forge starts `job` on `event` (its `if:`; a job whose needed job did not run is skipped)."""
    spec = flow["jobs"][job]
    needed = spec.get("needs", [])
    needed = [needed] if isinstance(needed, str) else needed
    if any(name not in (needs or {}) for name in needed):
        return False
    return github_condition(spec.get("if"), event, inputs or {}, settings, needs or {})


def run_github_job(
    flow: Mapping[str, Any],
    job: str,
    repo: Path,
    settings: Mapping[str, str],
    base_env: Mapping[str, str],
    event: str,
    inputs: Mapping[str, Any] | None = None,
    needs: Mapping[str, Mapping[str, str]] | None = None,
    matrix: Mapping[str, str] | None = None,
) -> tuple[str, dict[str, str]]:
    """Every step of `job` that runs on `event`, in order, as the runner would: (all they printed, the job's outputs).

    `needs` holds the outputs of the jobs this one needs (each must have run); `matrix` the values of
    one cell of the job's matrix, as the forge gives `${{ matrix.NAME }}` to the job's `env:`.
    """
    inputs, needs, matrix = inputs or {}, needs or {}, matrix or {}
    spec = flow["jobs"][job]
    assert runs(flow, job, event, settings, inputs, needs), f"{job} does not run on {event}"
    temp = repo.parent / "-".join(["runner-temp", job, *matrix.values()])
    temp.mkdir(exist_ok=True)
    gh_path, summary = temp / "path", temp / "summary.md"
    gh_path.touch()
    env = dict(base_env) | github_env(flow, settings)
    for name, value in spec.get("env", {}).items():
        m = _MATRIX.match(str(value))
        assert m, f"the test cannot evaluate {value!r}"
        env[name] = matrix[m.group(1)]
    env |= {
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "GITHUB_EVENT_NAME": event,
        "GITHUB_WORKSPACE": str(repo),
        "RUNNER_TEMP": str(temp),
        "GITHUB_PATH": str(gh_path),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    out, steps = [], {}
    for number, step in enumerate(spec["steps"]):
        if "uses" in step:
            assert step["uses"] in GITHUB_ACTIONS, step["uses"]
            continue
        if not github_condition(step.get("if"), event, inputs, settings, needs):
            continue
        assert "${{" not in step["run"], "values reach scripts through env, never pasted into the script"
        extra = [line for line in gh_path.read_text().splitlines() if line]
        path = os.pathsep.join([*reversed(extra), env["PATH"]])
        output = temp / f"output-{number}"
        output.write_text("")
        out.append(
            run_bash(step["run"], repo, env | step.get("env", {}) | {"PATH": path, "GITHUB_OUTPUT": str(output)})
        )
        pairs = [line.split("=", 1) for line in output.read_text().splitlines() if line]
        steps[step.get("id", str(number))] = dict(pairs)
    outputs = {}
    for name, value in spec.get("outputs", {}).items():
        m = _STEP_OUTPUT.match(str(value))
        assert m, f"the test cannot evaluate {value!r}"
        outputs[name] = steps[m.group(1)][m.group(2)]
    return "".join(out), outputs


# --- GitLab CI -----------------------------------------------------------------------------------


def _flatten(lines: Any) -> list[str]:
    if isinstance(lines, str):
        return [lines]
    return [line for item in lines or [] for line in _flatten(item)]


def gitlab_job(ci: Mapping[str, Any], job: str) -> dict[str, Any]:
    """The job with its `extends:` merged in (the hidden job's keys, then the job's own)."""
    spec = dict(ci[job])
    parent = spec.pop("extends", None)
    if parent is None:
        return spec
    base = gitlab_job(ci, parent)
    return base | spec | {"variables": base.get("variables", {}) | spec.get("variables", {})}


def gitlab_variables(ci: Mapping[str, Any], spec: Mapping[str, Any], settings: Mapping[str, str]) -> dict[str, str]:
    """Variables as GitLab resolves them: the file's, then the job's, then the project's CI/CD settings on top."""
    found: dict[str, str] = {}
    for source in (ci.get("variables", {}), spec.get("variables", {})):
        for name, value in source.items():
            found[name] = str(value["value"] if isinstance(value, dict) else value)
    return found | dict(settings)


def run_gitlab_job(
    ci: Mapping[str, Any],
    job: str,
    repo: Path,
    settings: Mapping[str, str],
    base_env: Mapping[str, str],
    source: str,
) -> str:
    """`before_script` and `script` of `job` in one bash, as the runner does; all they printed."""
    spec = gitlab_job(ci, job)
    env = dict(base_env) | gitlab_variables(ci, spec, settings)
    env |= {
        "GITLAB_CI": "true",
        "CI": "true",
        "CI_PIPELINE_SOURCE": source,
        "CI_PROJECT_DIR": str(repo),
        "CI_DEFAULT_BRANCH": "main",
        "CI_JOB_NAME": job,
    }
    if source == "push":
        env["CI_COMMIT_BRANCH"] = "main"
    lines = _flatten(spec.get("before_script")) + _flatten(spec["script"])
    return run_bash("\n".join(lines), repo, env)
