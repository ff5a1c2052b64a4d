"""No traceback anywhere: a fault nobody foresaw is one line naming the stage and file, a log under build/, exit 3."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.crash import EXIT_CRASH


def test_a_fault_is_one_line_a_log_and_exit_3(project: Path) -> None:
    root = project.parent
    (root / "build").mkdir()
    (root / "build" / "docs").write_text("a file where the page folder must go", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(project), "--as-of", "2011-12-31"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=300,
    )
    assert run.returncode == EXIT_CRASH
    assert "Traceback" not in run.stdout + run.stderr
    (line,) = [s for s in run.stderr.splitlines() if "程序内部错误" in s]
    assert "阶段：写入页面" in line and f"文件 {root / 'build'}" in line
    (log,) = (root / "build").glob("crash-*.log")
    assert str(log) in line
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "FileExistsError" in text
