"""The CI templates for a district's content repository: valid for their forge, and every step runs.

The forges' own schemas (check-jsonschema's vendored `github-workflows` and `gitlab-ci`, offline)
judge the files; then each job's shell steps run in bash in a git repository of the example
district, with the variables `ci-templates/README.md` documents, so a broken command, flag or
shell line fails here and not on the forge.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator import DISTRIBUTION
from generator.cli import main
from generator.codeowners import codeowners

from . import forge
from .conftest import OUTSIDE_GIT, ROOT

TEMPLATES = ROOT / "ci-templates"
GUIDE = TEMPLATES / "README.md"
GITHUB = TEMPLATES / "github" / "workflows" / "disclose.yml"
GITLAB = TEMPLATES / "gitlab" / ".gitlab-ci.yml"
CODE_QUALITY = Path(__file__).parent / "schemas" / "gitlab-code-quality.json"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".yml", ".yaml"))


def schema_of(path: Path) -> list[str]:
    """check-jsonschema's options for the forge whose file this is."""
    if ".gitlab-ci" in path.name:
        return ["--builtin-schema", "vendor.gitlab-ci", "--data-transform", "gitlab-ci"]
    assert "workflows" in path.parts, f"{path}: which forge is this for?"
    return ["--builtin-schema", "vendor.github-workflows"]


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", *schema_of(path), str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


# --- the forges' schemas -------------------------------------------------------------------------


def test_both_forges_have_a_template() -> None:
    assert set(templates()) == {GITHUB, GITLAB}


@pytest.mark.parametrize("path", templates(), ids=lambda p: p.name)
def test_template_is_valid_for_its_forge(path: Path) -> None:
    done = validate(path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_catches_what_the_forge_rejects(tmp_path: Path) -> None:
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(
        GITLAB.read_text(encoding="utf-8").replace("  stage: publish\n", "  stage: publish\n  image: null\n", 1)
    )
    done = validate(broken)
    assert done.returncode == 1 and "image" in done.stdout


# --- what the templates install and use ----------------------------------------------------------


def test_our_distribution_name_is_the_one_the_templates_install() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^name = "{DISTRIBUTION}"$', pyproject, re.M)
    assert re.search(r'^disclose = "generator.cli:main"$', pyproject, re.M)  # the command keeps its name
    for path in templates():
        text = path.read_text(encoding="utf-8")
        assert 'pip install -q "$DISCLOSE_PACKAGE"' in text
        assert "pip install disclose" not in text and "'disclose'" not in text


def pinned(spec: str, path: Path) -> bool:
    """Whether the template's own guard accepts `spec` as DISCLOSE_PACKAGE (runs the guard in sh, as a runner does)."""
    [guard] = re.findall(
        r"""^ *(printf '%s' "\$DISCLOSE_PACKAGE" \| grep .*)$""", path.read_text(encoding="utf-8"), re.M
    )
    done = subprocess.run(
        ["sh", "-c", guard], env={"DISCLOSE_PACKAGE": spec, "PATH": os.environ["PATH"]}, capture_output=True
    )
    return done.returncode == 0


REPO = "zwgk-disclose @ git+https://git.juchao.gov.cn/zwgk/disclose.git"
WHEEL = "zwgk-disclose @ https://x.gov.cn/zwgk_disclose-0.1.0-py3-none-any.whl"


@pytest.mark.parametrize("path", templates(), ids=lambda p: p.name)
def test_only_a_pinned_source_is_installed(path: Path) -> None:
    """A version tag or a whole commit hash is pinned; a branch (main moves with every push) is not."""
    for good in (f"{REPO}@v0.1.0", f"{REPO}@v2", f"{REPO}@1.4.2", f"{REPO}@{'a1' * 20}", f"{WHEEL}#sha256={'0f' * 32}"):
        assert pinned(good, path), good
    for loose in (
        "",
        "disclose",
        "zwgk-disclose",
        "zwgk-disclose==0.1.0",
        "zwgk-disclose @ git+https://x/d.git",
        f"{REPO}@main",
        f"{REPO}@master",
        f"{REPO}@release",
        f"{REPO}@HEAD",
        f"{REPO}@a1b2c3d",  # a short hash can become ambiguous, and a branch may be named like one
        f"{REPO}@v0.1.0\n{REPO}@main",  # a second line would still be installed
        f"{REPO}@v0.1.0 --index-url https://evil.example/",
        f"{WHEEL}#sha256=ab12",
        f"{WHEEL}",
    ):
        assert not pinned(loose, path), loose


def documented_variables() -> dict[str, str]:
    """The variables table of ci-templates/README.md: name → example value."""
    rows = re.findall(r"^\| `([A-Z_]+)` \| [^|]+ \| `([^`]*)` \|", GUIDE.read_text(encoding="utf-8"), re.M)
    return dict(rows)


FORGE_VARIABLES = {
    "GITHUB_STEP_SUMMARY",
    "GITHUB_PATH",
    "GITHUB_OUTPUT",
    "RUNNER_TEMP",
    "CI_PROJECT_DIR",
    "CI_PIPELINE_SOURCE",
    "CI_COMMIT_BRANCH",
    "CI_DEFAULT_BRANCH",
    "PATH",
}


@pytest.mark.parametrize("path", templates(), ids=lambda p: p.name)
def test_every_variable_a_step_reads_is_documented_or_the_forges(path: Path) -> None:
    documented = documented_variables()
    assert {
        "DISCLOSE_PACKAGE",
        "PUBLISH_DIR",
        "CODEOWNERS_ADMIN",
        "CODEOWNERS_PATTERN",
        "LEDGER_URL",
        "UNITS_PUBLISH_DIR",
    } <= set(documented)
    text = path.read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{?([A-Z][A-Z0-9_]+)", text))
    assert used - set(documented) - FORGE_VARIABLES <= {"PIP_DISABLE_PIP_VERSION_CHECK", "GIT_DEPTH", "UNIT"}
    for name in documented:
        assert name in text, f"{name} is documented but {path.name} never reads it"


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
            line = line.strip()
            words = shlex.split(line.split(">")[0].split("||")[0], posix=True) if line.startswith("disclose ") else []
            if words:
                found.append(words[1:])
    return found


@pytest.mark.parametrize("path", templates(), ids=lambda p: p.name)
def test_every_disclose_command_in_the_templates_is_valid(path: Path) -> None:
    cmds = commands(load(path))
    assert {c[0] for c in cmds} >= {"check", "codeowners", "build", "publish"}
    assert any("--rollback" in c for c in cmds)
    for args in cmds:
        with main.make_context("disclose", list(args), resilient_parsing=False) as ctx:
            sub = main.get_command(ctx, args[0])
            assert sub is not None, args
            sub.make_context(args[0], args[1:])  # raises on an unknown option or a bad choice


def test_github_jobs_have_what_they_need() -> None:
    flow = load(GITHUB)
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    jobs = flow["jobs"]
    assert jobs["publish"]["needs"] == "check"
    for name in ("check", "publish"):  # dates are checked: full history
        [checkout] = [s for s in jobs[name]["steps"] if s.get("uses", "").startswith("actions/checkout")]
        assert checkout["with"]["fetch-depth"] == 0
    assert "graphviz fonts-noto-cjk" in json.dumps(jobs["check"], ensure_ascii=False)  # the preview draws flowcharts
    groups = [jobs[name]["concurrency"] for name in ("publish", "rollback")]
    assert groups[0] == groups[1] and groups[0]["cancel-in-progress"] is False  # one at a time, none dropped
    for name in ("publish", "rollback"):
        assert jobs[name]["runs-on"] == ["self-hosted", "zwgk-publish"]
    units = jobs[
        "publish-units"
    ]  # each unit's site: on the intranet, one job per unit, one publish per target at a time
    assert units["runs-on"] == ["self-hosted", "zwgk-intranet"]
    assert units["strategy"]["matrix"]["unit"] == "${{ fromJSON(needs.audiences.outputs.units) }}"
    assert units["strategy"]["fail-fast"] is False
    assert units["concurrency"] == {"group": "zwgk-publish-${{ matrix.unit }}", "cancel-in-progress": False}


def test_gitlab_jobs_have_what_they_need() -> None:
    ci = load(GITLAB)
    assert ci["variables"]["GIT_DEPTH"] == "0"  # full history for the date checks
    for name in ("check", "codeowners", "preview"):
        job = forge.gitlab_job(ci, name)
        assert job["image"].startswith("python:3.12")
        installed = " ".join(forge._flatten(job["before_script"]))
        assert re.search(r"apt-get install .*\bgit graphviz fonts-noto-cjk\b", installed)
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert ci["check"]["artifacts"]["when"] == "always"
    for name in ("publish", "rollback"):
        job = forge.gitlab_job(ci, name)
        assert job["tags"] == ["zwgk-publish"] and job["resource_group"] == "zwgk-publish"
        assert "image" not in job  # a shell runner on the web server
    assert forge.gitlab_job(ci, "publish")["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    units = forge.gitlab_job(ci, "publish-units")
    assert units["tags"] == ["zwgk-intranet"] and "image" not in units
    assert units["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $UNITS_PUBLISH_DIR"}]


# --- the jobs, run ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our wheel, built from a copy of the source (building writes next to the sources)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "generator", src / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [built] = out.glob("*.whl")
    assert built.name.startswith("zwgk_disclose-")
    return built


@pytest.fixture(scope="module")
def dependencies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our dependencies as installed here, without ourselves and pip: what `pip install` would fetch."""
    folder = tmp_path_factory.mktemp("deps")
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        name = entry.name.lower()
        if "disclose" in name or name.startswith(("pip", "__editable__", "__pycache__")) or name.endswith(".pth"):
            continue
        (folder / entry.name).symlink_to(entry)
    return folder


def district_repo(tmp_path: Path, settings: dict[str, str]) -> Path:
    """The example district as a content repository: imported on its `backdating_since` day, CODEOWNERS made as documented."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(ROOT / "site_config.yml", repo / "site_config.yml")
    shutil.copytree(ROOT / "content", repo / "content")
    names = sorted(p.name for p in (repo / "content").iterdir() if (p / "department.yml").exists())
    admin, pattern = settings["CODEOWNERS_ADMIN"], settings["CODEOWNERS_PATTERN"]
    (repo / "CODEOWNERS").write_text(codeowners("content", names, [admin], pattern), encoding="utf-8")
    date = "2026-11-30T09:00:00+08:00"
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    who = ["-c", "user.name=信息员", "-c", "user.email=zwgk@example.gov.cn", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "导入"]):
        subprocess.run(["git", *who, *args], cwd=repo, env=env, check=True, capture_output=True)
    return repo


def commit_a_change(repo: Path) -> None:
    """A clerk's merged change (a corrected title), so the next publish has something new to put live."""
    posting = repo / "content" / "czj" / "postings" / "2011-04-15-ke-zhuo-yi-cai-gou-zhong-biao.yml"
    text = posting.read_text(encoding="utf-8")
    posting.write_text(re.sub(r"^title: (.*)$", r"title: \1（更正）", text, count=1, flags=re.M), encoding="utf-8")
    who = ["-c", "user.name=信息员", "-c", "user.email=zwgk@example.gov.cn", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *who, "commit", "-q", "-am", "更正标题"], cwd=repo, check=True, capture_output=True)


def forge_setup(tmp_path: Path, wheel: Path, dependencies: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(the district's variables, the environment a runner gives a job)."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    settings = documented_variables() | {
        "DISCLOSE_PACKAGE": f"{DISTRIBUTION} @ {wheel.as_uri()}#sha256={digest}",
        "PUBLISH_DIR": str(tmp_path / "srv" / "zwgk"),
        "UNITS_PUBLISH_DIR": str(tmp_path / "intranet" / "zwgk"),
        "LEDGER_URL": "",
    }
    tools = forge.toolbox(tmp_path / "runner-bin")
    base = {
        "PATH": f"{tools}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(dependencies),  # the packages pip would download; with no index, a missing one fails
        "PIP_NO_INDEX": "1",
        "PIP_NO_CACHE_DIR": "1",
    }
    return settings, base


def live_release(publish_dir: Path) -> str:
    return (publish_dir / "current").resolve().name


AUDIENCES = ["xiangzhen", "zuzhibu"]  # site_config.yml's `audiences`
ADDRESSED = {  # an item of the example addressed to each (directly or through a group), and to no other of them
    "xiangzhen": "hotspots/sjj-2011-11-18-jing-ji-ze-ren-shen-ji-tong-bao/index.html",
    "zuzhibu": "matters/sjj-jing-ji-ze-ren-shen-ji/index.html",
}


def assert_units_sites(units_dir: Path) -> None:
    """Each unit listed in site_config.yml has its own live site: marked as its own, with what is addressed to it only."""
    assert sorted(p.name for p in units_dir.iterdir()) == AUDIENCES
    for unit in AUDIENCES:
        live = units_dir / unit / "current"
        assert json.loads((units_dir / unit / "target.json").read_text(encoding="utf-8"))["audience"] == f"for-{unit}"
        assert 'class="dz-audience"' in (live / "index.html").read_text(encoding="utf-8")
        for other, page in ADDRESSED.items():
            assert (live / page).exists() == (other == unit), (unit, page)


@pytest.mark.slow
def test_github_jobs_run(tmp_path: Path, wheel: Path, dependencies: Path) -> None:
    settings, base = forge_setup(tmp_path, wheel, dependencies)
    repo = district_repo(tmp_path, settings)
    flow = load(GITHUB)
    out, _ = forge.run_github_job(flow, "check", repo, settings, base, "pull_request")
    assert "::notice file=content/" in out  # annotations on the lines (the example's approved exceptions)
    summary = (tmp_path / "runner-temp-check" / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("### 政务公开校验")
    assert (repo / "preview" / "index.html").exists()
    publish_dir = Path(settings["PUBLISH_DIR"])
    checked = {"check": {}}
    forge.run_github_job(flow, "publish", repo, settings, base, "push", needs=checked)
    first = live_release(publish_dir)
    commit_a_change(repo)
    forge.run_github_job(flow, "publish", repo, settings, base, "push", needs=checked)
    assert live_release(publish_dir) != first
    forge.run_github_job(flow, "rollback", repo, settings, base, "workflow_dispatch", {"rollback": True})
    assert live_release(publish_dir) == first


@pytest.mark.slow
def test_gitlab_jobs_run(tmp_path: Path, wheel: Path, dependencies: Path) -> None:
    settings, base = forge_setup(tmp_path, wheel, dependencies)
    repo = district_repo(tmp_path, settings)
    ci = load(GITLAB)
    for job in ("check", "codeowners", "preview"):
        forge.run_gitlab_job(ci, job, repo, settings, base, "merge_request_event")
    report = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, json.loads(CODE_QUALITY.read_text(encoding="utf-8")))
    assert (repo / "public" / "index.html").exists()
    publish_dir = Path(settings["PUBLISH_DIR"])
    forge.run_gitlab_job(ci, "publish", repo, settings, base, "push")
    first = live_release(publish_dir)
    commit_a_change(repo)
    forge.run_gitlab_job(ci, "publish", repo, settings, base, "push")
    assert live_release(publish_dir) != first
    forge.run_gitlab_job(ci, "rollback", repo, settings, base, "push")
    assert live_release(publish_dir) == first
    forge.run_gitlab_job(ci, "publish-units", repo, settings, base, "push")
    assert_units_sites(Path(settings["UNITS_PUBLISH_DIR"]))
    assert live_release(publish_dir) == first  # the public target is not touched


@pytest.mark.slow
def test_github_publishes_each_units_site_in_a_matrix(tmp_path: Path, wheel: Path, dependencies: Path) -> None:
    settings, base = forge_setup(tmp_path, wheel, dependencies)
    repo = district_repo(tmp_path, settings)
    flow = load(GITHUB)
    checked = {"check": {}}
    assert not forge.runs(flow, "audiences", "push", settings | {"UNITS_PUBLISH_DIR": ""}, needs=checked)
    assert not forge.runs(flow, "audiences", "pull_request", settings, needs=checked)
    _, listed = forge.run_github_job(flow, "audiences", repo, settings, base, "push", needs=checked)
    units = json.loads(listed["units"])
    assert units == AUDIENCES
    done = {"publish": {}, "audiences": listed}
    for unit in units:  # one job per cell of the matrix
        forge.run_github_job(flow, "publish-units", repo, settings, base, "push", needs=done, matrix={"unit": unit})
    assert_units_sites(Path(settings["UNITS_PUBLISH_DIR"]))
    assert not forge.runs(flow, "publish-units", "push", settings, needs=done | {"audiences": {"units": "[]"}})


@pytest.mark.slow
def test_a_unit_that_fails_does_not_stop_the_others(tmp_path: Path, wheel: Path, dependencies: Path) -> None:
    settings, base = forge_setup(tmp_path, wheel, dependencies)
    repo = district_repo(tmp_path, settings)
    units_dir = Path(settings["UNITS_PUBLISH_DIR"])
    (units_dir / "xiangzhen").mkdir(parents=True)
    (units_dir / "xiangzhen" / "target.json").write_text(json.dumps({"audience": "public"}), encoding="utf-8")
    # xiangzhen's target holds the public site: its publish is refused, zuzhibu's goes ahead
    with pytest.raises(AssertionError, match=re.escape("这些单位的网站未发布(线上版本不变): xiangzhen\n")):
        forge.run_gitlab_job(load(GITLAB), "publish-units", repo, settings, base, "push")
    assert (units_dir / "zuzhibu" / "current" / "index.html").exists()
    assert not (units_dir / "xiangzhen" / "current").exists()


@pytest.mark.slow
def test_a_job_with_a_broken_step_fails_here(tmp_path: Path, wheel: Path, dependencies: Path) -> None:
    settings, base = forge_setup(tmp_path, wheel, dependencies)
    repo = district_repo(tmp_path, settings)
    ci = load(GITLAB)
    ci["codeowners"]["script"] = [s.replace("--pattern", "--patern") for s in ci["codeowners"]["script"]]
    with pytest.raises(AssertionError, match="没有选项 --patern"):
        forge.run_gitlab_job(ci, "codeowners", repo, settings, base, "merge_request_event")
    flow = load(GITHUB)
    with pytest.raises(AssertionError, match="DISCLOSE_PACKAGE"):
        forge.run_github_job(flow, "check", repo, settings | {"DISCLOSE_PACKAGE": "disclose"}, base, "pull_request")


# --- merge-request feedback ----------------------------------------------------------------------


def test_gitlab_format_is_a_code_quality_report(project: Path) -> None:
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("phone: 0551-82321001", "phone: 待定"), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--config", str(project), "--as-of", "2011-12-31", "--format", "gitlab"]
    )
    report = json.loads(result.output)
    jsonschema.validate(report, json.loads(CODE_QUALITY.read_text(encoding="utf-8")))
    [entry] = [e for e in report if e["check_name"] != OUTSIDE_GIT]
    assert entry["location"] == {"path": "content/czj/department.yml", "lines": {"begin": 8}}
    assert entry["severity"] == "major" and len(entry["fingerprint"]) == 64


def test_code_quality_schema_rejects_what_gitlab_ignores() -> None:
    schema = json.loads(CODE_QUALITY.read_text(encoding="utf-8"))
    entry = {
        "description": "x",
        "check_name": "c",
        "fingerprint": "f",
        "severity": "major",
        "location": {"path": "a.yml", "lines": {"begin": 1}},
    }
    jsonschema.validate([entry], schema)
    for broken in ({**entry, "severity": "error"}, {k: v for k, v in entry.items() if k != "fingerprint"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([broken], schema)


def test_summary_table_counts_errors_and_warnings_per_department(project: Path, tmp_path: Path) -> None:
    root = project.parent
    dept = root / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("phone: 0551-82321001", "phone: 待定"), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    args = ["check", "--config", str(project), "--as-of", "2011-12-31", "--format", "github", "--summary", str(summary)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### 政务公开校验\n")  # appended, as GitHub expects
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    assert cells[0][:3] == ["`czj`", "1", "0"]  # its department.yml does not validate, so it has no name
    assert re.fullmatch(r"`[a-z-]+` ×1", cells[0][3])
    assert cells[-1][0].startswith("全区")  # the outside-git warning is no department's
    assert sum(int(c[1]) for c in cells) == 1


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
