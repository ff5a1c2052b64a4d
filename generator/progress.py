"""How far a long command has got: the pipeline names each stage and counts its items.

    with progress.stage("页面", total=len(work)) as advance:
        for item in work:
            ...
            advance(1)

`Progress` only records each stage (items, seconds) and gives one plain summary line: that is
what a pipe, a log file and CI see. `Live` also draws the stages with `rich` (stage, items done
of total, rate, time left) while they run; `for_stream()` picks it only for an interactive
terminal outside CI. Stages that do not know their total in advance show a spinner and a count.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

Advance = Callable[[int], None]
"""Called with the number of items a stage has just finished."""


@dataclass
class Stage:
    """One finished stage: its name, the items it handled and how long it took."""

    name: str
    items: int
    seconds: float


class Progress:
    """Records each stage; shows nothing while they run (pipes, logs, CI)."""

    def __init__(self) -> None:
        self.stages: list[Stage] = []

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        return None

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Advance]:
        """Time the stage `name`; the caller reports finished items through the yielded function."""
        done = 0

        def advance(items: int = 1) -> None:
            nonlocal done
            done += items
            self._advanced(items)

        self._started(name, total)
        started = time.perf_counter()
        try:
            yield advance
        finally:
            self.stages.append(Stage(name, done, time.perf_counter() - started))
            self._finished()

    def summary(self) -> str:
        """One line: every stage with its items and seconds, e.g. `校验 1,204 项 0.8 秒 · 页面 312 项 1.9 秒`."""
        return " · ".join(
            f"{s.name} {s.items:,} 项 {s.seconds:.1f} 秒" if s.items else f"{s.name} {s.seconds:.1f} 秒"
            for s in self.stages
        )

    def _started(self, name: str, total: int | None) -> None:
        """A stage begins (drawn by `Live`)."""

    def _advanced(self, items: int) -> None:
        """Items of the running stage are done (drawn by `Live`)."""

    def _finished(self) -> None:
        """The running stage ended (drawn by `Live`)."""


class Rate(ProgressColumn):
    """Items per second of the running stage."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} 项/秒" if speed else "", style="progress.data.speed")


class Live(Progress):
    """Records each stage and draws it on a terminal with `rich` while it runs."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self._bars = RichProgress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            Rate(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> Live:
        self._bars.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._bars.stop()

    def _started(self, name: str, total: int | None) -> None:
        self._task = self._bars.add_task(name, total=total)

    def _advanced(self, items: int) -> None:
        if self._task is not None:
            self._bars.advance(self._task, items)

    def _finished(self) -> None:
        if self._task is not None:
            task = self._bars.tasks[-1]
            self._bars.update(self._task, total=task.completed or 1, completed=task.completed or 1)
            self._task = None


def interactive(stream: IO[str] | None = None) -> Console | None:
    """A `rich` console on `stream` (default stderr) when a person is watching it: a terminal, outside CI."""
    if os.environ.get("CI"):
        return None
    console = Console(file=stream, stderr=stream is None)
    return console if console.is_interactive else None


def for_stream(stream: IO[str] | None = None) -> Progress:
    """`Live` on an interactive terminal, otherwise the quiet recorder whose `summary()` is printed once."""
    console = interactive(stream)
    return Live(console) if console is not None else Progress()
