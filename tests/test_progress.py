"""Progress of a build: stages with their items on a terminal, one plain summary line in a pipe or in CI."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.progress import Progress, for_stream

from .conftest import AS_OF

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_a_stage_counts_its_items_and_time() -> None:
    progress = Progress()
    with progress.stage("页面", total=3) as advance:
        advance(2)
        advance(1)
    with progress.stage("网站"):
        pass
    assert [(s.name, s.items) for s in progress.stages] == [("页面", 3), ("网站", 0)]
    assert re.fullmatch(r"页面 3 项 \d+\.\d 秒 · 网站 \d+\.\d 秒", progress.summary())


def test_a_stage_that_fails_is_still_recorded() -> None:
    progress = Progress()
    with pytest.raises(ValueError), progress.stage("流程图") as advance:
        advance(1)
        raise ValueError
    assert [(s.name, s.items) for s in progress.stages] == [("流程图", 1)]


def test_no_terminal_no_drawing(tmp_path: Path) -> None:
    with (tmp_path / "log").open("w") as log:
        assert type(for_stream(log)) is Progress


@pytest.mark.slow
def test_build_reports_every_stage_with_what_it_counted(project: Path) -> None:
    progress = Progress()
    built = pipeline.build(project, AS_OF, progress=progress)
    counted = {s.name: s.items for s in progress.stages}
    assert list(counted) == ["校验", "流程图", "页面", "写入", "网站", "扫描"]
    assert counted["校验"] == len(built.generated.checked.content.files) if built.generated.checked.content else False
    assert (
        counted["流程图"] == len(built.generated.checked.content.procedures)
        if built.generated.checked.content
        else False
    )
    assert counted["页面"] == built.generated.pages
    html = list((project.parent / "site").rglob("*.html"))
    assert counted["网站"] == len([p for p in html if p.name != "404.html"])  # mkdocs' own 404 page is no page of ours
    assert counted["扫描"] >= len(html)


@pytest.mark.slow
def test_piped_build_prints_one_plain_summary_line(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(project), "--as-of", str(AS_OF)])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("已生成")]
    assert re.search(
        r"校验 \d+ 项 [\d.]+ 秒 · 流程图 \d+ 项 [\d.]+ 秒 · 页面 \d+ 项 .* 网站 \d+ 项 .* 扫描 \d+ 项", line
    )
    assert not ANSI.search(result.output)


def _on_a_terminal(project: Path, *extra: str, command: str = "build", **env: str) -> str:
    """Run `disclose build` (or another command) with stdout and stderr on a pseudo-terminal; everything it drew."""
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "CI"} | {"COLUMNS": "120", "TERM": "xterm"} | env
    args = [sys.executable, "-m", "generator", command, "--config", str(project), "--as-of", str(AS_OF), *extra]
    proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=environ)
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=120) == 0, out.decode(errors="replace")
    os.close(leader)
    return out.decode(errors="replace")


@pytest.mark.slow
def test_a_terminal_sees_each_stage_with_items_and_rate(project: Path) -> None:
    drawn = _on_a_terminal(project)
    assert ANSI.search(drawn)
    shown = ANSI.sub("", drawn)
    for stage in ("校验", "流程图", "页面", "写入", "网站", "扫描"):
        assert stage in shown
    assert re.search(r"网站.*\d+/\d+", shown)  # items done of total
    assert re.search(r"\d[\d,]* 项/秒", shown)  # the rate
    assert "已生成" in shown


@pytest.mark.slow
def test_ci_on_a_terminal_still_gets_plain_text(project: Path) -> None:
    drawn = _on_a_terminal(project, CI="true")
    assert not re.search(r"\d+/\d+", ANSI.sub("", drawn))
    assert "已生成" in drawn


@pytest.mark.slow
def test_publish_shows_its_stages_on_a_terminal_and_ends_with_what_went_live(project: Path, tmp_path: Path) -> None:
    drawn = ANSI.sub("", _on_a_terminal(project, "--to", str(tmp_path / "www"), command="publish"))
    for stage in ("校验", "页面", "网站", "扫描", "核对"):
        assert stage in drawn
    assert re.search(r"网站.*\d+/\d+", drawn)
    assert re.search(r"已发布 \d{8}-\d{6}（\d+ 个页面）：新上线 \d+ 条", drawn)
