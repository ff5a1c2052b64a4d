"""No traceback reaches a clerk: an unexpected error becomes one line naming the stage and the file
being worked on, the traceback goes to a log file under build/, and the command exits 3.

Stages say what they are doing with `stage` and `at_file`; each costs an assignment, so loops may use them.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

EXIT_CRASH = 3
"""Exit status of a command that stopped on an error nobody foresaw (0 ok, 1 content, 2 environment)."""
LOG_FOLDER = "build"

_state = {"stage": "启动", "file": "", "root": ""}


def stage(name: str, file: str | Path = "") -> None:
    """Mark what the program is doing now: a stage, and the file it reads or writes."""
    _state["stage"], _state["file"] = name, str(file)


def at_file(file: str | Path) -> None:
    """Within a stage, the file now being worked on."""
    _state["file"] = str(file)


def project_root(root: Path) -> None:
    """Where the project lives: the crash log goes to its build/ folder."""
    _state["root"] = str(root)


def report(exc: BaseException, now: dt.datetime | None = None) -> tuple[str, Path | None]:
    """Write the traceback to build/crash-<time>.log; return the line to show a clerk and the log's path."""
    stage, file = _state["stage"], _state["file"]
    folder = Path(_state["root"] or ".") / LOG_FOLDER
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    log: Path | None = folder / f"crash-{stamp}.log"
    assert log is not None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log.write_text(f"stage: {stage}\nfile: {file}\n\n" + "".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        log = None
    where = f"，文件 {file}" if file else ""
    kept = f"详细记录已写入 {log}" if log else "详细记录无法写入 build/ 目录"
    line = f"程序内部错误（阶段：{stage}{where}）：{type(exc).__name__}。内容未发布。{kept}，请把它发给网站管理员。"
    return " ".join(line.split()), log
