"""The command line: exit codes, located Chinese messages, output formats."""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import codes, pipeline
from generator.cli import _build_failures, main
from generator.engines import SiteBuildError
from generator.yamlload import parse_text

from .conftest import OUTSIDE_GIT, ROOT


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_clean_content_exits_zero(project: Path) -> None:
    code, out = run("check", "--config", str(project), "--as-of", "2011-12-31")
    assert code == 0, out
    assert "0 个错误" in out


def test_missing_field_names_file_line_and_label(project: Path) -> None:
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("address: 测试区人民路8号\n", ""), encoding="utf-8")
    code, out = run("check", "--config", str(project), "--as-of", "2011-12-31")
    assert code == 1
    assert re.search(
        r"^content/czj/department\.yml:2:1: 办公地址（address）：缺少必填项“办公地址”.*\[required\]$", out, re.M
    ), out


def test_late_posting_fails_the_build_and_says_by_how_much(project: Path, tmp_path: Path) -> None:
    post = project.parent / "content" / "czj" / "postings" / "2011-05-12-cai-gou.yml"
    post.write_text(
        post.read_text(encoding="utf-8").replace("published: 2011-05-16", "published: 2011-05-22"), encoding="utf-8"
    )
    site = tmp_path / "out"
    code, out = run("build", "--config", str(project), "--as-of", "2011-12-31", "--site-dir", str(site))
    assert code == 1
    assert "content/czj/postings/2011-05-12-cai-gou.yml:10:12: 公开日期（published）：" in out
    assert "最迟公开日期 2011-05-19" in out and "逾期 3 日" in out
    assert not site.exists()


def test_json_and_github_formats(project: Path) -> None:
    dept = project.parent / "content" / "czj" / "department.yml"
    dept.write_text(dept.read_text(encoding="utf-8").replace("phone: 0551-82321001", "phone: 待定"), encoding="utf-8")
    code, out = run("check", "--config", str(project), "--as-of", "2011-12-31", "--format", "json", "--lang", "en")
    assert code == 1
    [item] = [i for i in json.loads(out) if i["code"] != OUTSIDE_GIT]
    assert item["code"] == "type" and item["file"] == "content/czj/department.yml" and item["line"] == 8
    assert "phone number" in item["message"]
    code, out = run("check", "--config", str(project), "--as-of", "2011-12-31", "--format", "github")
    assert out.startswith("::error file=content/czj/department.yml,line=8,col=8,title=type::")


def test_missing_config_is_a_usage_problem(tmp_path: Path) -> None:
    code, out = run("check", "--config", str(tmp_path / "nope.yml"))
    assert code == 2
    assert "nope.yml" in out


def test_templates_parse_and_name_every_required_field() -> None:
    for kind in ("department", "procedure", "posting", "fee"):
        code, out = run("new", kind)
        assert code == 0
        assert parse_text(out, f"{kind}.yml") is not None
        assert "必填" in out


def test_schema_is_json() -> None:
    code, out = run("schema", "procedure")
    assert code == 0
    schema = json.loads(out)
    assert "lead_section" in schema["properties"]
    assert "name" in schema["required"]


def test_without_graphviz_the_build_cannot_run_here(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = CliRunner().invoke(main, ["build", "--config", str(project), "--as-of", "2011-12-31"])
    assert result.exit_code == 2, result.output
    assert f"[{codes.ENGINE_MISSING}]" in result.output and "Graphviz" in result.output
    english = CliRunner().invoke(main, ["build", "--config", str(project), "--as-of", "2011-12-31", "--lang", "en"])
    assert english.exit_code == 2 and "Graphviz's dot command is not installed" in english.output


def test_without_pagefind_the_build_cannot_run_here(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # what Python sees when the wheel is not installed
    result = CliRunner().invoke(main, ["build", "--config", str(project), "--as-of", "2011-12-31"])
    assert result.exit_code == 2, result.output
    assert f"[{codes.ENGINE_MISSING}]" in result.output and "Pagefind" in result.output
    assert "Traceback" not in result.output and not (project.parent / "site").exists()
    english = CliRunner().invoke(main, ["build", "--config", str(project), "--as-of", "2011-12-31", "--lang", "en"])
    assert english.exit_code == 2 and "The search indexer Pagefind is not installed" in english.output


def test_a_publish_folder_that_cannot_switch_is_refused(project: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    (to / "current").mkdir(parents=True)  # a real folder where the live link should be
    result = CliRunner().invoke(main, ["publish", "--config", str(project), "--as-of", "2011-12-31", "--to", str(to)])
    assert result.exit_code == 2, result.output
    assert f"[{codes.PUBLISH_REFUSED}]" in result.output and "不是符号链接" in result.output
    args = ["publish", "--config", str(project), "--as-of", "2011-12-31", "--to", str(to), "--lang", "en"]
    english = CliRunner().invoke(main, args)
    assert english.exit_code == 2 and "is not a symbolic link" in english.output
    assert "不是符号链接" not in english.output


def test_a_page_the_engine_refuses_is_a_site_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped, _build_failures(tmp_path / "site_config.yml", "en"):
        raise SiteBuildError("mkdocs 构建失败", "mkdocs refused the generated pages")
    assert stopped.value.code == 1 and codes.SITE_BUILD_FAILED.category == "site"
    assert "mkdocs refused the generated pages [site-build-failed]" in capsys.readouterr().err


def test_problems_carry_their_department(project: Path) -> None:
    content = project.parent / "content"
    for path in (content / "district.yml", content / "czj" / "department.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace("phone: 0551-8232", "phone: 待定 "), encoding="utf-8")
    code, out = run("check", "--config", str(project), "--as-of", "2011-12-31", "--format", "json")
    assert code == 1
    found = {(i["file"], i["department"]) for i in json.loads(out) if i["code"] == "type"}
    assert found == {("content/district.yml", ""), ("content/czj/department.yml", "czj")}


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["chek"], "没有命令 chek。是不是 check？"),
        (["check", "--foo"], "没有选项 --foo。"),
        (["check", "--as-of", "2011-13-01"], "--as-of 的日期应写成 YYYY-MM-DD"),
        (["new"], "缺少参数 种类"),
        (["new", "posting", "--table", "fines"], "--table 只能是：licences、penalties"),
        (["serve", "--port", "八千"], "--port 应当是一个数字"),
        (["import", "penalties"], "请给出要导入的表格文件和 --department"),
    ],
)
def test_a_mistake_in_calling_a_command_is_said_in_chinese(args: list[str], says: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="disclose")
    assert result.exit_code == 2
    assert says in result.output and "用法：disclose" in result.output and "查看说明：disclose" in result.output
    assert not any(word in result.output for word in ("Usage:", "Error:", "Try '", "Invalid value", "No such"))


def test_help_lists_every_command_in_full_in_chinese() -> None:
    result = CliRunner().invoke(main, ["--help"], terminal_width=80)
    assert result.exit_code == 0 and "命令：" in result.output and "选项：" in result.output
    assert "..." not in result.output.split("命令：", 1)[1]
    assert all(line.rstrip() == line for line in result.output.splitlines())


def test_init_makes_a_content_repository_that_refuses_its_examples_until_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "zwgk-content"
    code, out = run("init", str(folder), "--district", "巢湖区", "--admin", "@chaohu/web", "--as-of", "2026-12-08")
    assert code == 0, out
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == [
        ".gitignore",
        "CODEOWNERS",
        "README.md",
        "content/district.yml",
        "content/fees.yml",
        "site_config.yml",
    ]
    config = (folder / "site_config.yml").read_text(encoding="utf-8")
    assert "site_name: 巢湖区政务公开" in config and "backdating_since: 2026-12-08" in config
    assert set((folder / ".gitignore").read_text(encoding="utf-8").split()) >= set(pipeline.GENERATED)
    code, out = run("check", "--config", str(folder / "site_config.yml"))
    assert code == 1 and "template-example" in out and "Traceback" not in out
    code, out = run("init", str(folder), "--district", "巢湖区")
    assert code == 1 and "没有写入任何文件" in out


def test_the_projects_own_gitignore_covers_every_folder_a_run_writes() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert all(pattern in ignored or f"{pattern}*" in ignored for pattern in pipeline.GENERATED)
    for scope in ("public", "internal", "for-xiangzhen"):
        for only in (None, "czj"):
            paths = pipeline.Paths.of(ROOT / "site_config.yml", None, scope=scope, only=only)
            for folder in (paths.build, paths.site):
                assert any(fnmatch.fnmatch(f"/{folder.name}/", pattern) for pattern in pipeline.GENERATED), folder


def test_the_example_district_checks_with_no_error_and_no_warning() -> None:
    """The example teaches by being clean: what it shows apart from approved exceptions would train people to
    ignore warnings."""
    report = pipeline.check(ROOT / "site_config.yml", dt.date.today()).report
    assert [p.text() for p in report.problems if p.severity != "notice"] == []
